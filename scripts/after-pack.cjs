// electron-builder's afterPack hook: flips Electron's fuses in the packaged binary (before it is
// signed) with @electron/fuses, so the shipped app cannot be turned into a plain Node runtime or a
// debugger target, and loads only its own, integrity-checked asar.
const { join } = require('node:path')
const { flipFuses, FuseVersion, FuseV1Options } = require('@electron/fuses')

/** The fuses every packaged build gets. */
const FUSES = {
  version: FuseVersion.V1,
  [FuseV1Options.RunAsNode]: false,
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  [FuseV1Options.EnableCookieEncryption]: true,
}

/** The packaged Electron binary (or macOS .app bundle) in electron-builder's output folder. */
function executableOf(context) {
  const { appOutDir, electronPlatformName, packager } = context
  const name = packager.appInfo.productFilename
  if (electronPlatformName === 'darwin' || electronPlatformName === 'mas')
    return join(appOutDir, `${name}.app`)
  if (electronPlatformName === 'win32') return join(appOutDir, `${name}.exe`)
  return join(appOutDir, packager.executableName)
}

async function afterPack(context) {
  // arm64 macOS refuses to run a binary whose ad-hoc signature no longer matches.
  const arm64Mac = context.electronPlatformName === 'darwin' && context.arch === 3 // Arch.arm64
  await flipFuses(executableOf(context), { ...FUSES, resetAdHocDarwinSignature: arm64Mac })
}

module.exports = afterPack
module.exports.default = afterPack
module.exports.FUSES = FUSES
module.exports.executableOf = executableOf

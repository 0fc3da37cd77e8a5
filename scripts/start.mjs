// `npm start`: runs the desktop app. The electron package (v42+) ships without its binary, so this
// first makes sure the binary is there with electron's own installer, then builds the app and
// opens it with `electron-vite preview`. When the binary cannot be fetched (no network), it says
// so in one paragraph and points to `npm run web`, the same app in a browser.
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

const require = createRequire(import.meta.url)
const electronDir = dirname(require.resolve('electron/package.json'))
const electronVersion = JSON.parse(readFileSync(join(electronDir, 'package.json'), 'utf8')).version

/** The installed Electron executable, or null when the package has no binary yet. */
function installedBinary() {
  const pathFile = join(electronDir, 'path.txt')
  if (!existsSync(pathFile)) return null
  const relative = readFileSync(pathFile, 'utf8').trim()
  const base = process.env.ELECTRON_OVERRIDE_DIST_PATH || join(electronDir, 'dist')
  const binary = join(base, relative)
  return existsSync(binary) ? binary : null
}

/** The first line of the installer's error output that is not a stack frame: the reason, short. */
function reasonFrom(output) {
  const line = output
    .split('\n')
    .map((l) => l.trim())
    .find((l) => l && !l.startsWith('at ') && !l.startsWith('Downloading'))
  return line ? line.slice(0, 200) : 'the installer stopped without saying why'
}

function say(paragraph) {
  // One paragraph, wrapped for a terminal; no stack trace.
  const words = paragraph.split(/\s+/)
  const lines = ['']
  for (const w of words) {
    if ((lines.at(-1) + ' ' + w).trim().length > 100) lines.push('')
    lines[lines.length - 1] = (lines.at(-1) + ' ' + w).trim()
  }
  console.error('\n' + lines.join('\n') + '\n')
}

function ensureElectron() {
  if (installedBinary()) return true
  console.log(
    `Backprop Studio: fetching the Electron ${electronVersion} binary (about 100 MB, only this once)…`,
  )
  const result = spawnSync(process.execPath, [join(electronDir, 'install.js')], {
    stdio: ['ignore', 'inherit', 'pipe'],
    encoding: 'utf8',
  })
  if (result.status === 0 && installedBinary()) return true
  const reason = result.error ? result.error.message : reasonFrom(result.stderr ?? '')
  say(
    `Backprop Studio could not start the desktop app: it needs the Electron ${electronVersion} binary, ` +
      `and downloading it failed (${reason}). This usually means this machine has no internet access, ` +
      `or a proxy or firewall blocks github.com, where Electron's builds are published. ` +
      `You can use the same app in your browser right now: run \`npm run web\` and open the address it ` +
      `prints (http://127.0.0.1:4173 by default). To get the desktop app later, run \`npm start\` again ` +
      `once you are online; behind a proxy set ELECTRON_GET_USE_PROXY=1 with HTTPS_PROXY, or set ` +
      `ELECTRON_MIRROR to a mirror of Electron's releases.`,
  )
  return false
}

function hasDisplay() {
  if (process.platform !== 'linux') return true
  return Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY)
}

if (!ensureElectron()) process.exit(1)

if (!hasDisplay()) {
  say(
    'Backprop Studio could not start the desktop app: this Linux session has no display ' +
      '(neither DISPLAY nor WAYLAND_DISPLAY is set), so no window can open. Run it from a desktop ' +
      'session, or under `xvfb-run npm start` for a virtual display; or use the same app in your ' +
      'browser with `npm run web`.',
  )
  process.exit(1)
}

// `electron-vite preview` builds main, preload and renderer, then launches Electron on the result.
// (Its package exports hide bin/, so the path is built from package.json's folder.)
const cli = join(dirname(require.resolve('electron-vite/package.json')), 'bin', 'electron-vite.js')
const child = spawn(process.execPath, [cli, 'preview', ...process.argv.slice(2)], { stdio: 'inherit' })
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal))
child.on('close', (code, signal) => process.exit(code ?? (signal ? 1 : 0)))

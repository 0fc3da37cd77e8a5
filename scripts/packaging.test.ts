/**
 * The installers cannot be built here (packaging downloads Electron), so this checks what they are
 * made from: electron-builder.yml against electron-builder's own schema and the issue's
 * invariants, the fuses hook, and the icons each platform needs.
 */
import { describe, it, expect } from 'vitest'
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { parse } from 'yaml'

const root = join(import.meta.dirname, '..')
const require = createRequire(import.meta.url)
const config = parse(readFileSync(join(root, 'electron-builder.yml'), 'utf8'))
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'))

/** Width and height from a PNG's IHDR chunk. */
function pngSize(png: Buffer): [number, number] {
  expect(png.subarray(1, 4).toString('ascii')).toBe('PNG')
  return [png.readUInt32BE(16), png.readUInt32BE(20)]
}

/** The image sizes inside an .ico (0 in the directory means 256), checked against each PNG entry. */
function icoSizes(ico: Buffer): number[] {
  expect(ico.readUInt16LE(2)).toBe(1)
  return Array.from({ length: ico.readUInt16LE(4) }, (_, i) => {
    const e = 6 + 16 * i
    const size = ico[e] || 256
    const [offset, length] = [ico.readUInt32LE(e + 12), ico.readUInt32LE(e + 8)]
    expect(pngSize(ico.subarray(offset, offset + length))).toEqual([size, size])
    return size
  })
}

/** The types and PNG sizes inside an .icns. */
function icnsEntries(icns: Buffer): [string, number][] {
  expect(icns.subarray(0, 4).toString('ascii')).toBe('icns')
  expect(icns.readUInt32BE(4)).toBe(icns.length)
  const entries: [string, number][] = []
  for (let at = 8; at < icns.length;) {
    const length = icns.readUInt32BE(at + 4)
    entries.push([
      icns.subarray(at, at + 4).toString('ascii'),
      pngSize(icns.subarray(at + 8, at + length))[0],
    ])
    at += length
  }
  return entries
}

describe('electron-builder.yml', () => {
  it('is a valid electron-builder configuration (its own schema, offline)', async () => {
    const { validateConfiguration } = require('app-builder-lib/out/util/config/config')
    const { DebugLogger } = require('builder-util')
    await expect(
      validateConfiguration(structuredClone(config), new DebugLogger(false)),
    ).resolves.toBeUndefined()
    await expect(
      validateConfiguration({ ...structuredClone(config), linux: { catgory: 'x' } }, new DebugLogger(false)),
    ).rejects.toThrow(/does not match the API schema/)
  })

  it('names the app and builds AppImage and deb, dmg, and NSIS', () => {
    expect(config.appId).toMatch(/^[a-z0-9]+(\.[a-z0-9-]+)+$/)
    expect(config.productName).toBe('Backprop Studio')
    expect(config.linux.target).toEqual(['AppImage', 'deb'])
    expect(config.mac.target).toBe('dmg')
    expect(config.win.target).toBe('nsis')
    expect(config.linux.category).toBe('Education')
    expect(config.mac.category).toBe('public.app-category.education')
  })

  it('associates .bpmodel files with the app, with their own icon and MIME type', () => {
    expect(config.fileAssociations).toEqual([
      expect.objectContaining({
        ext: 'bpmodel',
        mimeType: 'application/x-backprop-model',
        icon: 'file-icon',
      }),
    ])
    expect(config.linux.mimeTypes).toContain('application/x-backprop-model')
    for (const ext of ['icns', 'ico'])
      expect(existsSync(join(root, config.directories.buildResources, `file-icon.${ext}`))).toBe(true)
    // The browser's save picker offers the same type (src-renderer/bridge/web-files.ts).
    expect(readFileSync(join(root, 'src-renderer/bridge/web-files.ts'), 'utf8')).toContain(
      "'application/x-backprop-model'",
    )
  })

  it('packs only the built output, in an asar', () => {
    expect(config.asar).toBe(true)
    expect(config.files).toEqual(['out/**/*', 'package.json', '!**/*.map', '!node_modules/**/*'])
    expect(pkg.main).toMatch(/^\.\/out\/main\/index\.js$/)
    // What `main` needs at run time is bundled, not loaded from node_modules (electron.vite.config.ts).
    // write-file-atomic for saving, base64-js for the timeline in model files (the training worker).
    const bundled = readFileSync(join(root, 'electron.vite.config.ts'), 'utf8').match(
      /externalizeDeps: \{ exclude: \[([^\]]*)\] \}/,
    )?.[1]
    for (const dep of ['write-file-atomic', 'base64-js']) {
      expect(Object.keys(pkg.dependencies)).toContain(dep)
      expect(bundled).toContain(`'${dep}'`)
    }
  })

  it('has `npm run dist` build the bundle and then the installers for this system', () => {
    expect(pkg.scripts.dist).toBe('electron-vite build && electron-builder --config electron-builder.yml')
    expect(pkg.devDependencies['electron-builder']).toMatch(/^~?26\./)
    expect(pkg.scripts.postinstall).toBeUndefined()
  })
})

describe('the fuses hook', () => {
  const hook = require(join(root, config.afterPack))
  const { FuseV1Options, FuseVersion } = require('@electron/fuses')

  it('turns off RunAsNode, NODE_OPTIONS and inspect arguments; loads only an integrity-checked asar', () => {
    expect(hook.FUSES).toMatchObject({
      version: FuseVersion.V1,
      [FuseV1Options.RunAsNode]: false,
      [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
      [FuseV1Options.EnableNodeCliInspectArguments]: false,
      [FuseV1Options.OnlyLoadAppFromAsar]: true,
      [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
    })
  })

  it('finds the packaged binary on each system', () => {
    const packager = { appInfo: { productFilename: 'Backprop Studio' }, executableName: 'backprop-studio' }
    const at = (electronPlatformName: string) =>
      hook.executableOf({ appOutDir: '/out', electronPlatformName, packager })
    expect(at('darwin')).toBe(join('/out', 'Backprop Studio.app'))
    expect(at('win32')).toBe(join('/out', 'Backprop Studio.exe'))
    expect(at('linux')).toBe(join('/out', 'backprop-studio'))
  })
})

describe('icons (resources/, made by scripts/make-icons.mjs from icon.svg and file-icon.svg)', () => {
  const res = join(root, 'resources')
  const file = (name: string) => readFileSync(join(res, name))

  it('Linux: one PNG per size from 16 to 1024, each the size its name says', () => {
    for (const size of [16, 24, 32, 48, 64, 128, 256, 512, 1024])
      expect(pngSize(file(`icons/${size}x${size}.png`))).toEqual([size, size])
    expect(config.linux.icon).toBe('resources/icons')
  })

  it('Windows: .ico files with 16 to 256', () => {
    for (const name of ['icon.ico', 'file-icon.ico'])
      expect(icoSizes(file(name))).toEqual([16, 24, 32, 48, 64, 128, 256])
    expect(config.win.icon).toBe('resources/icon.ico')
  })

  it('macOS: .icns files with every size from 16 to 1024 (and the @2x types)', () => {
    for (const name of ['icon.icns', 'file-icon.icns']) {
      const entries = new Map(icnsEntries(file(name)))
      expect(entries).toEqual(
        new Map([
          ['icp4', 16],
          ['icp5', 32],
          ['icp6', 64],
          ['ic07', 128],
          ['ic08', 256],
          ['ic09', 512],
          ['ic10', 1024],
          ['ic11', 32],
          ['ic12', 64],
          ['ic13', 256],
          ['ic14', 512],
        ]),
      )
    }
    expect(config.mac.icon).toBe('resources/icon.icns')
  })

  it('come from committed source images', () => {
    for (const name of ['icon.svg', 'file-icon.svg']) expect(file(name).toString()).toMatch(/^<svg /)
  })
})

// Renders the icons every installer needs from the two source images, resources/icon.svg (the app)
// and resources/file-icon.svg (a .bpmodel file), with the Chromium the e2e tests use. The results
// are committed (packaging reads them; CI does not regenerate them): run `node scripts/make-icons.mjs`
// after changing a source image. ICO and ICNS are written here: both are a small header and a
// table of PNG images, simpler to write than to add a dependency for.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { chromium } from '@playwright/test'

const root = join(import.meta.dirname, '..')
const res = join(root, 'resources')

/** Linux wants a folder of NxN.png; these are the sizes desktops ask for. */
export const LINUX_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024]
/** Windows' .ico: 256 is the largest it shows; the small ones are what Explorer lists use. */
export const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256]
/** macOS's .icns: each type is one PNG of the given size (the @2x types reuse the larger ones). */
export const ICNS_TYPES = [
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
]

/** An .ico holding PNG images (Windows Vista and later read PNG entries). */
export function ico(pngs) {
  const header = Buffer.alloc(6 + 16 * pngs.length)
  header.writeUInt16LE(0, 0)
  header.writeUInt16LE(1, 2)
  header.writeUInt16LE(pngs.length, 4)
  let offset = header.length
  pngs.forEach(({ size, png }, i) => {
    const e = 6 + 16 * i
    header.writeUInt8(size >= 256 ? 0 : size, e)
    header.writeUInt8(size >= 256 ? 0 : size, e + 1)
    header.writeUInt16LE(1, e + 4)
    header.writeUInt16LE(32, e + 6)
    header.writeUInt32LE(png.length, e + 8)
    header.writeUInt32LE(offset, e + 12)
    offset += png.length
  })
  return Buffer.concat([header, ...pngs.map((p) => p.png)])
}

/** An .icns holding PNG images under their types. */
export function icns(entries) {
  const chunks = entries.map(({ type, png }) => {
    const head = Buffer.alloc(8)
    head.write(type, 0, 'ascii')
    head.writeUInt32BE(png.length + 8, 4)
    return Buffer.concat([head, png])
  })
  const head = Buffer.alloc(8)
  head.write('icns', 0, 'ascii')
  head.writeUInt32BE(8 + chunks.reduce((n, c) => n + c.length, 0), 4)
  return Buffer.concat([head, ...chunks])
}

async function render(page, svg, size) {
  await page.setViewportSize({ width: size, height: size })
  await page.setContent(
    `<html><body style="margin:0;background:transparent"><img src="data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}" width="${size}" height="${size}"></body></html>`,
  )
  await page.locator('img').evaluate((img) => img.decode())
  return page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } })
}

async function main() {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu'],
  })
  const page = await browser.newPage({ deviceScaleFactor: 1 })
  for (const [source, name] of [
    ['icon.svg', 'icon'],
    ['file-icon.svg', 'file-icon'],
  ]) {
    const svg = readFileSync(join(res, source), 'utf8')
    const sizes = [...new Set([...LINUX_SIZES, ...ICO_SIZES, ...ICNS_TYPES.map(([, s]) => s)])]
    const png = new Map()
    for (const size of sizes) png.set(size, await render(page, svg, size))
    writeFileSync(join(res, `${name}.ico`), ico(ICO_SIZES.map((size) => ({ size, png: png.get(size) }))))
    writeFileSync(
      join(res, `${name}.icns`),
      icns(ICNS_TYPES.map(([type, size]) => ({ type, png: png.get(size) }))),
    )
    if (name === 'icon') {
      mkdirSync(join(res, 'icons'), { recursive: true })
      for (const size of LINUX_SIZES) writeFileSync(join(res, 'icons', `${size}x${size}.png`), png.get(size))
    }
  }
  await browser.close()
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop())) await main()

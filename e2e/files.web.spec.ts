/**
 * The web bridge's files and recovery copy against the real browser: IndexedDB across a reload,
 * Save as a download, and Open through a file input, where the page has no File System Access
 * pickers. The bridge modules are bundled on their own (the renderer wires them up) and put into
 * the app's page, on the app's origin; the page's CSP is bypassed only to add that script.
 */
import { test, expect, type Page } from '@playwright/test'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { build } from 'vite'
import { withoutPickers } from './helpers.ts'

let bundle = ''

test.beforeAll(async () => {
  const out = await build({
    configFile: false,
    logLevel: 'warn',
    build: {
      write: false,
      minify: false,
      lib: {
        entry: join(import.meta.dirname, 'fixtures', 'bridge-files.ts'),
        formats: ['iife'],
        name: '__bridgeFiles',
      },
    },
  })
  const outputs = Array.isArray(out) ? out : [out]
  const chunk = outputs.flatMap((o) => ('output' in o ? o.output : [])).find((c) => c.type === 'chunk')
  if (!chunk || chunk.type !== 'chunk') throw new Error('The bridge bundle was not built.')
  bundle = chunk.code
})

test.use({ bypassCSP: true })

type Files = {
  nativeFilePicker(): boolean
  saveModel(r: unknown): Promise<{ id: number; name: string } | null>
  openDroppedFile(f: File): Promise<{ id: number; name: string; kind: string; text: string }>
}
type Recovery = {
  write(c: unknown): Promise<void>
  read(): Promise<unknown>
  clear(): Promise<void>
}
declare global {
  interface Window {
    __bridgeFiles: { createWebFiles(): Files; createIdbRecovery(): Recovery }
  }
}

async function openWithBridge(page: Page) {
  await page.goto('/')
  await expect(page.getByTestId('epoch')).toHaveText('0')
  await page.addScriptTag({ content: bundle })
}

const copy = { name: 'moons.bpmodel', savedAt: 1_700_000_000_000, text: '{"format":"backprop-studio/model"}' }

test('the recovery copy lives in IndexedDB: it survives a reload and is gone once cleared', async ({
  page,
}) => {
  await openWithBridge(page)
  await page.evaluate(async (c) => window.__bridgeFiles.createIdbRecovery().write(c), copy)
  await page.reload()
  await openWithBridge(page)
  expect(await page.evaluate(() => window.__bridgeFiles.createIdbRecovery().read())).toEqual(copy)
  await page.evaluate(() => window.__bridgeFiles.createIdbRecovery().clear())
  await page.reload()
  await openWithBridge(page)
  expect(await page.evaluate(() => window.__bridgeFiles.createIdbRecovery().read())).toBeNull()
})

test('Chromium on the app’s origin has the File System Access pickers', async ({ page }) => {
  await openWithBridge(page)
  expect(await page.evaluate(() => window.__bridgeFiles.createWebFiles().nativeFilePicker())).toBe(true)
})

test('without pickers, Save downloads the model under its name', async ({ page }) => {
  await withoutPickers(page)
  await openWithBridge(page)
  expect(await page.evaluate(() => window.__bridgeFiles.createWebFiles().nativeFilePicker())).toBe(false)
  const download = page.waitForEvent('download')
  const saved = await page.evaluate(() =>
    window.__bridgeFiles
      .createWebFiles()
      .saveModel({ text: 'the model', suggestedName: 'moons.bpmodel', fileId: null, as: false }),
  )
  expect(saved).toMatchObject({ name: 'moons.bpmodel' })
  const file = await download
  expect(file.suggestedFilename()).toBe('moons.bpmodel')
  expect(readFileSync((await file.path())!, 'utf8')).toBe('the model')
})

test('without pickers, Open reads the file chosen in a file input, and refuses other kinds', async ({
  page,
}) => {
  await withoutPickers(page)
  await openWithBridge(page)
  await page.evaluate(() => {
    const input = document.createElement('input')
    input.type = 'file'
    input.setAttribute('aria-label', 'bridge test input')
    const files = window.__bridgeFiles.createWebFiles()
    input.addEventListener('change', () => {
      files.openDroppedFile(input.files![0]).then(
        (opened) => (input.dataset.result = JSON.stringify(opened)),
        (e: Error) => (input.dataset.result = e.message),
      )
    })
    document.body.append(input)
  })
  const input = page.getByLabel('bridge test input')
  await input.setInputFiles({
    name: 'moons.bpmodel',
    mimeType: 'application/octet-stream',
    buffer: Buffer.from('{"x":1}'),
  })
  await expect(input).toHaveAttribute('data-result', /moons/)
  expect(JSON.parse((await input.getAttribute('data-result'))!)).toEqual({
    id: 1,
    name: 'moons.bpmodel',
    kind: 'bpmodel',
    text: '{"x":1}',
  })
  await input.setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hello') })
  await expect(input).toHaveAttribute('data-result', /"notes.txt" is neither/)
})

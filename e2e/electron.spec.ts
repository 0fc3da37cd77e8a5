/**
 * The desktop app end to end: the same flow as web.spec.ts, but through the real preload, IPC and
 * the main process's worker_thread. Needs an Electron binary (electron's lazy download) and a
 * display; where either is missing the spec is skipped with the reason, never counted as passed.
 */
import { existsSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { test, expect, _electron as electron, type ElectronApplication, type Page } from '@playwright/test'
import { accuracyOf, epochOf, expectFirstScreen, pause, watchErrors } from './helpers.ts'

const root = resolve(import.meta.dirname, '..')

/** The Electron binary npm's electron package points at, if it was ever downloaded. */
function electronBinary(): string | null {
  const dir = join(root, 'node_modules', 'electron')
  const pathFile = join(dir, 'path.txt')
  if (!existsSync(pathFile)) return null
  const binary = join(dir, 'dist', readFileSync(pathFile, 'utf8').trim())
  return existsSync(binary) ? binary : null
}

const binary = electronBinary()
const hasElectronBinary = binary !== null
const hasDisplay = process.platform !== 'linux' || !!process.env.DISPLAY || !!process.env.WAYLAND_DISPLAY

test.skip(
  !hasElectronBinary,
  'no Electron binary on this machine: electron ≥42 downloads it on first use (npm start does that where the ' +
    'network allows); the browser suite (web.spec.ts) covers the same renderer flow meanwhile',
)
test.skip(!hasDisplay, 'no display for an Electron window: run this spec under xvfb-run on headless Linux')

test.describe.configure({ mode: 'serial' })

let app: ElectronApplication
let page: Page
let errors: string[]

test.beforeAll(async () => {
  const main = join(root, 'out', 'main', 'index.js')
  if (!existsSync(main))
    throw new Error(`The desktop bundle is missing (${main}): run "npm run build" first.`)
  app = await electron.launch({
    executablePath: binary!,
    args: [root],
    env: { ...process.env, NODE_ENV: 'production' },
  })
  page = await app.firstWindow()
  errors = watchErrors(page)
})

test.afterAll(async () => {
  await app?.close()
})

test('the window shows the first screen through the preload API, not the web bridge', async () => {
  await expectFirstScreen(page)
  expect(await page.evaluate(() => (window as { backprop?: { platform: string } }).backprop?.platform)).toBe(
    'electron',
  )
})

test('play reaches 95 % training accuracy within 30 s, and pause stops the epoch counter', async () => {
  await page.getByTestId('play-button').click()
  await expect
    .poll(() => accuracyOf(page), { timeout: 30_000, intervals: [250] })
    .toBeGreaterThanOrEqual(0.95)
  await pause(page)
  const paused = await epochOf(page)
  await page.waitForTimeout(800)
  expect(await epochOf(page)).toBe(paused)
  await page.screenshot({ path: test.info().outputPath('electron-trained.png') })
})

test('reset returns to epoch 0 and the same first loss', async () => {
  await page.getByTestId('reset-button').click()
  await expect(page.getByTestId('epoch')).toHaveText('0')
  await page.getByTestId('step-button').click()
  await expect(page.getByTestId('epoch')).toHaveText('1')
  const firstLoss = await page.getByTestId('train-loss').textContent()
  await page.getByTestId('step-button').click()
  await expect(page.getByTestId('epoch')).toHaveText('2')
  await page.getByTestId('reset-button').click()
  await expect(page.getByTestId('epoch')).toHaveText('0')
  await page.getByTestId('step-button').click()
  await expect(page.getByTestId('train-loss')).toHaveText(firstLoss!)
  expect(errors).toEqual([])
})

/**
 * The desktop app end to end: the same flow as web.spec.ts, but through the real preload, IPC and
 * the main process's worker_thread. Needs an Electron binary (electron's lazy download) and a
 * display; where either is missing the spec is skipped with the reason, never counted as passed.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
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
/** A fresh profile (recent list, recovery copy, window bounds) and a folder for the files the tests open. */
let userData: string
let files: string

test.beforeAll(async () => {
  userData = mkdtempSync(join(tmpdir(), 'bp-e2e-profile-'))
  files = mkdtempSync(join(tmpdir(), 'bp-e2e-files-'))
  const main = join(root, 'out', 'main', 'index.js')
  if (!existsSync(main))
    throw new Error(`The desktop bundle is missing (${main}): run "npm run build" first.`)
  app = await electron.launch({
    executablePath: binary!,
    args: [root, `--user-data-dir=${userData}`],
    env: { ...process.env, NODE_ENV: 'production' },
  })
  page = await app.firstWindow()
  errors = watchErrors(page)
})

test.afterAll(async () => {
  await app?.close().catch(() => {})
  if (userData) rmSync(userData, { recursive: true, force: true })
  if (files) rmSync(files, { recursive: true, force: true })
})

/** Clicks a menu item by its id in main, as the learner would. */
const clickMenu = (id: string) =>
  app.evaluate(({ Menu }, itemId) => {
    const item = Menu.getApplicationMenu()?.getMenuItemById(itemId)
    if (!item) throw new Error(`no menu item ${itemId}`)
    item.click()
  }, id)

/** Makes main's next save dialog answer `path` (and its open dialog, when `open` is set). */
const stubDialogs = (paths: { save?: string; open?: string }) =>
  app.evaluate(({ dialog }, p) => {
    if (p.save)
      dialog.showSaveDialog = (async () => ({
        canceled: false,
        filePath: p.save,
      })) as typeof dialog.showSaveDialog
    if (p.open)
      dialog.showOpenDialog = (async () => ({
        canceled: false,
        filePaths: [p.open!],
      })) as typeof dialog.showOpenDialog
  }, paths)

const windowTitle = () => app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0].getTitle())

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

test('the native menus have File, Edit, View, Training and Help, and the page acts on them', async () => {
  const labels = await app.evaluate(({ Menu }) =>
    (Menu.getApplicationMenu()?.items ?? []).map((i) => i.label.replace('&', '')),
  )
  expect(labels).toEqual(expect.arrayContaining(['File', 'Edit', 'View', 'Training', 'Help']))
  const before = await epochOf(page)
  await clickMenu('training-step')
  await expect.poll(() => epochOf(page)).toBe(before + 1)
  // The page reports its document: the window title carries the dirty marker, Save is enabled.
  await expect.poll(windowTitle).toMatch(/^• Untitled/)
  await expect
    .poll(() => app.evaluate(({ Menu }) => Menu.getApplicationMenu()?.getMenuItemById('file-save')?.enabled))
    .toBe(true)
})

test('Save and Open go through main’s dialogs (stubbed), write atomically, and fill the recent list', async () => {
  const model = join(files, 'moons.bpmodel')
  await stubDialogs({ save: model })
  await page.getByRole('button', { name: 'Save', exact: true }).click()
  await expect.poll(windowTitle).toMatch(/^moons\.bpmodel/)
  const saved = JSON.parse(readFileSync(model, 'utf8')) as { training: { epoch: number }; studio?: unknown }
  expect(saved.training.epoch).toBe(await epochOf(page))
  expect(saved.studio).toBeDefined()
  const epoch = await epochOf(page)

  // Another copy with more training, opened again through the Open dialog.
  await page.getByTestId('step-button').click()
  await expect.poll(() => epochOf(page)).toBe(epoch + 1)
  const copy = join(files, 'copy.bpmodel')
  await stubDialogs({ save: copy })
  await page.getByRole('button', { name: 'Save as', exact: true }).click()
  await expect.poll(windowTitle).toMatch(/^copy\.bpmodel/)
  await stubDialogs({ open: model })
  await page.getByRole('button', { name: 'Open', exact: true }).click()
  await expect.poll(() => epochOf(page)).toBe(epoch)
  await expect.poll(windowTitle).toMatch(/^moons\.bpmodel/)
  await expect
    .poll(() =>
      app.evaluate(({ Menu }) =>
        [0, 1].map((i) => Menu.getApplicationMenu()?.getMenuItemById(`file-recent-${i}`)?.label),
      ),
    )
    .toEqual(['moons.bpmodel', 'copy.bpmodel'])
  // The recent list reopens a file: the copy, one epoch further.
  await clickMenu('file-recent-1')
  await expect.poll(() => epochOf(page)).toBe(epoch + 1)
  expect(errors).toEqual([])
})

test('closing with unsaved changes asks first: Cancel keeps the window, Don’t Save closes it', async () => {
  await page.getByTestId('step-button').click()
  await expect.poll(windowTitle).toMatch(/^• copy\.bpmodel/)
  await app.evaluate(({ dialog }) => {
    const answers = [2, 1] // Cancel, then Don't Save
    ;(globalThis as { asked?: string[] }).asked = []
    dialog.showMessageBox = (async (...args: unknown[]) => {
      const options = args.at(-1) as { message: string }
      ;(globalThis as { asked?: string[] }).asked!.push(options.message)
      return { response: answers.shift() ?? 2, checkboxChecked: false }
    }) as typeof dialog.showMessageBox
  })
  await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0].close())
  await expect.poll(() => app.evaluate(() => (globalThis as { asked?: string[] }).asked?.length)).toBe(1)
  expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1)
  expect(await app.evaluate(() => (globalThis as { asked?: string[] }).asked?.[0])).toContain('copy.bpmodel')
  await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0].close())
  // Linux and Windows quit with the last window (evaluate then fails); macOS keeps the app running.
  await expect
    .poll(() => app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length).catch(() => 0))
    .toBe(0)
})

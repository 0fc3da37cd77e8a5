/** What the web and the Electron specs share: reading the readouts and fingerprinting canvases. */
import { expect, type Page } from '@playwright/test'

/** Console errors and uncaught exceptions of a page, collected from the moment this is called. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = []
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(`console: ${msg.text()}`)
  })
  page.on('pageerror', (err) => errors.push(`page: ${err.message}`))
  return errors
}

export const epochOf = async (page: Page) => Number(await page.getByTestId('epoch').textContent())

/** The training accuracy readout as a fraction ("96.5 %" → 0.965); NaN before the first epoch. */
export const accuracyOf = async (page: Page) =>
  Number.parseFloat((await page.getByTestId('train-accuracy').textContent()) ?? '') / 100

/** A fingerprint of a canvas's pixels: changes when anything drawn on it changes. */
export const pixelsOf = (page: Page, testId: string) =>
  page.getByTestId(testId).evaluate((c) => {
    const url = (c as HTMLCanvasElement).toDataURL('image/png')
    let h = 0
    for (let i = 0; i < url.length; i++) h = (Math.imul(h, 31) + url.charCodeAt(i)) | 0
    return `${url.length}:${h}`
  })

/**
 * pixelsOf once the canvas has stopped changing (two reads 150 ms apart agree): a snapshot to compare
 * with later. The views draw at a coming display frame (src-renderer/view-frames.ts), so a read right
 * after the readouts changed can catch a picture still on its way.
 */
export async function settledPixelsOf(page: Page, testId: string): Promise<string> {
  let last = await pixelsOf(page, testId)
  for (let i = 0; i < 40; i++) {
    await page.waitForTimeout(150)
    const now = await pixelsOf(page, testId)
    if (now === last) return now
    last = now
  }
  throw new Error(`${testId} kept changing for 6 seconds`)
}

/** Waits for the first screen: the plot, and epoch 0 from the trainer (so the worker is alive). */
export async function expectFirstScreen(page: Page) {
  await expect(page.getByTestId('boundary-canvas')).toBeVisible()
  await expect(page.getByTestId('epoch')).toHaveText('0')
  await expect(page.getByRole('button', { name: /^Play/ })).toBeEnabled()
}

/** Opens the app and waits for its first screen. */
export async function openApp(page: Page) {
  await page.goto('/')
  await expectFirstScreen(page)
}

/** Clicks pause and waits until the trainer confirms it (the button turns back into Play). */
export async function pause(page: Page) {
  await page.getByTestId('play-button').click()
  await expect(page.getByRole('button', { name: /^Play/ })).toBeVisible()
}

/**
 * A screenshot of the whole page, once the views out of sight have caught up: they redraw at most
 * every 500 ms (OFF_SCREEN_EVERY_MS in src-renderer/components/on-screen.ts), and a full-page
 * screenshot does not scroll them into view.
 */
export async function fullPageScreenshot(page: Page, path: string) {
  await page.waitForTimeout(800)
  await page.screenshot({ path, fullPage: true })
}

/** Starts recording the page's long tasks (over 50 ms) from now on; read them with longTasksOf. */
export async function watchLongTasks(page: Page) {
  await page.evaluate(() => {
    const w = window as unknown as { longTasks: [number, number][] }
    w.longTasks = []
    new PerformanceObserver((list) =>
      list.getEntries().forEach((e) => w.longTasks.push([e.startTime, e.duration])),
    ).observe({ type: 'longtask', buffered: false })
  })
}

/**
 * The long tasks recorded since watchLongTasks, as "N over 50 ms, longest M ms" for a test
 * annotation; with `from` (the page's performance.now()), only those that started then or later,
 * or (`before`) only those that started earlier.
 */
export async function longTasksOf(
  page: Page,
  part: { from?: number; before?: number } = {},
): Promise<{ count: number; longest: number; text: string }> {
  const all = await page.evaluate(() => (window as unknown as { longTasks: [number, number][] }).longTasks)
  const tasks = all
    .filter(([start]) => start >= (part.from ?? -Infinity) && start < (part.before ?? Infinity))
    .map(([, duration]) => duration)
  const longest = Math.round(Math.max(0, ...tasks))
  return { count: tasks.length, longest, text: `${tasks.length} over 50 ms, longest ${longest} ms` }
}

/**
 * Removes the File System Access pickers, as in a browser without them, so Save downloads and Open
 * uses the page's file input (Playwright cannot answer the native pickers). This Chromium defines
 * them on the window itself, not only on Window.prototype: both are cleared.
 */
export async function withoutPickers(page: Page) {
  await page.addInitScript(() => {
    for (const target of [window, Window.prototype] as unknown as Record<string, unknown>[]) {
      delete target.showOpenFilePicker
      delete target.showSaveFilePicker
    }
  })
}

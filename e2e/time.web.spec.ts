/**
 * Learning over time end to end (issue 11): the timeline (looking back, continuing from a past
 * epoch and undoing it, replay, scrubbing speed), pinned runs, a network made to die and its
 * diagnostics, the hidden space while training, and screenshots of all of it.
 */
import { test, expect, type Page } from '@playwright/test'
import {
  epochOf,
  openApp,
  longTasksOf,
  pause,
  pixelsOf,
  watchErrors,
  watchLongTasks,
  fullPageScreenshot,
  settledPixelsOf,
} from './helpers.ts'

/** Trains until play stops by itself at `stopAt`. */
async function trainTo(page: Page, stopAt: '100' | '1000' | '10000') {
  await page.getByTestId('stop-at').selectOption(stopAt)
  await page.getByTestId('play-button').click()
  await expect(page.getByTestId('epoch')).toHaveText(stopAt, { timeout: 30_000 })
  await expect(page.getByRole('button', { name: /^Play/ })).toBeVisible()
}

const timeline = (page: Page) => page.getByRole('slider', { name: 'Timeline' })

test('train, scrub back to epoch 10 (its readouts and boundary), continue from there, undo', async ({
  page,
}) => {
  const errors = watchErrors(page)
  await openApp(page)
  await trainTo(page, '1000')
  const nowPixels = await settledPixelsOf(page, 'boundary-canvas')
  const nowLoss = await page.getByTestId('train-loss').textContent()

  await timeline(page).fill('10')
  await expect(page.getByTestId('epoch')).toHaveText('10')
  await expect(timeline(page)).toHaveValue('10')
  await expect(page.getByTestId('timeline-epoch')).toHaveText('Epoch 10 of 1,000')
  await expect(page.getByTestId('train-loss')).not.toHaveText(nowLoss!)
  await expect.poll(() => pixelsOf(page, 'boundary-canvas')).not.toBe(nowPixels)
  const pastPixels = await settledPixelsOf(page, 'boundary-canvas')
  // The diagram's weights follow: a neuron's formula has that epoch's numbers.
  await page.getByRole('button', { name: 'Neuron 1.1', exact: true }).hover()
  const pastFormula = await page.getByRole('tooltip').textContent()

  // The keys step through snapshots (every epoch this early).
  await timeline(page).focus()
  await timeline(page).press('ArrowLeft')
  await expect(page.getByTestId('epoch')).toHaveText('9')
  await timeline(page).press('ArrowRight')
  await expect(page.getByTestId('epoch')).toHaveText('10')

  await page.getByRole('button', { name: 'Continue from here' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Continued from' })).toHaveText(
    /Continued from epoch 10; the 990 later epochs were replaced\./,
  )
  await expect(page.getByTestId('epoch')).toHaveText('10')
  await expect(timeline(page)).toHaveValue('10')
  await expect.poll(() => pixelsOf(page, 'boundary-canvas')).toBe(pastPixels)
  await page.getByRole('button', { name: 'Neuron 1.1', exact: true }).hover()
  await expect(page.getByRole('tooltip')).toHaveText(pastFormula!)

  // The contract's names stay unique as Playwright matches them by default (a substring): the
  // fork's own undo says what it does in other words.
  await expect(page.getByRole('button', { name: 'Bring back the later epochs' })).toBeVisible()
  for (const name of ['Continue from here', 'Undo', 'Redo', 'Replay', 'Pin run'])
    await expect(page.getByRole('button', { name })).toHaveCount(1)
  await page.getByRole('button', { name: 'Bring back the later epochs' }).click()
  await expect(page.getByTestId('epoch')).toHaveText('1000')
  await expect(page.getByRole('status').filter({ hasText: 'Undone' })).toHaveText(
    'Undone: back at epoch 1,000.',
  )
  await expect.poll(() => pixelsOf(page, 'boundary-canvas')).toBe(nowPixels)

  // Continue from 10 again, with another learning rate: the run goes on from there.
  await timeline(page).fill('10')
  await expect(page.getByTestId('epoch')).toHaveText('10')
  await page.getByRole('button', { name: 'Continue from here' }).click()
  await expect(page.getByTestId('epoch')).toHaveText('10')
  await page.getByTestId('learning-rate').selectOption('0.003')
  await page.getByTestId('step-button').click()
  await expect(page.getByTestId('epoch')).toHaveText('11')
  await expect(page.getByTestId('timeline-epoch')).toHaveText('Now: epoch 11')

  // Letting go returns to now: look back, then click elsewhere.
  await timeline(page).fill('3')
  await expect(page.getByTestId('epoch')).toHaveText('3')
  await page.getByRole('heading', { name: 'Learning curves' }).click()
  await expect(page.getByTestId('epoch')).toHaveText('11')
  expect(errors).toEqual([])
})

test('scrubbing redraws the plot while training goes on (redraw rate and long tasks reported)', async ({
  page,
}) => {
  const errors = watchErrors(page)
  await openApp(page)
  await trainTo(page, '10000')
  // Training goes on while scrubbing, at a pace that leaves the views something new to show.
  await page.getByTestId('stop-at').selectOption('100000')
  await page.getByTestId('speed').selectOption('1000')
  await page.getByTestId('play-button').click()
  await expect(page.getByRole('button', { name: /^Pause/ })).toBeVisible()
  // Each change of the epoch readout is one picture the views drew: live progress, or a look back.
  await page.evaluate(() => {
    const w = window as unknown as { redraws: number }
    w.redraws = 0
    new MutationObserver(() => w.redraws++).observe(document.querySelector('[data-testid="epoch"]')!, {
      childList: true,
      characterData: true,
      subtree: true,
    })
  })
  const redraws = () => page.evaluate(() => (window as unknown as { redraws: number }).redraws)
  const measure = async (what: () => Promise<void>) => {
    await watchLongTasks(page)
    const before = await redraws()
    const started = Date.now()
    await what()
    const seconds = (Date.now() - started) / 1000
    const tasks = await longTasksOf(page)
    return { seconds, perSecond: ((await redraws()) - before) / seconds, tasks }
  }

  // The same page training live with nobody scrubbing, for comparison within this run.
  const live = await measure(() => page.waitForTimeout(3000))

  const box = (await timeline(page).boundingBox())!
  const y = box.y + box.height / 2
  await page.mouse.move(box.x + box.width - 4, y)
  await page.mouse.down()
  // Right to left and back, a small step per pointer move.
  const moves = 60
  const scrub = await measure(async () => {
    await page.mouse.move(box.x + 4, y, { steps: moves / 2 })
    await page.mouse.move(box.x + box.width * 0.8, y, { steps: moves / 2 })
  })
  await page.mouse.up()
  await expect(page.getByTestId('timeline-epoch')).toHaveText(/^Epoch [\d,]+ of [\d,]+$/)
  test.info().annotations.push({
    type: 'scrubbing the timeline (default network, training at 1,000 epochs/s meanwhile)',
    description:
      `${moves} pointer moves in ${scrub.seconds.toFixed(1)} s (${(moves / scrub.seconds).toFixed(0)} a second): ` +
      `${scrub.perSecond.toFixed(0)} epochs drawn a ` +
      `second, long tasks ${scrub.tasks.text}; live training alone: ${live.perSecond.toFixed(0)} redraws a ` +
      `second, long tasks ${live.tasks.text}`,
  })
  expect(scrub.perSecond).toBeGreaterThan(2)
  // Escape returns to now, and training went on throughout.
  const during = Number(
    (await page.getByTestId('timeline-epoch').textContent())!.match(/of ([\d,]+)/)![1].replace(/,/g, ''),
  )
  await timeline(page).press('Escape')
  await expect(page.getByTestId('timeline-epoch')).toHaveText(/^Now: epoch/)
  await expect.poll(() => epochOf(page)).toBeGreaterThan(during)
  await pause(page)
  expect(errors).toEqual([])
})

test('replay plays the recorded run back at the chosen speed; pressing it again returns to now', async ({
  page,
}) => {
  const errors = watchErrors(page)
  await openApp(page)
  await trainTo(page, '1000')
  await page.getByLabel('Replay speed').selectOption({ label: 'Whole run in 5 s' })
  const replay = page.getByRole('button', { name: 'Replay', exact: true })
  await replay.click()
  await expect(replay).toHaveAttribute('aria-pressed', 'true')
  const seen = new Set<number>()
  for (let i = 0; i < 10; i++) {
    seen.add(await epochOf(page))
    await page.waitForTimeout(150)
  }
  const shown = [...seen].filter((e) => e < 1000)
  expect(shown.length).toBeGreaterThan(3)
  expect(Math.max(...shown)).toBeGreaterThan(Math.min(...shown))
  await replay.click()
  await expect(replay).toHaveAttribute('aria-pressed', 'false')
  await expect(page.getByTestId('epoch')).toHaveText('1000')
  // Left alone, a replay ends at now by itself, at the speed chosen while it plays: begun at 10
  // epochs a second (100 s for this run), then sped up to the whole run in 5 s.
  await page.getByLabel('Replay speed').selectOption({ label: '10 epochs a second' })
  await replay.click()
  await expect(replay).toHaveAttribute('aria-pressed', 'true')
  await page.waitForTimeout(500)
  expect(await epochOf(page)).toBeLessThan(100)
  await page.getByLabel('Replay speed').selectOption({ label: 'Whole run in 5 s' })
  await expect(replay).toHaveAttribute('aria-pressed', 'false', { timeout: 10_000 })
  await expect(page.getByTestId('epoch')).toHaveText('1000')
  expect(errors).toEqual([])
})

test('pin a run, change the learning rate, run again: two labelled curves', async ({ page }) => {
  const errors = watchErrors(page)
  await openApp(page)
  await trainTo(page, '100')
  await page.getByRole('button', { name: 'Pin run' }).click()
  const pinned = page.getByRole('list', { name: 'Pinned runs' })
  await expect(pinned.getByRole('listitem')).toHaveCount(1)
  await page.getByTestId('learning-rate').selectOption('0.003')
  await expect(pinned).toContainText('lr 0.03 (epoch 100)')
  await page.getByTestId('reset-button').click()
  await expect(page.getByTestId('epoch')).toHaveText('0')
  await trainTo(page, '100')
  // The live run and the pinned one, each named in the chart's description and legend.
  await expect(page.getByTestId('loss-chart')).toHaveAttribute(
    'aria-label',
    /Loss per epoch: epoch 100, training [\d.]+, test [\d.]+\. Pinned run lr 0\.03 \(epoch 100\): training [\d.]+\./,
  )
  await page.getByTestId('loss-chart').screenshot({ path: test.info().outputPath('two-runs.png') })
  expect(errors).toEqual([])
})

test('the graph view shows the epoch looked back at too', async ({ page }) => {
  const errors = watchErrors(page)
  await openApp(page)
  await trainTo(page, '100')
  await page.getByRole('tab', { name: 'Graph' }).click()
  const graph = page.getByRole('region', { name: 'Computation graph' })
  // The loss box's data field: that point's loss under the weights shown.
  const lossBox = graph.locator('g.node').filter({ has: page.locator('text', { hasText: /^loss$/ }) })
  const lossData = async () =>
    (await lossBox.first().locator('text').allTextContents()).find((t) => t.trim().startsWith('data'))
  await expect.poll(lossData).toMatch(/^data /)
  const now = await lossData()
  await timeline(page).fill('2')
  await expect(page.getByTestId('epoch')).toHaveText('2')
  await expect.poll(lossData).not.toBe(now)
  await timeline(page).press('Escape')
  await expect(page.getByTestId('epoch')).toHaveText('100')
  await expect.poll(lossData).toBe(now)
  expect(errors).toEqual([])
})

/** The recipe of shared/src/train/diagnostics.test.ts: ReLU hidden layers, tanh output, MSE, Adam at 3. */
async function makeItDie(page: Page) {
  for (const i of [1, 2]) await page.getByLabel(`Activation of hidden layer ${i}`).selectOption('relu')
  await page.getByLabel('Output activation').selectOption('tanh')
  await page.getByTestId('loss').selectOption('mse')
  await page.getByTestId('optimizer').selectOption('adam')
  await page.getByTestId('learning-rate').selectOption('3')
}

test('a network made to die says which units are dead and rings them in the diagram', async ({ page }) => {
  const errors = watchErrors(page)
  await openApp(page)
  const diagnostics = page.getByRole('region', { name: 'Diagnostics' })
  await expect(diagnostics.getByTestId('diagnostic-warnings')).toHaveText(/No warnings/)
  await makeItDie(page)
  await trainTo(page, '100')
  const warning = diagnostics.getByRole('listitem').filter({ hasText: 'dead' }).first()
  await expect(warning).toContainText(/\d+ of 8 units in hidden layer \d are dead/)
  await expect(warning).toContainText('lower the learning rate or try leaky ReLU')
  await expect(warning).toContainText(/ringed in the network diagram/)
  const diagram = page.getByRole('region', { name: 'Network diagram' })
  await expect(diagram.locator('button.marked').first()).toBeVisible()
  const ringed = await diagram.locator('button.marked').count()
  expect(ringed).toBeGreaterThan(1)
  // The table says the same in numbers, and at epoch 0 (looking back) nothing was dead yet.
  await expect(diagnostics.getByRole('table')).toContainText(/of 8/)
  await timeline(page).fill('0')
  await expect(page.getByTestId('epoch')).toHaveText('0')
  await expect(diagnostics.getByTestId('diagnostic-warnings')).toHaveText(/No warnings/)
  await expect(diagram.locator('button.marked')).toHaveCount(0)
  await timeline(page).press('Escape')
  await expect(diagram.locator('button.marked')).toHaveCount(ringed)
  expect(errors).toEqual([])
})

test('the hidden space draws and changes while training', async ({ page }) => {
  const errors = watchErrors(page)
  await openApp(page)
  const hidden = page.getByRole('region', { name: 'Hidden space' })
  await expect(hidden.getByLabel('Horizontal neuron', { exact: true })).toHaveValue('0')
  await expect(hidden.getByLabel('Vertical neuron', { exact: true })).toHaveValue('1')
  await expect.poll(() => pixelsOf(page, 'hidden-space-canvas')).not.toBe('')
  await page.getByTestId('stop-at').selectOption('100000')
  await page.getByTestId('speed').selectOption('100')
  await page.getByTestId('play-button').click()
  // Watched, as a learner watches it: out of sight it redraws only a couple of times a second. The
  // clicks above scroll the page back up to the controls, so it is brought into view after them.
  await hidden.scrollIntoViewIfNeeded()
  const seen = new Set<string>()
  for (let i = 0; i < 7; i++) {
    await page.waitForTimeout(250)
    seen.add(await pixelsOf(page, 'hidden-space-canvas'))
  }
  await pause(page)
  expect(seen.size).toBeGreaterThan(3)
  // Another pair of neurons draws another picture.
  const now = await pixelsOf(page, 'hidden-space-canvas')
  await hidden.getByLabel('Vertical neuron', { exact: true }).selectOption('2')
  await expect.poll(() => pixelsOf(page, 'hidden-space-canvas')).not.toBe(now)
  expect(errors).toEqual([])
})

for (const colorScheme of ['light', 'dark'] as const)
  test(`screenshots of the timeline, diagnostics and hidden space, ${colorScheme}`, async ({ page }) => {
    const errors = watchErrors(page)
    await page.emulateMedia({ colorScheme })
    await openApp(page)
    await makeItDie(page)
    await trainTo(page, '1000')
    await timeline(page).fill('40')
    await expect(page.getByTestId('epoch')).toHaveText('40')
    await fullPageScreenshot(page, test.info().outputPath(`time-${colorScheme}-1400.png`))
    await page
      .locator('section', { has: page.getByRole('heading', { name: 'Learning curves' }) })
      .screenshot({ path: test.info().outputPath(`timeline-${colorScheme}.png`) })
    await page.getByRole('button', { name: 'Continue from here' }).click()
    await page
      .locator('section', { has: page.getByRole('heading', { name: 'Inside the network' }) })
      .screenshot({ path: test.info().outputPath(`inside-${colorScheme}.png`) })
    await page.setViewportSize({ width: 420, height: 900 })
    await page.waitForTimeout(300)
    await fullPageScreenshot(page, test.info().outputPath(`time-${colorScheme}-420.png`))
    await page
      .locator('section', { has: page.getByRole('heading', { name: 'Learning curves' }) })
      .screenshot({ path: test.info().outputPath(`timeline-${colorScheme}-420.png`) })
    await page
      .getByRole('region', { name: 'Diagnostics' })
      .screenshot({ path: test.info().outputPath(`diagnostics-${colorScheme}-420.png`) })
    await page.setViewportSize({ width: 1400, height: 900 })
    await page.getByRole('tab', { name: 'Graph' }).click()
    await timeline(page).fill('20')
    await expect(page.getByTestId('epoch')).toHaveText('20')
    await page.screenshot({ path: test.info().outputPath(`graph-${colorScheme}-1400.png`) })
    expect(errors).toEqual([])
  })

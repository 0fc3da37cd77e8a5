/**
 * The dataset studio and network editor end to end (issue 7): drawing on the plot, undo and redo,
 * CSV export and import, editing while training, shaping the network and its diagram, the limits.
 */
import { readFile } from 'node:fs/promises'
import { test, expect, type Page } from '@playwright/test'
import {
  accuracyOf,
  epochOf,
  expectFirstScreen,
  longTasksOf,
  pause,
  pixelsOf,
  watchErrors,
  watchLongTasks,
  fullPageScreenshot,
  settledPixelsOf,
} from './helpers.ts'

// The plot's margins around the plotting area (src-renderer/plot/draw.ts MARGIN).
const MARGIN = { left: 44, right: 10, top: 10, bottom: 40 }

/** Page coordinates of a spot in the plotting area, as fractions of its width and height. */
async function at(page: Page, fx: number, fy: number): Promise<{ x: number; y: number }> {
  const box = (await page.getByTestId('boundary-canvas').boundingBox())!
  const w = box.width - MARGIN.left - MARGIN.right
  const h = box.height - MARGIN.top - MARGIN.bottom
  return { x: box.x + MARGIN.left + fx * w, y: box.y + MARGIN.top + fy * h }
}

async function clickPlot(page: Page, fx: number, fy: number) {
  const p = await at(page, fx, fy)
  await page.mouse.click(p.x, p.y)
}

/** All points, training and test, from the readout "160 training and 40 test points". */
async function pointCount(page: Page): Promise<number> {
  const text = (await page.getByTestId('point-counts').textContent()) ?? ''
  const [train, test] = text.match(/\d+/g)!.map(Number)
  return train + test
}

async function openStudio(page: Page) {
  // Downloads go through Playwright's download event, not the File System Access picker.
  await page.addInitScript(() => {
    delete (Window.prototype as { showSaveFilePicker?: unknown }).showSaveFilePicker
  })
  await page.goto('/')
  await expectFirstScreen(page)
}

async function clearAll(page: Page) {
  await page.getByRole('button', { name: 'Clear all points', exact: true }).click()
  await expect(page.getByTestId('point-counts')).toHaveText('0 training and 0 test points')
}

test('three classes drawn by clicking train with softmax cross-entropy to 90 % accuracy', async ({
  page,
}) => {
  const errors = watchErrors(page)
  await openStudio(page)
  await clearAll(page)
  await page.getByRole('button', { name: 'Add class', exact: true }).click()
  await expect(page.getByLabel('Name of class 3')).toHaveValue('green')
  await expect(page.getByTestId('loss')).toHaveValue('cross_entropy')
  await expect(page.getByTestId('loss-notice')).toContainText(
    '3 classes: the loss is now softmax cross-entropy',
  )

  // Three clusters, one per class, picked by the radio named by the class.
  const clusters: [string, number, number][] = [
    ['blue', 0.22, 0.25],
    ['orange', 0.78, 0.3],
    ['green', 0.5, 0.78],
  ]
  for (const [name, cx, cy] of clusters) {
    await page.getByRole('radio', { name, exact: true }).check()
    for (let i = 0; i < 8; i++) await clickPlot(page, cx + 0.05 * Math.cos(i), cy + 0.05 * Math.sin(i * 1.7))
  }
  expect(await pointCount(page)).toBe(24)
  for (const name of ['blue', 'orange', 'green'])
    await expect(page.getByRole('radio', { name, exact: true }).locator('..')).toContainText('8 points')

  await watchLongTasks(page)
  // 24 points train fast: a far stop epoch, so the pause below finds the run still going.
  await page.getByLabel('Stop at epoch').selectOption('100000')
  await page.getByTestId('play-button').click()
  await expect.poll(() => accuracyOf(page), { timeout: 20_000 }).toBeGreaterThanOrEqual(0.9)
  await pause(page)
  const tasks = await longTasksOf(page)
  test
    .info()
    .annotations.push({ type: 'long tasks while training with the diagram open', description: tasks.text })
  // The results follow: a 3 × 3 confusion matrix of the training set.
  await expect(
    page.getByRole('table', { name: /Confusion matrix, training set/ }).locator('tbody tr'),
  ).toHaveCount(3)
  await expect(page.getByRole('list', { name: 'Hardest points' }).getByRole('listitem')).toHaveCount(10)
  await fullPageScreenshot(page, test.info().outputPath('three-classes.png'))
  await expect(page.getByRole('alert')).toHaveCount(0)
  expect(errors).toEqual([])
})

test('a brush stroke is one step: undo and redo it with the buttons and the keys', async ({ page }) => {
  await openStudio(page)
  const before = await pointCount(page)
  await page.getByRole('radio', { name: 'orange', exact: true }).check()
  const from = await at(page, 0.1, 0.1)
  const to = await at(page, 0.9, 0.15)
  await page.mouse.move(from.x, from.y)
  await page.mouse.down()
  await page.mouse.move(to.x, to.y, { steps: 30 })
  await page.mouse.up()
  const after = await pointCount(page)
  expect(after).toBeGreaterThan(before + 20)
  await expect(page.getByRole('button', { name: 'Undo', exact: true })).toHaveAttribute(
    'title',
    /Brush stroke/,
  )

  await page.getByRole('button', { name: 'Undo', exact: true }).click()
  expect(await pointCount(page)).toBe(before)
  await page.getByRole('button', { name: 'Redo', exact: true }).click()
  expect(await pointCount(page)).toBe(after)
  // The same from the keyboard (focus off any text field).
  await page.getByRole('heading', { name: 'Data', exact: true }).click()
  await page.keyboard.press('Control+z')
  expect(await pointCount(page)).toBe(before)
  await page.keyboard.press('Control+Shift+z')
  expect(await pointCount(page)).toBe(after)
  await page.keyboard.press('Control+z')
  await page.keyboard.press('Control+y')
  expect(await pointCount(page)).toBe(after)

  // Erasing is undoable too, and the E key picks the eraser.
  await page.keyboard.press('e')
  await expect(page.getByRole('button', { name: 'Erase points', exact: true })).toHaveAttribute(
    'aria-pressed',
    'true',
  )
  await page.mouse.move(from.x, from.y)
  await page.mouse.down()
  await page.mouse.move(to.x, to.y, { steps: 30 })
  await page.mouse.up()
  expect(await pointCount(page)).toBeLessThan(after)
  await page.keyboard.press('Control+z')
  expect(await pointCount(page)).toBe(after)
})

test('export CSV, then import it: the same points and class names', async ({ page }) => {
  const errors = watchErrors(page)
  await openStudio(page)
  await page.getByLabel('Name of class 1').fill('sky')
  await page.getByLabel('Name of class 1').press('Enter')
  await page.getByLabel('Name of class 2').fill('sun, bright')
  await page.getByLabel('Name of class 2').press('Enter')
  await clickPlot(page, 0.5, 0.5)

  const exportCsv = async () => {
    const download = page.waitForEvent('download')
    await page.getByRole('button', { name: 'Export CSV', exact: true }).click()
    const file = await download
    const path = test.info().outputPath(`${Date.now()}-${file.suggestedFilename()}`)
    await file.saveAs(path)
    return { name: file.suggestedFilename(), path, text: await readFile(path, 'utf8') }
  }
  const first = await exportCsv()
  expect(first.name).toBe('moons.csv')
  const rows = (text: string) => text.trim().split('\n').slice(1).sort()
  expect(rows(first.text)).toHaveLength(201)
  expect(first.text).toContain('"sun, bright"')

  // Other data in between, so the import has something to replace.
  await page.getByTestId('preset').selectOption('circles')
  await expect(page.getByLabel('Name of class 1')).toHaveValue('blue')
  await page.getByLabel('Import CSV').setInputFiles(first.path)
  await expect(page.getByTestId('data-notice')).toContainText('Imported 201 points in 2 classes')
  await expect(page.getByLabel('Name of class 1')).toHaveValue('sky')
  await expect(page.getByLabel('Name of class 2')).toHaveValue('sun, bright')
  expect(await pointCount(page)).toBe(201)
  const second = await exportCsv()
  expect(rows(second.text)).toEqual(rows(first.text))

  // Dropping a .csv on the plot imports it too.
  const dropped = await page.evaluateHandle(() => {
    const transfer = new DataTransfer()
    transfer.items.add(
      new File(['x,y,class\n0,0,left\n1,1,right\n2,0,left\n'], 'dropped.csv', { type: 'text/csv' }),
    )
    return transfer
  })
  await page.getByTestId('boundary-canvas').dispatchEvent('drop', { dataTransfer: dropped })
  await expect(page.getByTestId('data-notice')).toContainText(
    'Imported 3 points in 2 classes from dropped.csv',
  )
  await expect(page.getByLabel('Name of class 1')).toHaveValue('left')
  expect(errors).toEqual([])
})

test('a malformed CSV lists its bad lines and leaves the data as it was; unclear columns are asked for', async ({
  page,
}) => {
  await openStudio(page)
  const before = await page.getByTestId('point-counts').textContent()
  const plot = await settledPixelsOf(page, 'boundary-canvas')
  await page.getByLabel('Import CSV').setInputFiles({
    name: 'broken.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('x1,x2,label\n0.1,0.2,blue\n0.3,abc,blue\n0.5\n0.7,0.8,\n'),
  })
  const problems = page.getByTestId('csv-problems')
  await expect(problems).toContainText('broken.csv was not imported')
  await expect(problems.getByRole('listitem')).toHaveText([
    'line 3, column 2: "abc" is not a number',
    'line 4, column 2: expected 3 columns (x1, x2, label), found 1',
    'line 5, column 3: the label is empty: give a class name or index',
  ])
  await expect(page.getByTestId('point-counts')).toHaveText(before!)
  await expect.poll(() => pixelsOf(page, 'boundary-canvas')).toBe(plot)
  await problems.getByRole('button', { name: 'Dismiss' }).click()

  // Whole-number coordinates: every column could be the labels, so the studio asks.
  await page.getByLabel('Import CSV').setInputFiles({
    name: 'grid.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('a;b;c\n1;2;0\n3;1;1\n2;2;0\n4;4;1\n'),
  })
  const mapping = page.getByRole('form', { name: 'Which column is which?' })
  await expect(mapping).toContainText('Choose which column is x1, x2 and the label')
  await expect(mapping.getByRole('row')).toHaveCount(5)
  await mapping.getByLabel('Label column', { exact: true }).selectOption({ label: '3: c' })
  await mapping.getByRole('button', { name: 'Import with these columns' }).click()
  await expect(page.getByTestId('data-notice')).toContainText('Imported 4 points in 2 classes from grid.csv')
  expect(await pointCount(page)).toBe(4)
})

test('a point dragged while training keeps the epoch counter going; a new layer after training asks first', async ({
  page,
}) => {
  const errors = watchErrors(page)
  await openStudio(page)
  await clearAll(page)
  await page.getByTestId('test-fraction').selectOption('0')
  for (let i = 0; i < 6; i++) {
    await page.getByRole('radio', { name: i % 2 ? 'orange' : 'blue', exact: true }).check()
    await clickPlot(page, 0.2 + 0.12 * i, 0.5)
  }
  await page.getByTestId('stop-at').selectOption('100000')
  await page.getByTestId('speed').selectOption('100')
  await page.getByTestId('play-button').click()
  await expect.poll(() => epochOf(page)).toBeGreaterThan(20)

  await page.getByRole('button', { name: 'Move points', exact: true }).click()
  const from = await at(page, 0.2, 0.5)
  const to = await at(page, 0.2, 0.15)
  await page.mouse.move(from.x, from.y)
  await page.mouse.down()
  const during = await epochOf(page)
  await page.mouse.move(to.x, to.y, { steps: 25 })
  await page.mouse.up()
  expect(await pointCount(page)).toBe(6)
  await expect(page.getByRole('button', { name: 'Undo', exact: true })).toHaveAttribute(
    'title',
    /Move a point/,
  )
  // Still the same run: the epoch goes on from where it was, never back to 0.
  await expect.poll(() => epochOf(page)).toBeGreaterThan(during + 20)
  await expect(page.getByRole('button', { name: /^Pause/ })).toBeVisible()
  await pause(page)

  // An architecture edit after training asks first; keeping the old one changes nothing.
  const epoch = await epochOf(page)
  const params = await page.getByTestId('parameter-count').textContent()
  await page.getByRole('button', { name: 'Add hidden layer', exact: true }).click()
  const dialog = page.getByRole('dialog', { name: 'Start over with new weights?' })
  await expect(dialog).toBeVisible()
  await dialog.getByRole('button', { name: 'Keep training the old one' }).click()
  await expect(dialog).toBeHidden()
  await expect(page.getByTestId('parameter-count')).toHaveText(params!)
  expect(await epochOf(page)).toBe(epoch)
  await page.getByRole('button', { name: 'Add hidden layer', exact: true }).click()
  await dialog.getByRole('button', { name: 'Start over with the change' }).click()
  await expect(page.getByTestId('epoch')).toHaveText('0')
  await expect(page.getByTestId('parameter-count')).not.toHaveText(params!)
  expect(errors).toEqual([])
})

test('a new layer and other features change the parameter count and the diagram; a neuron shows on the plot', async ({
  page,
}) => {
  const errors = watchErrors(page)
  await openStudio(page)
  const diagram = page.getByRole('region', { name: 'Network diagram' })
  const neurons = diagram.getByRole('button', { name: /^Neuron \d+\.\d+$/ })
  await expect(neurons).toHaveCount(8 + 8 + 1)
  await expect(page.getByTestId('parameter-count')).toHaveText('105 parameters')

  await page.getByRole('button', { name: 'Add hidden layer', exact: true }).click()
  await expect(page.getByTestId('parameter-count')).toHaveText('177 parameters')
  await expect(neurons).toHaveCount(8 + 8 + 8 + 1)
  await expect(diagram.getByRole('button', { name: 'Neuron 4.1', exact: true })).toBeVisible()

  await page.getByRole('checkbox', { name: 'x1²', exact: true }).check()
  await page.getByRole('checkbox', { name: 'x1·x2', exact: true }).check()
  await expect(page.getByTestId('parameter-count')).toHaveText('193 parameters')
  await expect(page.getByTestId('network-shape')).toHaveText('4 → 8 → 8 → 8 → 1')
  await expect(diagram).toContainText('x1·x2')
  // The last input on stays on.
  for (const f of ['x1', 'x2', 'x1²']) await page.getByRole('checkbox', { name: f, exact: true }).uncheck()
  await expect(page.getByRole('checkbox', { name: 'x1·x2', exact: true })).toBeDisabled()

  // Zero hidden layers: the linear model.
  for (let i = 3; i >= 1; i--) await page.getByRole('button', { name: `Remove hidden layer ${i}` }).click()
  await expect(page.getByTestId('network-shape')).toHaveText('1 → 1')
  await expect(neurons).toHaveCount(1)

  // Hover: the formula with today's numbers; click: the neuron on the plot, again: the output.
  const neuron = diagram.getByRole('button', { name: 'Neuron 1.1', exact: true })
  await neuron.hover()
  await expect(diagram.getByRole('tooltip')).toContainText(
    /Neuron 1\.1 = tanh\(−?\d\.\d\d·x1·x2 [+−] \d\.\d\d\)/,
  )
  const boundary = await pixelsOf(page, 'boundary-canvas')
  await page.getByRole('checkbox', { name: 'x1', exact: true }).check()
  await page.getByRole('button', { name: 'Add hidden layer', exact: true }).click()
  await diagram.getByRole('button', { name: 'Neuron 1.2', exact: true }).click()
  await expect(page.getByText("Showing neuron 1.2's own output")).toBeVisible()
  await expect.poll(() => pixelsOf(page, 'boundary-canvas')).not.toBe(boundary)
  await diagram.getByRole('button', { name: 'Neuron 1.2', exact: true }).click()
  await expect(page.getByText("Showing neuron 1.2's own output")).toHaveCount(0)
  expect(errors).toEqual([])
})

test('8 hidden layers of 64 units train without an error, the diagram collapsed to what fits', async ({
  page,
}) => {
  const errors = watchErrors(page)
  await openStudio(page)
  for (let i = 0; i < 6; i++)
    await page.getByRole('button', { name: 'Add hidden layer', exact: true }).click()
  await expect(page.getByRole('button', { name: 'Add hidden layer', exact: true })).toBeDisabled()
  for (let i = 1; i <= 8; i++) {
    const units = page.getByLabel(`Units in hidden layer ${i}`)
    await units.fill('64')
    await units.press('Tab')
  }
  await expect(page.getByTestId('network-shape')).toHaveText('2 → 64 → 64 → 64 → 64 → 64 → 64 → 64 → 64 → 1')
  await expect(page.getByTestId('parameter-count')).toHaveText('29377 parameters')
  const diagram = page.getByRole('region', { name: 'Network diagram' })
  await expect(diagram).toContainText('+56')
  await expect(diagram).toContainText('Wide layers show their first 7 neurons and their last')
  // The cap: more points than such a network can train on responsively are refused, with the reason.
  await page.getByTestId('point-count').fill('400')
  await page.getByTestId('point-count').press('Enter')
  await expect(
    page.getByRole('status').filter({ hasText: 'stays responsive on up to 272 points' }),
  ).toBeVisible()
  expect(await pointCount(page)).toBe(200)
  await expect(page.getByTestId('point-count')).toHaveValue('200')

  await watchLongTasks(page)
  await page.getByTestId('play-button').click()
  await expect.poll(() => epochOf(page), { timeout: 20_000 }).toBeGreaterThan(5)
  await page.waitForTimeout(2000)
  await pause(page)
  const tasks = await longTasksOf(page)
  test.info().annotations.push({
    type: 'long tasks while training 8 × 64 with the diagram open',
    description: `${tasks.text}; ${await epochOf(page)} epochs`,
  })
  await expect(page.getByRole('alert')).toHaveCount(0)
  expect(Number.isFinite(Number(await page.getByTestId('train-loss').textContent()))).toBe(true)
  await fullPageScreenshot(page, test.info().outputPath('eight-by-64.png'))
  expect(errors).toEqual([])
})

test('brushing into 10,000 points: long tasks recorded, and nothing is half added past the limit', async ({
  page,
}) => {
  await openStudio(page)
  await page.getByTestId('point-count').fill('9800')
  await page.getByTestId('point-count').press('Enter')
  await expect.poll(() => pointCount(page)).toBe(9800)
  await page.getByLabel('Brush density').evaluate((el: HTMLInputElement) => {
    el.value = '10'
    el.dispatchEvent(new Event('input', { bubbles: true }))
  })
  await page.getByTestId('play-button').click()
  await watchLongTasks(page)
  const from = await at(page, 0.05, 0.05)
  const to = await at(page, 0.95, 0.95)
  await page.mouse.move(from.x, from.y)
  await page.mouse.down()
  await page.mouse.move(to.x, to.y, { steps: 60 })
  await page.mouse.up()
  const tasks = await longTasksOf(page)
  test.info().annotations.push({
    type: 'long tasks while brushing into 9,800 points (training)',
    description: `${tasks.text}; ${(await pointCount(page)) - 9800} points added`,
  })
  await pause(page)
  const count = await pointCount(page)
  expect(count).toBeGreaterThan(9800)
  expect(count).toBeLessThanOrEqual(10_000)
  // Filling up: a dab that would pass 10,000 adds nothing and says why.
  for (let i = 0; i < 40 && (await pointCount(page)) <= 9_990; i++) {
    const p = await at(page, 0.1 + (i % 10) * 0.08, 0.5)
    await page.mouse.move(p.x, p.y)
    await page.mouse.down()
    await page.mouse.move(p.x + 60, p.y + 20, { steps: 12 })
    await page.mouse.up()
  }
  const full = await pointCount(page)
  const p = await at(page, 0.5, 0.3)
  await page.mouse.move(p.x, p.y)
  await page.mouse.down()
  await page.mouse.move(p.x + 200, p.y, { steps: 20 })
  await page.mouse.up()
  const last = await pointCount(page)
  expect(last).toBeLessThanOrEqual(10_000)
  expect(last - full).toBeLessThanOrEqual(10)
  await expect(page.getByTestId('data-notice')).toContainText('the studio holds at most 10,000')
})

for (const colorScheme of ['light', 'dark'] as const)
  test(`the studio in ${colorScheme} mode, wide and narrow (screenshots to look at)`, async ({ page }) => {
    const errors = watchErrors(page)
    await page.emulateMedia({ colorScheme })
    await openStudio(page)
    await page.getByRole('button', { name: 'Add class', exact: true }).click()
    await page.getByRole('radio', { name: 'green', exact: true }).check()
    for (let i = 0; i < 6; i++) await clickPlot(page, 0.15 + 0.02 * i, 0.85 - 0.03 * i)
    await page.getByTestId('play-button').click()
    await expect.poll(() => epochOf(page)).toBeGreaterThan(100)
    await pause(page)
    await page.getByRole('list', { name: 'Hardest points' }).getByRole('button').first().hover()
    await fullPageScreenshot(page, test.info().outputPath(`studio-${colorScheme}-1400.png`))
    await page.setViewportSize({ width: 900, height: 900 })
    await page.waitForTimeout(300)
    await fullPageScreenshot(page, test.info().outputPath(`studio-${colorScheme}-900.png`))
    expect(errors).toEqual([])
  })

/**
 * Model files in the browser, end to end: save (a download), reload, open through the "Open model
 * file" input and carry on exactly; a bad file refused with the current work kept; the title's
 * name and dirty marker; unsaved work offered back after the tab closed.
 */
import { test, expect, type Page } from '@playwright/test'
import { readFileSync, writeFileSync } from 'node:fs'
import {
  epochOf,
  expectFirstScreen,
  pixelsOf,
  watchErrors,
  withoutPickers,
  settledPixelsOf,
} from './helpers.ts'

const readouts = (page: Page) =>
  Promise.all(
    ['epoch', 'train-loss', 'train-accuracy', 'test-loss', 'test-accuracy'].map((id) =>
      page.getByTestId(id).textContent(),
    ),
  )

async function trainTo(page: Page, epochs: number) {
  await page.getByLabel('Stop at epoch').selectOption(String(epochs))
  await page.getByTestId('play-button').click()
  await expect(page.getByTestId('epoch')).toHaveText(String(epochs), { timeout: 30_000 })
  await expect(page.getByRole('button', { name: /^Play/ })).toBeVisible()
}

async function saveDownload(page: Page, path: string) {
  const download = page.waitForEvent('download')
  await page.getByRole('button', { name: 'Save', exact: true }).click()
  const d = await download
  await d.saveAs(path)
  return d.suggestedFilename()
}

test.beforeEach(async ({ page }) => withoutPickers(page))

test('train 100 epochs, save, reload, open: same readouts and boundary, and the next step as if it never stopped', async ({
  page,
}) => {
  const errors = watchErrors(page)
  await page.goto('/')
  await expectFirstScreen(page)
  await expect(page).toHaveTitle('Untitled — Backprop Studio')
  await trainTo(page, 100)
  await expect(page).toHaveTitle(/^• Untitled/)
  const before = await readouts(page)
  const boundary = await settledPixelsOf(page, 'boundary-canvas')
  const path = test.info().outputPath('moons.bpmodel')
  expect(await saveDownload(page, path)).toBe('moons.bpmodel')
  await expect(page).toHaveTitle('moons.bpmodel — Backprop Studio')
  // The uninterrupted run's next epoch.
  await page.getByTestId('step-button').click()
  await expect(page.getByTestId('epoch')).toHaveText('101')
  const next = await page.getByTestId('train-loss').textContent()
  await expect(page).toHaveTitle('• moons.bpmodel — Backprop Studio')

  await page.reload()
  await expectFirstScreen(page)
  await page.getByLabel('Open model file').setInputFiles(path)
  await expect(page.getByTestId('epoch')).toHaveText('100')
  expect(await readouts(page)).toEqual(before)
  await expect.poll(() => pixelsOf(page, 'boundary-canvas')).toBe(boundary)
  await expect(page).toHaveTitle('moons.bpmodel — Backprop Studio')
  await page.getByTestId('step-button').click()
  await expect(page.getByTestId('epoch')).toHaveText('101')
  await expect(page.getByTestId('train-loss')).toHaveText(next!)
  expect(errors).toEqual([])
})

test('a malformed file shows its error naming the field, and the model that was open stays', async ({
  page,
}) => {
  await page.goto('/')
  await expectFirstScreen(page)
  await trainTo(page, 100)
  const before = await readouts(page)
  const good = test.info().outputPath('good.bpmodel')
  await saveDownload(page, good)
  const bad = test.info().outputPath('bad.bpmodel')
  writeFileSync(bad, readFileSync(good, 'utf8').replace(/"beta1": [\d.]+/, '"beta1": 7'))
  // Open asks first only while there are unsaved changes: the model was just saved.
  await page.getByLabel('Open model file').setInputFiles(bad)
  const alert = page.getByRole('alert')
  await expect(alert).toContainText('bad.bpmodel could not be opened')
  await expect(alert).toContainText('beta1')
  await expect(alert).toContainText('The model you had is still open')
  expect(await readouts(page)).toEqual(before)
  await expect(page).toHaveTitle('moons.bpmodel — Backprop Studio')
  const notAModel = test.info().outputPath('notes.bpmodel')
  writeFileSync(notAModel, 'shopping list: eggs, milk')
  await page.getByLabel('Open model file').setInputFiles(notAModel)
  await expect(alert).toContainText('notes.bpmodel could not be opened')
  expect(await readouts(page)).toEqual(before)
})

test('New asks before dropping unsaved work; Cancel keeps it', async ({ page }) => {
  await page.goto('/')
  await expectFirstScreen(page)
  await trainTo(page, 100)
  await page.getByRole('button', { name: 'New' }).click()
  const dialog = page.getByRole('dialog', { name: 'Save the changes to Untitled?' })
  await expect(dialog).toBeVisible()
  await page.screenshot({ path: test.info().outputPath('unsaved-dialog.png') })
  await dialog.getByRole('button', { name: 'Cancel' }).click()
  await expect(dialog).toBeHidden()
  expect(await epochOf(page)).toBe(100)
  await page.getByRole('button', { name: 'New' }).click()
  await dialog.getByRole('button', { name: 'Discard changes' }).click()
  await expect(page.getByTestId('epoch')).toHaveText('0')
  await expect(page).toHaveTitle('Untitled — Backprop Studio')
})

test('a closed tab with unsaved work offers it back on the next visit, and Restore brings it back', async ({
  page,
  context,
}) => {
  await page.goto('/')
  await expectFirstScreen(page)
  await trainTo(page, 100)
  const before = await readouts(page)
  // A recovery copy is kept about every 10 seconds while the work is unsaved.
  await page.waitForTimeout(11_500)
  await page.close({ runBeforeUnload: false })

  const again = await context.newPage()
  await again.goto('/')
  const offer = again.getByRole('dialog', { name: 'Restore unsaved work?' })
  await expect(offer).toBeVisible()
  await expect(offer).toContainText('Untitled')
  await again.screenshot({ path: test.info().outputPath('recovery-dialog.png') })
  await offer.getByRole('button', { name: 'Restore' }).click()
  await expect(again.getByTestId('epoch')).toHaveText('100')
  expect(await readouts(again)).toEqual(before)
  await expect(again).toHaveTitle('• Untitled — Backprop Studio')

  // Discard: the next visit starts fresh and asks nothing.
  await again.reload()
  await again
    .getByRole('dialog', { name: 'Restore unsaved work?' })
    .getByRole('button', { name: 'Discard' })
    .click()
  await again.reload()
  await expectFirstScreen(again)
  await expect(again.getByRole('dialog')).toHaveCount(0)
})

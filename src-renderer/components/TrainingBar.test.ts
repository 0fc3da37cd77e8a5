import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createPinia, setActivePinia, type Pinia } from 'pinia'
import { createApp, h, nextTick, type App } from 'vue'
import { scriptedApi } from '../testing/fakes.ts'
import { useTrainingStore } from '../stores/training.ts'
import TrainingBar from './TrainingBar.vue'
import ErrorBanner from './ErrorBanner.vue'

let app: App
let root: HTMLElement
let pinia: Pinia

beforeEach(() => {
  pinia = createPinia()
  setActivePinia(pinia)
  root = document.createElement('div')
  document.body.append(root)
  app = createApp({ render: () => [h(ErrorBanner), h(TrainingBar)] })
  app.use(pinia)
})
afterEach(() => {
  app.unmount()
  root.remove()
})

const byTestId = (id: string) => root.querySelector(`[data-testid="${id}"]`) as HTMLElement
/** The accessible name a control gets from its <label for> (or aria-label). */
const nameOf = (el: Element) =>
  el.getAttribute('aria-label') ?? root.querySelector(`label[for="${el.id}"]`)?.textContent?.trim() ?? ''

describe('TrainingBar', () => {
  it('names every control', () => {
    app.mount(root)
    const controls = [...root.querySelectorAll('button, select, input')]
    expect(controls.length).toBeGreaterThanOrEqual(7)
    for (const c of controls) expect(nameOf(c), c.outerHTML).not.toBe('')
    expect(controls.map(nameOf)).toEqual(
      expect.arrayContaining(['Learning rate', 'Optimizer', 'Loss', 'Batch size', 'Step one epoch']),
    )
  })

  it('shows epoch, loss and accuracy as text from the trainer’s progress', async () => {
    app.mount(root)
    const fake = scriptedApi()
    const training = useTrainingStore()
    await training.connect(fake.api)
    expect(byTestId('epoch').textContent).toBe('0')
    expect(byTestId('train-loss').textContent).toBe('—')
    fake.emit({
      type: 'progress',
      running: true,
      epoch: 7,
      metrics: [{ epoch: 7, trainLoss: 0.123456, trainAccuracy: 0.9634, testLoss: 0.2, testAccuracy: 0.9 }],
      grid: { size: 1, xMin: 0, xMax: 1, yMin: 0, yMax: 1, outputs: 1, values: new Float32Array(1) },
    })
    await nextTick()
    expect(byTestId('epoch').textContent).toBe('7')
    expect(byTestId('train-loss').textContent).toBe('0.1235')
    expect(byTestId('train-accuracy').textContent).toBe('96.3 %')
    expect(byTestId('test-accuracy').textContent).toBe('90.0 %')
    expect(byTestId('play-button').getAttribute('aria-label')).toMatch(/^Pause/)
  })

  it('sends a changed learning rate and batch size to the trainer while it runs', async () => {
    app.mount(root)
    const fake = scriptedApi()
    await useTrainingStore().connect(fake.api)
    const lr = byTestId('learning-rate') as HTMLSelectElement
    lr.value = '0.1'
    lr.dispatchEvent(new Event('change'))
    const batch = byTestId('batch-size') as HTMLSelectElement
    batch.value = '32'
    batch.dispatchEvent(new Event('change'))
    for (let i = 0; i < 5; i++) await nextTick()
    expect(fake.calls.at(-1)).toMatchObject({
      name: 'updateTraining',
      args: [{ optimizer: { learningRate: 0.1 }, batchSize: 32 }],
    })
  })

  it('names the regularization and schedule controls; the schedule’s details appear with linear decay', async () => {
    app.mount(root)
    const names = () => [...root.querySelectorAll('select')].map(nameOf)
    expect(names()).toEqual(expect.arrayContaining(['Regularization', 'Regularization rate', 'Schedule']))
    expect(names()).not.toContain('Final rate')
    const rate = byTestId('regularization-rate') as HTMLSelectElement
    expect(rate.disabled).toBe(true)

    const schedule = byTestId('schedule') as HTMLSelectElement
    schedule.value = 'linear'
    schedule.dispatchEvent(new Event('change'))
    await nextTick()
    expect(names()).toEqual(expect.arrayContaining(['Final rate', 'Decay over']))
    // The defaults: a tenth of the learning rate (0.03), over 100 epochs.
    expect((byTestId('final-rate') as HTMLSelectElement).value).toBe('0.003')
    expect((byTestId('decay-epochs') as HTMLSelectElement).selectedOptions[0].textContent?.trim()).toBe(
      '100 epochs',
    )
    // Related controls sit in named groups.
    const groups = [...root.querySelectorAll('[role="group"]')].map((g) => g.getAttribute('aria-label'))
    expect(groups).toEqual(['Step size', 'Updates', 'Objective', 'Pace'])
  })

  it('sends regularization and schedule changes from the controls while it runs', async () => {
    app.mount(root)
    const fake = scriptedApi()
    await useTrainingStore().connect(fake.api)
    await useTrainingStore().play()
    const choose = async (id: string, value: string) => {
      const el = byTestId(id) as HTMLSelectElement
      el.value = value
      el.dispatchEvent(new Event('change'))
      for (let i = 0; i < 5; i++) await nextTick()
    }
    await choose('regularization', 'l2')
    expect((byTestId('regularization-rate') as HTMLSelectElement).disabled).toBe(false)
    await choose('regularization-rate', '0.01')
    expect(fake.calls.at(-1)).toMatchObject({ name: 'updateTraining', args: [{ l1: 0, l2: 0.01 }] })
    await choose('schedule', 'linear')
    await choose('final-rate', '0.001')
    await choose('decay-epochs', '300')
    expect(fake.calls.at(-1)).toMatchObject({
      name: 'updateTraining',
      args: [{ schedule: { type: 'linear', finalLearningRate: 0.001, epochs: 300 }, l2: 0.01 }],
    })
    // Nothing restarted the run.
    expect(fake.names().filter((n) => n === 'loadModel' || n === 'reset' || n === 'pause')).toEqual([
      'loadModel',
    ])
  })

  it('shows trainer errors in an alert that can be dismissed', async () => {
    app.mount(root)
    const fake = scriptedApi()
    await useTrainingStore().connect(fake.api)
    expect(root.querySelector('[role="alert"]')).toBeNull()
    fake.emit({ type: 'error', message: 'The training worker stopped.' })
    await nextTick()
    const alert = root.querySelector('[role="alert"]')!
    expect(alert.textContent).toContain('The training worker stopped.')
    ;(alert.querySelector('button') as HTMLButtonElement).click()
    await nextTick()
    expect(root.querySelector('[role="alert"]')).toBeNull()
  })
})

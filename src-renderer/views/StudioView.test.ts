/** The studio's accessible names (issue 7's contract), in happy-dom: what outside tests drive the app by. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { createApp, nextTick, type App } from 'vue'
import type { TrainerEvent } from '../../shared/src/ipc.ts'
import { scriptedApi } from '../testing/fakes.ts'
import { useConfirmStore } from '../stores/confirm.ts'
import { useDatasetStore } from '../stores/dataset.ts'
import { useTrainingStore } from '../stores/training.ts'
import StudioView from './StudioView.vue'

// chart.js needs a canvas 2D context, which happy-dom has not; the curves are tested in the browser.
vi.mock('../components/MetricsChart.vue', () => ({ default: { render: () => null } }))
vi.mock('../components/diagnostics/DiagnosticsCharts.vue', () => ({ default: { render: () => null } }))

let app: App
let root: HTMLElement
let fake: ReturnType<typeof scriptedApi>

const settle = async () => {
  for (let i = 0; i < 6; i++) await nextTick()
}

beforeEach(async () => {
  const pinia = createPinia()
  setActivePinia(pinia)
  root = document.createElement('div')
  document.body.append(root)
  app = createApp(StudioView)
  app.use(pinia)
  fake = scriptedApi()
  await useTrainingStore().connect(fake.api)
  app.mount(root)
  await settle()
})
afterEach(() => {
  app.unmount()
  root.remove()
})

/** The accessible name of an element as the tests use it: aria-label, a label's text, or its own text. */
function nameOf(el: Element): string {
  const aria = el.getAttribute('aria-label')
  if (aria) return aria
  const id = el.getAttribute('id')
  const label = id ? root.querySelector(`label[for="${id}"]`) : el.closest('label')
  return (label?.textContent ?? el.textContent ?? '').trim()
}
const named = (selector: string, name: string) =>
  [...root.querySelectorAll(selector)].filter((e) => nameOf(e) === name)
const button = (name: string) => named('button', name)

describe('the studio, by its accessible names', () => {
  it('has the plot, the tools, undo and redo, the classes and CSV controls', () => {
    const canvas = root.querySelector('[data-testid="boundary-canvas"]')!
    expect(canvas.getAttribute('aria-label')).toBe('Data plot')
    expect(root.querySelector(`#${canvas.getAttribute('aria-describedby')}`)?.textContent).toMatch(
      /160 training points .* 40 test points/,
    )
    for (const name of [
      'Add points',
      'Erase points',
      'Move points',
      'Select points',
      'Clear all points',
      'Undo',
      'Redo',
      'Add class',
      'Export CSV',
      'Add hidden layer',
      'Export plot as PNG',
    ])
      expect(button(name), name).toHaveLength(1)
    expect(named('input[type="radio"]', 'blue')).toHaveLength(1)
    expect(named('input[type="radio"]', 'orange')).toHaveLength(1)
    expect((named('input', 'Name of class 1')[0] as HTMLInputElement).value).toBe('blue')
    expect((named('input', 'Name of class 2')[0] as HTMLInputElement).value).toBe('orange')
    expect(named('input[type="file"]', 'Import CSV')).toHaveLength(1)
    expect(root.textContent).toContain('160 training and 40 test points')
    expect(root.textContent).toContain('100 points')
    expect(root.querySelector('[data-testid="parameter-count"]')?.textContent).toBe('105 parameters')
  })

  it('names the feature checkboxes and the neurons of the diagram, output layer last', () => {
    for (const f of ['x1', 'x2', 'x1²', 'x2²', 'x1·x2', 'sin(x1)', 'sin(x2)'])
      expect(named('input[type="checkbox"]', f), f).toHaveLength(1)
    const region = [...root.querySelectorAll('[role="region"]')].find((r) => nameOf(r) === 'Network diagram')!
    expect(region).toBeDefined()
    const neurons = [...region.querySelectorAll('button')].map(nameOf)
    expect(neurons).toHaveLength(17)
    expect(neurons).toContain('Neuron 1.1')
    expect(neurons).toContain('Neuron 2.8')
    expect(neurons.at(-1)).toBe('Neuron 3.1')
  })

  it('shows the confusion matrices and the hardest points once the trainer reports point outputs', async () => {
    const d = useDatasetStore().dataset
    const stats = (n: number) => ({
      predicted: new Uint8Array(n),
      loss: Float32Array.from({ length: n }, (_, i) => i),
    })
    const event: TrainerEvent = {
      type: 'progress',
      running: false,
      epoch: 1,
      metrics: [{ epoch: 1, trainLoss: 1, trainAccuracy: 0.5 }],
      grid: { size: 1, xMin: 0, xMax: 1, yMin: 0, yMax: 1, outputs: 1, values: new Float32Array(1) },
      points: { train: stats(d.train.length), test: stats(d.test.length) },
    }
    fake.emit(event)
    await settle()
    const captions = [...root.querySelectorAll('table caption')].map((c) => c.textContent ?? '')
    expect(captions.filter((c) => c.includes('Confusion matrix'))).toHaveLength(2)
    const list = named('ol', 'Hardest points')
    expect(list).toHaveLength(1)
    expect(list[0].querySelectorAll('li')).toHaveLength(10)
    // The hardest first: training point 159 has the highest loss.
    expect(list[0].querySelector('li')?.textContent).toMatch(/training point at .*loss 159/)
  })

  it('has the timeline with its buttons, and a Diagnostics region whose warnings ring their neurons', async () => {
    const layer = (n: number, units: number, dead: number[]) => ({
      layer: n,
      units,
      activation: 'relu' as const,
      gradientNorm: 0.5,
      deadUnits: dead,
      saturatedUnits: [],
    })
    fake.emit({
      type: 'progress',
      running: false,
      epoch: 5,
      metrics: [1, 2, 3, 4, 5].map((epoch) => ({ epoch, trainLoss: 1 / epoch, trainAccuracy: 0.5 })),
      grid: { size: 1, xMin: 0, xMax: 1, yMin: 0, yMax: 1, outputs: 1, values: new Float32Array(1) },
      timeline: { fresh: true, epochs: [0, 1, 2, 3, 4, 5] },
      diagnostics: [layer(1, 8, [0, 2, 5]), layer(2, 8, []), layer(3, 1, [])],
    })
    await settle()
    const slider = named('input[type="range"]', 'Timeline') as HTMLInputElement[]
    expect(slider).toHaveLength(1)
    expect([slider[0].min, slider[0].max, slider[0].value]).toEqual(['0', '5', '5'])
    expect(slider[0].getAttribute('aria-valuetext')).toBe('epoch 5, now')
    expect((button('Continue from here')[0] as HTMLButtonElement).disabled).toBe(true)
    expect(button('Replay')).toHaveLength(1)
    expect(named('select', 'Replay speed')).toHaveLength(1)

    const region = [...root.querySelectorAll('[role="region"]')].find((r) => nameOf(r) === 'Diagnostics')!
    expect(region.querySelector('li')?.textContent).toContain('3 of 8 units in hidden layer 1 are dead')
    expect(region.querySelector('li')?.textContent).toContain('Neurons 1.1, 1.3, 1.6 are ringed')
    expect(region.querySelector('tbody tr')?.textContent).toMatch(/Hidden 1\s*relu\s*0\.50\s*3 of 8/)
    const diagram = [...root.querySelectorAll('[role="region"]')].find(
      (r) => nameOf(r) === 'Network diagram',
    )!
    const ringed = [...diagram.querySelectorAll('button.marked')].map(nameOf)
    expect(ringed).toEqual(['Neuron 1.1', 'Neuron 1.3', 'Neuron 1.6'])
  })

  it('asks before an architecture edit once trained, with "Keep training the old one"', async () => {
    fake.emit({
      type: 'progress',
      running: false,
      epoch: 3,
      metrics: [],
      grid: { size: 1, xMin: 0, xMax: 1, yMin: 0, yMax: 1, outputs: 1, values: new Float32Array(1) },
    })
    await settle()
    ;(button('Add hidden layer')[0] as HTMLButtonElement).click()
    await settle()
    expect(useConfirmStore().pending?.what).toBe('Add hidden layer')
    const keep = button('Keep training the old one')
    expect(keep).toHaveLength(1)
    ;(keep[0] as HTMLButtonElement).click()
    await settle()
    expect(useConfirmStore().pending).toBeNull()
    expect(root.querySelector('[data-testid="network-shape"]')?.textContent).toBe('2 → 8 → 8 → 1')
  })

  it('picks tools and classes with their keys, and undoes with Ctrl+Z', async () => {
    const data = useDatasetStore()
    const press = (key: string, extra: KeyboardEventInit = {}) =>
      window.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, ...extra }))
    press('e')
    await settle()
    expect(button('Erase points')[0].getAttribute('aria-pressed')).toBe('true')
    press('2')
    await settle()
    expect((named('input[type="radio"]', 'orange')[0] as HTMLInputElement).checked).toBe(true)
    data.addPoints([[0, 0]], 1)
    expect(data.pointCount).toBe(201)
    press('z', { ctrlKey: true })
    expect(data.pointCount).toBe(200)
    press('y', { ctrlKey: true })
    expect(data.pointCount).toBe(201)
  })
})

/** DataPlot's two modes in happy-dom: pick-only (tools off, the graph view's) and drawing (tools on). */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { createApp, h, nextTick, type App } from 'vue'
import { MARGIN } from '../plot/draw.ts'
import { useDatasetStore } from '../stores/dataset.ts'
import { useEditorStore } from '../stores/editor.ts'
import { useSelectionStore } from '../stores/selection.ts'
import DataPlot from './DataPlot.vue'

let app: App
let root: HTMLElement

function mount(tools: boolean) {
  root = document.createElement('div')
  document.body.append(root)
  app = createApp({ render: () => h(DataPlot, { tools }) })
  app.use(createPinia())
  setActivePinia(app.config.globalProperties.$pinia)
  app.mount(root)
}

afterEach(() => {
  app.unmount()
  root.remove()
})

/** The page position of data point (x, y) on the plot (the canvas sits at 0, 0 in happy-dom). */
function pixel(x: number, y: number): [number, number] {
  const v = useDatasetStore().view
  const side = Number.parseFloat(root.querySelector('canvas')!.style.width)
  const w = side - MARGIN.left - MARGIN.right
  const hgt = side - MARGIN.top - MARGIN.bottom
  return [
    MARGIN.left + ((x - v.xMin) / (v.xMax - v.xMin)) * w,
    MARGIN.top + ((v.yMax - y) / (v.yMax - v.yMin)) * hgt,
  ]
}

function pointer(type: string, [clientX, clientY]: [number, number]) {
  const canvas = root.querySelector('canvas')!
  canvas.dispatchEvent(new PointerEvent(type, { clientX, clientY, button: 0, bubbles: true, pointerId: 1 }))
}

describe('DataPlot', () => {
  beforeEach(() => setActivePinia(createPinia()))

  it('without tools only picks: a click near a point selects it, nothing is drawn, no export button', async () => {
    mount(false)
    await nextTick()
    const data = useDatasetStore()
    const p = data.dataset.test[3]
    const [px, py] = pixel(p[0], p[1])
    pointer('pointerdown', [px, py])
    pointer('pointerup', [px, py])
    expect(useSelectionStore().selected).toEqual({ set: 'test', index: 3 })
    expect(data.pointCount).toBe(200)
    // Far from every point: nothing picked, nothing added.
    useSelectionStore().clear()
    pointer('pointerdown', pixel(data.view.xMax - 0.01, data.view.yMin + 0.01))
    expect(data.pointCount).toBe(200)
    expect(root.textContent).not.toContain('Export plot as PNG')
    const canvas = root.querySelector('canvas')!
    expect(canvas.getAttribute('aria-label')).toBe('Data plot')
    expect(canvas.getAttribute('aria-describedby')).toBeTruthy()
  })

  it('with tools: Add adds a point of the current class where clicked; Select picks a point with a click', async () => {
    mount(true)
    await nextTick()
    const data = useDatasetStore()
    const editor = useEditorStore()
    editor.currentClass = 1
    const [x, y] = [(data.view.xMin + data.view.xMax) / 2, (data.view.yMin + data.view.yMax) / 2]
    const trainBefore = data.dataset.train.length
    pointer('pointerdown', pixel(x, y))
    pointer('pointerup', pixel(x, y))
    expect(data.pointCount).toBe(201)
    // Appended to the training or the test points (the seeded split decides).
    const added = (data.dataset.train.length > trainBefore ? data.dataset.train : data.dataset.test).at(-1)!
    expect(added[2]).toBe(1)
    expect(added[0]).toBeCloseTo(x, 1)
    expect(data.undoLabel).toBe('Add a point')

    editor.tool = 'select'
    const p = data.dataset.train[7]
    pointer('pointerdown', pixel(p[0], p[1]))
    pointer('pointerup', pixel(p[0], p[1]))
    expect(useSelectionStore().point).toBe(p)
    expect(root.textContent).toContain('Export plot as PNG')
  })

  it('a brush stroke stopped by the point limit is one undo step, and undo takes back only it', async () => {
    mount(true)
    await nextTick()
    const data = useDatasetStore()
    const editor = useEditorStore()
    editor.tool = 'add'
    editor.brushDensity = 10
    data.capacity = { points: 215, reason: 'a limit for this test' }
    const from = pixel(data.view.xMin + 0.2, data.view.yMin + 0.2)
    pointer('pointerdown', from)
    for (let i = 1; i <= 40; i++) pointer('pointermove', [from[0] + i * 10, from[1] - i * 6])
    pointer('pointerup', [from[0] + 400, from[1] - 240])
    expect(data.pointCount).toBeGreaterThan(200)
    expect(data.pointCount).toBeLessThanOrEqual(215)
    expect(data.notice?.text).toContain('That would make')
    expect(data.undoLabel).toBe('Brush stroke')
    data.undo()
    expect(data.pointCount).toBe(200)
    // The step before the stroke is still there to undo on its own.
    expect(data.undoLabel).not.toBe('Brush stroke')
  })
})

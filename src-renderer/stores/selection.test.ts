import { beforeEach, describe, expect, it } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { nextTick } from 'vue'
import { useDatasetStore } from './dataset.ts'
import { useSelectionStore } from './selection.ts'

beforeEach(() => setActivePinia(createPinia()))

describe('selection store', () => {
  it('picks a point and reads it from the data', () => {
    const data = useDatasetStore()
    const sel = useSelectionStore()
    expect(sel.point).toBeNull()
    sel.select({ set: 'test', index: 3 })
    expect(sel.point).toEqual(data.dataset.test[3])
    sel.select({ set: 'train', index: 10_000 })
    expect(sel.selected).toBeNull()
  })

  it('steps through training then test points, wrapping around both ways', () => {
    const data = useDatasetStore()
    const sel = useSelectionStore()
    sel.next()
    expect(sel.selected).toEqual({ set: 'train', index: 0 })
    sel.previous()
    expect(sel.selected).toEqual({ set: 'test', index: data.dataset.test.length - 1 })
    sel.select({ set: 'train', index: data.dataset.train.length - 1 })
    sel.next()
    expect(sel.selected).toEqual({ set: 'test', index: 0 })
  })

  it('drops the pick when new data no longer has that point', async () => {
    const data = useDatasetStore()
    const sel = useSelectionStore()
    sel.select({ set: 'train', index: 150 })
    data.count = 50
    await nextTick()
    await nextTick()
    expect(sel.selected).toBeNull()
    sel.select({ set: 'train', index: 5 })
    data.removePoints([{ set: 'train', index: 5 }])
    expect(sel.selected).toBeNull()
    // Regenerated data has other points, even where the index still exists.
    sel.select({ set: 'train', index: 5 })
    data.seed = 7
    await nextTick()
    expect(sel.selected).toBeNull()
  })

  it('follows its point through edits: erasing points before it, moving it, undo and redo', () => {
    const data = useDatasetStore()
    const sel = useSelectionStore()
    sel.select({ set: 'train', index: 10 })
    const point = sel.point!
    data.removePoints([
      { set: 'train', index: 2 },
      { set: 'train', index: 3 },
    ])
    expect(sel.selected).toEqual({ set: 'train', index: 8 })
    expect(sel.point).toBe(point)
    data.movePoints([{ set: 'train', index: 8 }], 0.5, -0.25)
    expect(sel.selected).toEqual({ set: 'train', index: 8 })
    expect(sel.point).toEqual([point[0] + 0.5, point[1] - 0.25, point[2]])
    data.undo()
    expect(sel.point).toBe(point)
    data.undo()
    expect(sel.selected).toEqual({ set: 'train', index: 10 })
    data.redo()
    data.redo()
    expect(sel.selected).toEqual({ set: 'train', index: 8 })
  })
})

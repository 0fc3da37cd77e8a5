/**
 * The one data point the learner has picked: the graph view traces it, the plot rings it.
 * A reference into the dataset store's train or test list; it follows its point when edits erase
 * others before it or move it, and clears itself when the data no longer has that point.
 */
import { defineStore } from 'pinia'
import { computed, ref, watch } from 'vue'
import type { Point } from '../../shared/src/model-file/types.ts'
import { useDatasetStore } from './dataset.ts'

export interface PointRef {
  set: 'train' | 'test'
  index: number
}

export const useSelectionStore = defineStore('selection', () => {
  const dataset = useDatasetStore()
  const selected = ref<PointRef | null>(null)
  /** The picked point itself (points are immutable tuples), to find it again after an edit. */
  let picked: Point | null = null

  const count = computed(() => dataset.dataset.train.length + dataset.dataset.test.length)

  /** The picked point as [x1, x2, class], or null. */
  const point = computed<Point | null>(() => {
    const ref = selected.value
    if (!ref) return null
    return dataset.dataset[ref.set][ref.index] ?? null
  })

  function select(ref: PointRef | null): void {
    picked = ref ? (dataset.dataset[ref.set][ref.index] ?? null) : null
    selected.value = picked && ref ? { ...ref } : null
  }

  /** Position in one list of all points: training points first, then test points. */
  function flat(ref: PointRef): number {
    return ref.set === 'train' ? ref.index : dataset.dataset.train.length + ref.index
  }

  function fromFlat(i: number): PointRef {
    const n = dataset.dataset.train.length
    return i < n ? { set: 'train', index: i } : { set: 'test', index: i - n }
  }

  /** Moves the pick by `delta` points (training points, then test points, wrapping around). */
  function move(delta: number): void {
    const n = count.value
    if (n === 0) return select(null)
    const from = selected.value ? flat(selected.value) : delta > 0 ? -1 : 0
    select(fromFlat((((from + delta) % n) + n) % n))
  }

  // New data: follow the picked point to where it is now (erased before it, moved), else drop it.
  watch(
    () => dataset.dataset,
    (d) => {
      const ref = selected.value
      if (!ref || !picked || d[ref.set][ref.index] === picked) return
      const at = dataset.locate(picked)
      if (at) {
        selected.value = at
        picked = d[at.set][at.index]
      } else select(null)
    },
    { flush: 'sync' },
  )

  return {
    selected,
    point,
    select,
    next: () => move(1),
    previous: () => move(-1),
    clear: () => select(null),
  }
})

import { beforeEach, describe, expect, it } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { useHighlightStore } from './highlight.ts'

beforeEach(() => setActivePinia(createPinia()))

describe('highlight store', () => {
  it('marks exactly the neurons given, and keeps its set when nothing changed', () => {
    const h = useHighlightStore()
    h.mark([
      { layer: 1, unit: 0 },
      { layer: 1, unit: 3 },
    ])
    expect(h.isMarked(1, 3)).toBe(true)
    expect(h.isMarked(0, 3)).toBe(false)
    const before = h.marked
    h.mark([
      { layer: 1, unit: 3 },
      { layer: 1, unit: 0 },
    ])
    expect(h.marked).toBe(before)
    h.mark([{ layer: 0, unit: 2 }])
    expect(h.isMarked(1, 0)).toBe(false)
    h.clear()
    expect(h.marked.size).toBe(0)
  })
})

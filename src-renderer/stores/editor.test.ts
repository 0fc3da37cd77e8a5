import { beforeEach, describe, expect, it } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { useDatasetStore } from './dataset.ts'
import { useEditorStore } from './editor.ts'

beforeEach(() => setActivePinia(createPinia()))

describe('the selected group', () => {
  it('moves with its points, and ends at any other edit (its positions may hold other points then)', () => {
    const data = useDatasetStore()
    const editor = useEditorStore()
    const refs = [
      { set: 'train' as const, index: 0 },
      { set: 'train' as const, index: 1 },
    ]
    editor.group = refs
    const before = data.dataset.train[0]
    editor.moveGroup(() => data.movePoints(refs, 0.5, 0))
    expect(data.dataset.train[0][0]).toBeCloseTo(before[0] + 0.5)
    expect(editor.group).toEqual(refs)
    data.undo()
    expect(editor.group).toEqual([])
    editor.group = refs
    data.clearAll()
    expect(editor.group).toEqual([])
    data.addPoints(
      [
        [0, 0],
        [1, 1],
        [2, 2],
      ],
      0,
    )
    expect(editor.group).toEqual([])
  })
})

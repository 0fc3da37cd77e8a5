// @vitest-environment node
import { describe, expect, it } from 'vitest'
import type { PointOutputs } from '../../../shared/src/ipc.ts'
import type { DatasetJSON } from '../../../shared/src/model-file/types.ts'
import { confusionOf, hardestPoints } from './stats.ts'

const data: DatasetJSON = {
  classes: ['a', 'b', 'c'],
  train: [
    [0, 0, 0],
    [1, 1, 1],
    [2, 2, 2],
    [3, 3, 2],
  ],
  test: [[4, 4, 1]],
}
const outputs: PointOutputs = {
  train: { predicted: Uint8Array.from([0, 2, 2, 1]), loss: Float32Array.from([0.1, 2.5, 0.2, 1.5]) },
  test: { predicted: Uint8Array.from([1]), loss: Float32Array.from([3]) },
}

describe('results from per-point outputs', () => {
  it('counts a confusion matrix per set, rows = true class', () => {
    expect(confusionOf(data, outputs, 'train')).toEqual([
      [1, 0, 0],
      [0, 0, 1],
      [0, 1, 1],
    ])
    expect(confusionOf(data, outputs, 'test')).toEqual([
      [0, 0, 0],
      [0, 1, 0],
      [0, 0, 0],
    ])
    // Outputs for fewer points (computed before points were added) count those only.
    const more = { ...data, train: [...data.train, [5, 5, 0] as [number, number, number]] }
    expect(
      confusionOf(more, outputs, 'train')
        .flat()
        .reduce((a, b) => a + b),
    ).toBe(4)
  })

  it('lists the hardest points, highest loss first, both sets', () => {
    const hard = hardestPoints(data, outputs, 3)
    expect(hard.map((h) => [h.ref.set, h.ref.index, h.loss])).toEqual([
      ['test', 0, 3],
      ['train', 1, 2.5],
      ['train', 3, 1.5],
    ])
    expect(hard[1]).toMatchObject({ label: 1, predicted: 2 })
    expect(hardestPoints(data, outputs)).toHaveLength(5)
  })
})

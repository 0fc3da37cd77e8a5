// @vitest-environment node
// (pure logic: no DOM needed, and happy-dom costs a second or two per file to set up)
import { describe, expect, it } from 'vitest'
import type { EpochMetrics } from '../../shared/src/model-file/types.ts'
import { syncCurve, type XY } from './decimate.ts'

const history = (n: number, from = 1): EpochMetrics[] =>
  Array.from({ length: n }, (_, i) => ({
    epoch: from + i,
    trainLoss: 1 / (from + i),
    trainAccuracy: 0.5,
    ...(i % 2 === 0 ? { testLoss: 2 / (from + i) } : {}),
  }))
const loss = (m: EpochMetrics) => m.trainLoss

describe('syncCurve', () => {
  it('appends only the new epochs of a short run', () => {
    const h = history(5)
    const target: XY[] = []
    expect(syncCurve(h.slice(0, 3), loss, target)).toBe(true)
    const first = target[0]
    expect(syncCurve(h, loss, target)).toBe(true)
    expect(target.map((p) => p.x)).toEqual([1, 2, 3, 4, 5])
    expect(target[0]).toBe(first)
    expect(syncCurve(h, loss, target)).toBe(false)
  })

  it('leaves out epochs without the value', () => {
    const target: XY[] = []
    syncCurve(history(5), (m) => m.testLoss, target)
    expect(target.map((p) => p.x)).toEqual([1, 3, 5])
  })

  it('starts over when the history went back (a reset)', () => {
    const target: XY[] = []
    syncCurve(history(8), loss, target)
    expect(syncCurve(history(2), loss, target)).toBe(true)
    expect(target.map((p) => p.x)).toEqual([1, 2])
  })

  it('keeps a long run under the limit, with the first and the latest epoch', () => {
    const h = history(1001)
    const target: XY[] = []
    syncCurve(h, loss, target, 100)
    expect(target.length).toBeLessThanOrEqual(101)
    expect(target[0].x).toBe(1)
    expect(target.at(-1)!.x).toBe(1001)
    expect(target.every((p, i) => i === 0 || p.x > target[i - 1].x)).toBe(true)
  })
})

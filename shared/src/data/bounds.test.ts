import { describe, it, expect } from 'vitest'
import { dataBounds } from './bounds.ts'
import { makeMoons } from './moons.ts'

describe('dataBounds', () => {
  it('is square: the larger span on both axes, centred on the data, plus the margin', () => {
    const b = dataBounds(
      [
        [0, 0],
        [4, 1],
      ],
      1,
    )
    expect(b).toEqual({ xMin: -1, xMax: 5, yMin: -2.5, yMax: 3.5 })
  })

  it('contains every point with at least the margin to spare', () => {
    const points = makeMoons(200, 0.15, 42)
    const b = dataBounds(points, 0.25)
    for (const [x, y] of points) {
      expect(x - b.xMin).toBeGreaterThanOrEqual(0.25 - 1e-12)
      expect(b.xMax - x).toBeGreaterThanOrEqual(0.25 - 1e-12)
      expect(y - b.yMin).toBeGreaterThanOrEqual(0.25 - 1e-12)
      expect(b.yMax - y).toBeGreaterThanOrEqual(0.25 - 1e-12)
    }
    expect(b.xMax - b.xMin).toBeCloseTo(b.yMax - b.yMin, 12)
  })

  it('never collapses: no points or one point give a span of 2', () => {
    expect(dataBounds([], 0)).toEqual({ xMin: -1, xMax: 1, yMin: -1, yMax: 1 })
    expect(dataBounds([[3, 4, 0]], 0.5)).toEqual({ xMin: 1.5, xMax: 4.5, yMin: 2.5, yMax: 5.5 })
  })

  it('rejects non-finite coordinates and a bad margin', () => {
    expect(() => dataBounds([[0, NaN]])).toThrow(/point 0 has a coordinate that is not a finite number/)
    expect(() => dataBounds([[0, 0]], -1)).toThrow(/margin must be a finite number ≥ 0/)
  })
})

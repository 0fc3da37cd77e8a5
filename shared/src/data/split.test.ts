import { describe, it, expect } from 'vitest'
import fc from 'fast-check'
import type { Point } from '../model-file/types.ts'
import { makeMoons } from './moons.ts'
import { splitTrainTest } from './split.ts'

// Points with distinct x1 so each can be identified after the shuffle.
const numbered = (n: number): Point[] => Array.from({ length: n }, (_, i) => [i, -i, i % 2] as Point)
const ids = (points: Point[]) => points.map((p) => p[0])

describe('splitTrainTest', () => {
  it('puts round(n × testFraction) points in test and the rest in train', () => {
    const { train, test } = splitTrainTest(numbered(200), 0.25, 1)
    expect(test).toHaveLength(50)
    expect(train).toHaveLength(150)
  })

  it('is disjoint and its union is every point, for any size, fraction and seed', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 60 }),
        fc.double({ min: 0, max: 0.99, noNaN: true }),
        fc.integer(),
        (n, f, seed) => {
          const { train, test } = splitTrainTest(numbered(n), f, seed)
          const all = [...ids(train), ...ids(test)].sort((a, b) => a - b)
          expect(all).toEqual(ids(numbered(n)))
          if (n > 0) expect(train.length).toBeGreaterThan(0)
        },
      ),
      { numRuns: 100 },
    )
  })

  it('is deterministic for a seed and differs between seeds', () => {
    const points = makeMoons(100, 0.1, 1)
    expect(splitTrainTest(points, 0.3, 9)).toEqual(splitTrainTest(points, 0.3, 9))
    expect(ids(splitTrainTest(points, 0.3, 9).test)).not.toEqual(ids(splitTrainTest(points, 0.3, 10).test))
  })

  it('keeps every point whole and copies it, leaving the input untouched', () => {
    const points = numbered(10)
    const before = structuredClone(points)
    const { train, test } = splitTrainTest(points, 0.5, 3)
    for (const p of [...train, ...test]) expect(p).toEqual(points[p[0]])
    train[0][0] = 1000
    expect(points).toEqual(before)
  })

  it('keeps at least one training point, and allows no test points', () => {
    expect(splitTrainTest(numbered(1), 0.9, 1)).toEqual({ train: numbered(1), test: [] })
    expect(splitTrainTest(numbered(5), 0, 1).test).toEqual([])
  })

  it('rejects a fraction outside [0, 1)', () => {
    expect(() => splitTrainTest(numbered(5), 1, 1)).toThrow(/testFraction must be a number from 0 up to/)
    expect(() => splitTrainTest(numbered(5), -0.1, 1)).toThrow(/testFraction/)
    expect(() => splitTrainTest(numbered(5), NaN, 1)).toThrow(/testFraction/)
  })
})

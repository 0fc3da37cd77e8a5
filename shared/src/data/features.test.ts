import { describe, it, expect } from 'vitest'
import { FEATURES, type Point } from '../model-file/types.ts'
import { featurize, featurizeAll, isFeatureName, labelsOf } from './features.ts'

describe('featurize', () => {
  const x1 = 0.7
  const x2 = -1.3

  it('computes every feature by name', () => {
    expect(featurize(['x1'], x1, x2)[0]).toBe(0.7)
    expect(featurize(['x2'], x1, x2)[0]).toBe(-1.3)
    expect(featurize(['x1^2'], x1, x2)[0]).toBeCloseTo(0.49, 15)
    expect(featurize(['x2^2'], x1, x2)[0]).toBeCloseTo(1.69, 15)
    expect(featurize(['x1*x2'], x1, x2)[0]).toBeCloseTo(-0.91, 15)
    expect(featurize(['sin(x1)'], x1, x2)[0]).toBeCloseTo(0.644217687237691, 15)
    expect(featurize(['sin(x2)'], x1, x2)[0]).toBeCloseTo(-0.963558185417193, 15)
  })

  it('keeps the order of the names, repeats allowed', () => {
    expect(Array.from(featurize(['x2', 'x1', 'x2'], 2, 3))).toEqual([3, 2, 3])
  })

  it('writes into a given array at an offset and leaves the rest alone', () => {
    const out = new Float64Array(5).fill(9)
    const back = featurize(['x1', 'x1*x2'], 2, 3, out, 2)
    expect(back).toBe(out)
    expect(Array.from(out)).toEqual([9, 9, 2, 6, 9])
  })

  it('rejects an unknown name, listing the known ones', () => {
    expect(() => featurize(['x3'], 0, 0)).toThrow('unknown feature "x3": use one of ' + FEATURES.join(', '))
    expect(() => featurize(['toString'], 0, 0)).toThrow(/unknown feature "toString"/)
    const out = new Float64Array(2)
    expect(() => featurize(['x1', 'x9'], 5, 5, out)).toThrow(/unknown feature "x9"/)
    expect(Array.from(out)).toEqual([0, 0])
  })

  it('rejects an output array that is too short', () => {
    expect(() => featurize(['x1', 'x2'], 0, 0, new Float64Array(2), 1)).toThrow(/do not fit/)
  })

  it('knows every name in FEATURES', () => {
    for (const name of FEATURES) expect(isFeatureName(name)).toBe(true)
    expect(isFeatureName('x1^3')).toBe(false)
  })
})

describe('featurizeAll', () => {
  it('is row-major: row i holds featurize of point i', () => {
    const points: Point[] = [
      [1, 2, 0],
      [-0.5, 0.25, 1],
      [3, -4, 1],
    ]
    const names = ['x1', 'x2^2', 'sin(x1)']
    const all = featurizeAll(names, points)
    expect(all).toHaveLength(9)
    points.forEach(([a, b], i) => {
      expect(Array.from(all.subarray(i * 3, i * 3 + 3))).toEqual(Array.from(featurize(names, a, b)))
    })
  })

  it('gives an empty array for no points and rejects unknown names even then', () => {
    expect(featurizeAll(['x1'], [])).toHaveLength(0)
    expect(() => featurizeAll(['nope'], [])).toThrow(/unknown feature "nope"/)
  })

  it('labelsOf lists the class indices in order', () => {
    expect(
      Array.from(
        labelsOf([
          [0, 0, 2],
          [1, 1, 0],
        ]),
      ),
    ).toEqual([2, 0])
  })
})

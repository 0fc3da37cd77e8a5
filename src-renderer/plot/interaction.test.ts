// @vitest-environment node
import { describe, expect, it } from 'vitest'
import type { DatasetJSON } from '../../shared/src/model-file/types.ts'
import { createRng } from '../../shared/src/random.ts'
import { MARGIN } from './draw.ts'
import {
  brushDab,
  includesRef,
  insidePlot,
  nearestPoint,
  pixelsPerUnit,
  pointsInRect,
  pointsWithin,
  toData,
} from './interaction.ts'

// A 400 px plot of [0, 10]²: the plotting area is 400 − margins wide.
const frame = { width: 400, height: 400, view: { xMin: 0, xMax: 10, yMin: 0, yMax: 10 } }
const data: DatasetJSON = {
  classes: ['a', 'b'],
  train: [
    [1, 1, 0],
    [5, 5, 1],
    [5.2, 5.1, 0],
  ],
  test: [[9, 9, 1]],
}

describe('plot interaction', () => {
  it('maps the plotting area onto the view, y growing upwards', () => {
    expect(toData(frame, MARGIN.left, MARGIN.top)).toEqual([0, 10])
    expect(toData(frame, 400 - MARGIN.right, 400 - MARGIN.bottom)).toEqual([10, 0])
    expect(pixelsPerUnit(frame)).toBeCloseTo((400 - MARGIN.left - MARGIN.right) / 10)
    expect(insidePlot(frame, MARGIN.left - 1, 100)).toBe(false)
    expect(insidePlot(frame, 100, 100)).toBe(true)
  })

  it('finds the nearest point within a radius, test points optionally', () => {
    expect(nearestPoint(data, 5.15, 5.1, 0.5)).toEqual({ set: 'train', index: 2 })
    expect(nearestPoint(data, 3, 3, 0.5)).toBeNull()
    expect(nearestPoint(data, 9, 9.1, 0.5)).toEqual({ set: 'test', index: 0 })
    expect(nearestPoint(data, 9, 9.1, 0.5, false)).toBeNull()
  })

  it('collects the points under a brush and inside a rectangle', () => {
    expect(pointsWithin(data, 5, 5, 0.3)).toEqual([
      { set: 'train', index: 1 },
      { set: 'train', index: 2 },
    ])
    expect(pointsInRect(data, [10, 10], [4, 4])).toEqual([
      { set: 'train', index: 1 },
      { set: 'train', index: 2 },
      { set: 'test', index: 0 },
    ])
    expect(pointsInRect(data, [10, 10], [4, 4], false)).toHaveLength(2)
    expect(includesRef([{ set: 'test', index: 0 }], { set: 'test', index: 0 })).toBe(true)
    expect(includesRef([{ set: 'test', index: 0 }], { set: 'train', index: 0 })).toBe(false)
  })

  it('puts a dab of points inside the brush disc, the same ones for the same generator', () => {
    const dab = brushDab(2, 3, 0.5, 50, createRng(1).next)
    expect(dab).toHaveLength(50)
    for (const [x, y] of dab) expect(Math.hypot(x - 2, y - 3)).toBeLessThanOrEqual(0.5)
    expect(brushDab(2, 3, 0.5, 50, createRng(1).next)).toEqual(dab)
    // Spread out, not all at the centre.
    expect(dab.filter(([x, y]) => Math.hypot(x - 2, y - 3) > 0.35).length).toBeGreaterThan(10)
  })
})

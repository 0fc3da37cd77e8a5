import { describe, it, expect } from 'vitest'
import { makeMoons } from './moons.ts'

const count = (points: number[][], cls: number) => points.filter((p) => p[2] === cls).length

describe('makeMoons', () => {
  it('puts n // 2 points on the outer moon (class 0) and the rest on the inner moon (class 1)', () => {
    for (const n of [1, 2, 7, 100, 201]) {
      const points = makeMoons(n, 0.1, 3)
      expect(points).toHaveLength(n)
      expect(count(points, 0)).toBe(Math.floor(n / 2))
      expect(count(points, 1)).toBe(n - Math.floor(n / 2))
    }
  })

  it('gives the same points for the same seed and different points for another seed', () => {
    expect(makeMoons(200, 0.15, 42)).toEqual(makeMoons(200, 0.15, 42))
    expect(makeMoons(200, 0.15, 42)).not.toEqual(makeMoons(200, 0.15, 43))
  })

  it('with noise 0 puts every point exactly on the sklearn arcs, t evenly spaced over [0, π]', () => {
    const n = 9
    const points = makeMoons(n, 0, 5)
    // Recover t from each point and check both the arc formula and the spacing.
    const outer = points.filter((p) => p[2] === 0).map(([x, y]) => ({ x, y, t: Math.atan2(y, x) }))
    const inner = points
      .filter((p) => p[2] === 1)
      .map(([x, y]) => ({ x, y, t: Math.atan2(1 - y - 0.5, 1 - x) }))
    for (const { x, y, t } of outer) {
      expect(x).toBeCloseTo(Math.cos(t), 12)
      expect(y).toBeCloseTo(Math.sin(t), 12)
      expect(y).toBeGreaterThanOrEqual(-1e-12)
    }
    for (const { x, y, t } of inner) {
      expect(x).toBeCloseTo(1 - Math.cos(t), 12)
      expect(y).toBeCloseTo(1 - Math.sin(t) - 0.5, 12)
      expect(y).toBeLessThanOrEqual(0.5 + 1e-12)
    }
    const spacing = (ts: number[], m: number) => {
      const sorted = [...ts].sort((a, b) => a - b)
      sorted.forEach((t, i) => expect(t).toBeCloseTo((Math.PI * i) / (m - 1), 12))
    }
    spacing(
      outer.map((p) => p.t),
      4,
    )
    spacing(
      inner.map((p) => p.t),
      5,
    )
  })

  it('includes both ends of each arc when noise is 0', () => {
    const points = makeMoons(4, 0, 1).map(([x, y, c]) => [
      Math.round(x * 1e9) / 1e9,
      Math.round(y * 1e9) / 1e9,
      c,
    ])
    expect(points).toEqual(
      expect.arrayContaining([
        [1, 0, 0],
        [-1, 0, 0],
        [0, 0.5, 1],
        [2, 0.5, 1],
      ]),
    )
  })

  it('shuffles: the classes are interleaved, not one block after the other', () => {
    const labels = makeMoons(200, 0.15, 42).map((p) => p[2])
    expect(labels.slice(0, 100)).toContain(0)
    expect(labels.slice(0, 100)).toContain(1)
  })

  it('adds noise with roughly the requested standard deviation, the same order as without noise', () => {
    const clean = makeMoons(4000, 0, 7)
    const noisy = makeMoons(4000, 0.2, 7)
    const dx = noisy.map((p, i) => p[0] - clean[i][0])
    expect(noisy.map((p) => p[2])).toEqual(clean.map((p) => p[2]))
    const mean = dx.reduce((a, b) => a + b, 0) / dx.length
    const sd = Math.sqrt(dx.reduce((a, b) => a + (b - mean) ** 2, 0) / dx.length)
    expect(Math.abs(mean)).toBeLessThan(0.02)
    expect(sd).toBeGreaterThan(0.18)
    expect(sd).toBeLessThan(0.22)
  })

  it('stays in the documented domain [-1.5, 2.5] at the notebook setting', () => {
    const coords = makeMoons(200, 0.15, 42).flatMap((p) => [p[0], p[1]])
    expect(Math.min(...coords)).toBeGreaterThan(-1.5)
    expect(Math.max(...coords)).toBeLessThan(2.5)
  })

  it('rejects bad options with a message naming the option', () => {
    expect(() => makeMoons(0, 0.1, 1)).toThrow(/n must be a whole number from 1 to 100000, got 0/)
    expect(() => makeMoons(2.5, 0.1, 1)).toThrow(/n must be a whole number/)
    expect(() => makeMoons(100_001, 0.1, 1)).toThrow(/n must be/)
    expect(() => makeMoons(10, -0.1, 1)).toThrow(/noise must be a finite number ≥ 0, got -0.1/)
    expect(() => makeMoons(10, Infinity, 1)).toThrow(/noise must be/)
    expect(() => makeMoons(10, NaN, 1)).toThrow(/noise must be/)
    expect(() => makeMoons(10, 0.1, NaN)).toThrow(/seed must be a finite number/)
  })
})

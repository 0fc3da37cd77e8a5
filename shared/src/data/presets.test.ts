import { describe, it, expect } from 'vitest'
import type { Point } from '../model-file/types.ts'
import { classShare, makeCircles, makeGaussians, makeSpiral, makeXor } from './generators.ts'
import { DEFAULT_CLASS_NAMES, PRESETS, generatePreset, generatePresetDataset, getPreset } from './presets.ts'

const counts = (points: Point[], k: number) =>
  Array.from({ length: k }, (_, c) => points.filter((p) => p[2] === c).length)

describe('every preset', () => {
  for (const preset of PRESETS) {
    describe(preset.name, () => {
      const points = generatePreset(preset.name)

      it('has the default number of points, each [x1, x2, classIndex] with finite coordinates', () => {
        expect(points).toHaveLength(preset.defaults.n)
        for (const p of points) {
          expect(p).toHaveLength(3)
          expect(Number.isFinite(p[0]) && Number.isFinite(p[1])).toBe(true)
          expect(Number.isInteger(p[2])).toBe(true)
        }
      })

      it('shares the points between its classes as evenly as possible', () => {
        const k = preset.defaults.classes
        const c = counts(points, k)
        expect(c.reduce((a, b) => a + b, 0)).toBe(points.length)
        expect(Math.max(...c) - Math.min(...c)).toBeLessThanOrEqual(1)
      })

      it('stays inside its documented domain for several seeds', () => {
        const [lo, hi] = preset.domain
        for (const seed of [1, 2, 3, 42]) {
          const coords = generatePreset(preset.name, { seed }).flatMap((p) => [p[0], p[1]])
          expect(Math.min(...coords)).toBeGreaterThan(lo)
          expect(Math.max(...coords)).toBeLessThan(hi)
        }
      })

      it('is deterministic for a seed and differs between seeds', () => {
        expect(generatePreset(preset.name, { seed: 5 })).toEqual(generatePreset(preset.name, { seed: 5 }))
        expect(generatePreset(preset.name, { seed: 5 })).not.toEqual(generatePreset(preset.name, { seed: 6 }))
      })

      it('interleaves the classes (the points are shuffled)', () => {
        const firstHalf = points.slice(0, points.length / 2).map((p) => p[2])
        for (let c = 0; c < preset.defaults.classes; c++) expect(firstHalf).toContain(c)
      })
    })
  }
})

describe('shapes at noise 0', () => {
  it('circles: class 0 on the ring 0.7..1, class 1 inside radius 0.5, n // 2 in class 0', () => {
    const points = makeCircles(301, 0, 1)
    expect(counts(points, 2)).toEqual([150, 151])
    for (const [x, y, c] of points) {
      const r = Math.hypot(x, y)
      if (c === 0) {
        expect(r).toBeGreaterThanOrEqual(0.7 - 1e-12)
        expect(r).toBeLessThanOrEqual(1 + 1e-12)
      } else {
        expect(r).toBeLessThanOrEqual(0.5 + 1e-12)
      }
    }
  })

  it('xor: class 0 where the signs agree, class 1 where they differ, every quadrant used', () => {
    const points = makeXor(101, 0, 2)
    expect(counts(points, 2)).toEqual([51, 50])
    const quadrants = new Set<string>()
    for (const [x, y, c] of points) {
      expect(Math.abs(x)).toBeGreaterThanOrEqual(0.06)
      expect(Math.abs(y)).toBeGreaterThanOrEqual(0.06)
      expect(Math.abs(x)).toBeLessThanOrEqual(1)
      expect(c).toBe(x * y > 0 ? 0 : 1)
      quadrants.add(`${Math.sign(x)},${Math.sign(y)}`)
    }
    expect(quadrants.size).toBe(4)
  })

  it('gaussians: every point of class k sits on its centre (cos 2πk/K, sin 2πk/K)', () => {
    const points = makeGaussians(50, 0, 3, 5)
    expect(counts(points, 5)).toEqual([10, 10, 10, 10, 10])
    for (const [x, y, k] of points) {
      expect(x).toBeCloseTo(Math.cos((2 * Math.PI * k) / 5), 12)
      expect(y).toBeCloseTo(Math.sin((2 * Math.PI * k) / 5), 12)
    }
  })

  it('gaussians: noise is the spread around each centre', () => {
    const points = makeGaussians(6000, 0.25, 3, 2)
    const dx = points.map(([x, , k]) => x - (k === 0 ? 1 : -1))
    const sd = Math.sqrt(dx.reduce((a, b) => a + b * b, 0) / dx.length)
    expect(sd).toBeGreaterThan(0.23)
    expect(sd).toBeLessThan(0.27)
  })

  it('spiral: each arm follows angle 3.5π·r + 2πk/K with r = distance from the centre', () => {
    const points = makeSpiral(61, 0, 4, 3)
    expect(counts(points, 3)).toEqual([21, 20, 20])
    for (const [x, y, k] of points) {
      const r = Math.hypot(x, y)
      expect(r).toBeLessThanOrEqual(1 + 1e-12)
      const angle = 3.5 * Math.PI * r + (2 * Math.PI * k) / 3
      expect(x).toBeCloseTo(r * Math.sin(angle), 12)
      expect(y).toBeCloseTo(r * Math.cos(angle), 12)
    }
    // Both ends of every arm are present: the centre and radius 1.
    expect(points.filter((p) => Math.abs(Math.hypot(p[0], p[1]) - 1) < 1e-12)).toHaveLength(3)
  })

  it('classShare splits n as evenly as possible, earlier classes first', () => {
    expect([0, 1, 2, 3].map((k) => classShare(10, 4, k))).toEqual([3, 3, 2, 2])
  })
})

describe('generatePreset', () => {
  it('passes n, noise, seed and classes through', () => {
    expect(generatePreset('moons', { n: 10, noise: 0, seed: 3 })).toHaveLength(10)
    expect(generatePreset('gaussians', { n: 60, classes: 6 })).toEqual(makeGaussians(60, 0.3, 42, 6))
    expect(generatePreset('spiral', { n: 30, noise: 0.1, seed: 7, classes: 4 })).toEqual(
      makeSpiral(30, 0.1, 7, 4),
    )
  })

  it('rejects an unknown name, listing the known ones', () => {
    expect(() => generatePreset('swirl')).toThrow(
      'unknown preset "swirl": use one of moons, circles, xor, gaussians, spiral',
    )
  })

  it('rejects bad options with clear messages', () => {
    expect(() => generatePreset('moons', { classes: 3 })).toThrow(
      'moons always has 2 classes, got classes = 3',
    )
    expect(() => generatePreset('spiral', { classes: 7 })).toThrow(
      /classes must be a whole number from 2 to 6, got 7/,
    )
    expect(() => generatePreset('gaussians', { classes: 1 })).toThrow(/classes must be a whole number/)
    expect(() => generatePreset('xor', { n: -5 })).toThrow(/n must be a whole number/)
    expect(() => generatePreset('circles', { noise: -1 })).toThrow(/noise must be/)
  })

  it('getPreset finds a preset by name', () => {
    expect(getPreset('xor').label).toBe('XOR')
  })
})

describe('generatePresetDataset', () => {
  it('splits the preset points and names the classes', () => {
    const d = generatePresetDataset('gaussians', { n: 100, classes: 4, testFraction: 0.2, seed: 1 })
    expect(d.classes).toEqual(DEFAULT_CLASS_NAMES.slice(0, 4))
    expect(d.train).toHaveLength(80)
    expect(d.test).toHaveLength(20)
    const sortAll = (ps: Point[]) => ps.map((p) => p.join()).sort()
    expect(sortAll([...d.train, ...d.test])).toEqual(
      sortAll(generatePreset('gaussians', { n: 100, classes: 4, seed: 1 })),
    )
  })

  it('has no test points by default', () => {
    expect(generatePresetDataset('moons').test).toEqual([])
  })
})

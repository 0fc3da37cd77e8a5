import { describe, expect, it } from 'vitest'
import { createRng, isRngState } from './random.ts'

describe('createRng', () => {
  it('gives the same sequence for the same seed and a different one for another seed', () => {
    const a = createRng(42)
    const b = createRng(42)
    const c = createRng(43)
    const xs = Array.from({ length: 10 }, () => a.next())
    expect(Array.from({ length: 10 }, () => b.next())).toEqual(xs)
    expect(Array.from({ length: 10 }, () => c.next())).not.toEqual(xs)
  })

  it('continues exactly from a saved state', () => {
    const a = createRng(7)
    for (let i = 0; i < 5; i++) a.next()
    const state = a.state()
    expect(isRngState(state)).toBe(true)
    const b = createRng(state)
    expect(Array.from({ length: 20 }, () => b.next())).toEqual(Array.from({ length: 20 }, () => a.next()))
  })

  it('draws uniform numbers in [0, 1) with the right mean, and normals with mean 0 and variance 1', () => {
    const r = createRng(1)
    const n = 20000
    let sum = 0
    let min = 1
    let max = 0
    for (let i = 0; i < n; i++) {
      const x = r.next()
      sum += x
      min = Math.min(min, x)
      max = Math.max(max, x)
    }
    expect(min).toBeGreaterThanOrEqual(0)
    expect(max).toBeLessThan(1)
    expect(sum / n).toBeCloseTo(0.5, 1)
    let s1 = 0
    let s2 = 0
    for (let i = 0; i < n; i++) {
      const z = r.normal()
      s1 += z
      s2 += z * z
    }
    expect(s1 / n).toBeCloseTo(0, 1)
    expect(s2 / n).toBeCloseTo(1, 1)
  })

  it('draws integers below n covering every value', () => {
    const r = createRng(3)
    const seen = new Set<number>()
    for (let i = 0; i < 500; i++) seen.add(r.int(6))
    expect([...seen].sort()).toEqual([0, 1, 2, 3, 4, 5])
  })

  it('refuses malformed states', () => {
    expect(isRngState([1, 2, 3])).toBe(false)
    expect(isRngState([1, 2, 3, -1])).toBe(false)
    expect(isRngState([1, 2, 3, 1.5])).toBe(false)
    expect(isRngState('1,2,3,4')).toBe(false)
  })
})

// @vitest-environment node
// (pure logic: no DOM needed, and happy-dom costs a second or two per file to set up)
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { formatTick, niceTicks } from './ticks.ts'

describe('niceTicks', () => {
  it('picks round steps inside the range', () => {
    expect(niceTicks(-1.5, 2.5, 5)).toEqual([-1, 0, 1, 2])
    expect(niceTicks(0, 1, 5)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1])
    expect(niceTicks(0, 100, 4)).toEqual([0, 50, 100])
  })

  it('has no floating-point dust in its values', () => {
    expect(niceTicks(0.1, 0.5, 4)).toEqual([0.1, 0.2, 0.3, 0.4, 0.5])
  })

  it('gives nothing for an empty or broken range', () => {
    expect(niceTicks(1, 1)).toEqual([])
    expect(niceTicks(2, 1)).toEqual([])
    expect(niceTicks(Number.NaN, 1)).toEqual([])
  })

  it('always returns sorted, evenly spaced ticks within the range', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -1e4, max: 1e4, noNaN: true }),
        fc.double({ min: 1e-3, max: 1e4, noNaN: true }),
        // From 3 up, a step (at most 2.5 × span / count) is shorter than the span: a tick always fits.
        fc.integer({ min: 3, max: 10 }),
        (lo, span, count) => {
          const ticks = niceTicks(lo, lo + span, count)
          expect(ticks.length).toBeGreaterThanOrEqual(1)
          expect(ticks.length).toBeLessThanOrEqual(2 * count + 2)
          for (const t of ticks) {
            expect(t).toBeGreaterThanOrEqual(lo - span * 1e-6)
            expect(t).toBeLessThanOrEqual(lo + span + span * 1e-6)
          }
          for (let i = 2; i < ticks.length; i++)
            expect(ticks[i] - ticks[i - 1]).toBeCloseTo(ticks[1] - ticks[0], 6)
        },
      ),
      { numRuns: 200 },
    )
  })
})

describe('formatTick', () => {
  it('uses as many decimals as the step needs', () => {
    expect(formatTick(1, [0, 1, 2])).toBe('1')
    expect(formatTick(0.5, [0, 0.5, 1])).toBe('0.5')
    expect(formatTick(0.25, [0, 0.05, 0.1])).toBe('0.25')
    expect(formatTick(-0, [-1, 0, 1])).toBe('0')
  })
})

import { describe, expect, it } from 'vitest'
import { Adam, Sgd, createOptimizer } from './optimizers.ts'
import { learningRateAt } from './schedule.ts'

const adamDefaults = { beta1: 0.9, beta2: 0.999, epsilon: 1e-8, weightDecay: 0 }

describe('SGD', () => {
  it('without momentum is p ← p − lr·g', () => {
    const p = Float64Array.of(1, -2)
    new Sgd(2, 0).step(p, Float64Array.of(0.5, -1), 0.1)
    expect(Array.from(p)).toEqual([1 - 0.1 * 0.5, -2 - 0.1 * -1])
  })

  it('with momentum follows PyTorch: v ← μ·v + g, then p ← p − lr·v', () => {
    const p = Float64Array.of(1)
    const sgd = new Sgd(1, 0.9)
    sgd.step(p, Float64Array.of(0.5), 0.1) // v = 0.5, p = 1 − 0.05
    expect(p[0]).toBeCloseTo(0.95, 15)
    sgd.step(p, Float64Array.of(-1), 0.1) // v = 0.9·0.5 − 1 = −0.55, p = 0.95 + 0.055
    expect(p[0]).toBeCloseTo(1.005, 15)
    expect(sgd.state().velocities[0]).toBeCloseTo(-0.55, 15)
  })

  it('continues exactly from a saved state', () => {
    const a = new Sgd(2, 0.5)
    const pa = Float64Array.of(0.3, 0.7)
    a.step(pa, Float64Array.of(1, 2), 0.1)
    const b = createOptimizer({ type: 'sgd', learningRate: 0.1, momentum: 0.5, state: a.state() }, 2)
    const pb = Float64Array.from(pa)
    a.step(pa, Float64Array.of(-1, 3), 0.1)
    b.step(pb, Float64Array.of(-1, 3), 0.1)
    expect(Array.from(pb)).toEqual(Array.from(pa))
  })

  it('refuses a state of the wrong size, saying why', () => {
    expect(() => new Sgd(3, 0, { velocities: [0, 0] })).toThrow(/does not belong to this network/)
  })
})

describe('Adam', () => {
  it('takes bias-corrected steps: the first is about lr·sign(g)', () => {
    const p = Float64Array.of(1)
    const adam = new Adam(1, adamDefaults)
    adam.step(p, Float64Array.of(0.5), 0.1)
    // m = 0.05, v = 0.00025; m̂ = 0.5, v̂ = 0.25 → step 0.1 · 0.5 / (0.5 + 1e-8)
    expect(p[0]).toBeCloseTo(1 - (0.1 * 0.5) / (0.5 + 1e-8), 15)
    adam.step(p, Float64Array.of(-1), 0.1)
    const m = 0.9 * 0.05 + 0.1 * -1
    const v = 0.999 * 0.00025 + 0.001 * 1
    const mHat = m / (1 - 0.9 ** 2)
    const vHat = v / (1 - 0.999 ** 2)
    expect(p[0]).toBeCloseTo(1 - (0.1 * 0.5) / (0.5 + 1e-8) - (0.1 * mHat) / (Math.sqrt(vHat) + 1e-8), 14)
    expect(adam.state()).toMatchObject({ step: 2 })
    expect(adam.state().m[0]).toBeCloseTo(m, 15)
  })

  it('decays weights decoupled from the gradient (AdamW): p ← p·(1 − lr·wd) first', () => {
    const p = Float64Array.of(1, -4)
    new Adam(2, { ...adamDefaults, weightDecay: 0.1 }).step(p, Float64Array.of(0, 0), 0.1)
    expect(Array.from(p)).toEqual([1 * (1 - 0.1 * 0.1), -4 * (1 - 0.1 * 0.1)])
  })

  it('continues exactly from a saved state', () => {
    const a = new Adam(2, adamDefaults)
    const pa = Float64Array.of(0.3, 0.7)
    a.step(pa, Float64Array.of(1, 2), 0.01)
    const b = createOptimizer({ type: 'adam', learningRate: 0.01, ...adamDefaults, state: a.state() }, 2)
    const pb = Float64Array.from(pa)
    a.step(pa, Float64Array.of(-1, 3), 0.01)
    b.step(pb, Float64Array.of(-1, 3), 0.01)
    expect(Array.from(pb)).toEqual(Array.from(pa))
  })

  it('refuses an SGD state', () => {
    expect(() => new Adam(1, adamDefaults).restore({ velocities: [0] })).toThrow(/Adam cannot continue/)
  })
})

describe('checkpoint and rewind', () => {
  it.each([
    ['sgd', () => new Sgd(2, 0.9)],
    ['adam', () => new Adam(2, adamDefaults)],
  ])('%s goes back to the checkpointed state exactly', (_name, make) => {
    const opt = make()
    const p = Float64Array.of(0.1, 0.2)
    opt.step(p, Float64Array.of(1, -1), 0.1)
    opt.checkpoint()
    const kept = opt.state()
    opt.step(p, Float64Array.of(5, 7), 0.1)
    expect(opt.state()).not.toEqual(kept)
    opt.rewind()
    expect(opt.state()).toEqual(kept)
  })
})

describe('schedules', () => {
  it('constant keeps the rate', () => {
    expect([0, 10, 1000].map((k) => learningRateAt(0.3, { type: 'constant' }, k))).toEqual([0.3, 0.3, 0.3])
  })

  it('linear goes from lr to final over `epochs`, then stays (micrograd: 1.0 → 0.1 over 100)', () => {
    const s = { type: 'linear', finalLearningRate: 0.1, epochs: 100 } as const
    expect(learningRateAt(1, s, 0)).toBe(1)
    expect(learningRateAt(1, s, 50)).toBeCloseTo(0.55, 15)
    expect(learningRateAt(1, s, 99)).toBeCloseTo(1 - 0.9 * 0.99, 15)
    expect(learningRateAt(1, s, 100)).toBeCloseTo(0.1, 15)
    expect(learningRateAt(1, s, 250)).toBeCloseTo(0.1, 15)
  })
})

/**
 * Gradient checking: compare what backward() says (the analytic gradient) with what nudging each
 * input says (the numeric gradient, by central finite differences). If backprop is right the two
 * agree to many digits; a wrong local derivative anywhere in the graph shows up as a large error.
 */
import { Value } from '../engine/value.ts'
import type { MLP } from '../nn/mlp.ts'

/** The defaults of GradientCheckOptions (see each option for why). */
export const GRADIENT_CHECK_DEFAULTS = { epsilon: 1e-6, tolerance: 1e-4, floor: 1e-5 } as const

export interface GradientCheckOptions {
  /** Relative step: input x is nudged by ±epsilon·max(1, |x|). Default 1e-6. */
  epsilon?: number
  /**
   * A check passes when every relative error is at most this. Default 1e-4: a correct backward
   * pass stays well below it, a wrong local derivative lands around 1e-2 to 1.
   */
  tolerance?: number
  /**
   * Smallest denominator of the relative error. Rounding makes the numeric gradient wrong by up to
   * about 1e-8 (for outputs near 1), so a gradient that is truly tiny would otherwise look 100% wrong.
   * Default 1e-5: gradients smaller than that are compared by their absolute difference.
   */
  floor?: number
  /** Check only these parameter indices (checking every one costs two forward passes each). */
  indices?: readonly number[]
}

export interface GradientCheckEntry {
  /** Index of the parameter in the list given. */
  index: number
  /** The parameter's value. */
  value: number
  /** d output / d parameter from backward(). */
  analytic: number
  /** (f(x + h) − f(x − h)) / 2h */
  numeric: number
  /** |analytic − numeric| / max(floor, |analytic| + |numeric|) */
  relativeError: number
}

export interface GradientCheckResult {
  entries: GradientCheckEntry[]
  /** The largest relative error (NaN if any gradient or output was not a number). */
  maxRelativeError: number
  /** The entry with the largest relative error, or undefined when nothing was checked. */
  worst: GradientCheckEntry | undefined
  /** True when maxRelativeError ≤ tolerance. */
  passed: boolean
  /** The output f computed at the unperturbed parameters. */
  output: number
}

/**
 * Checks backward() for `f` at the point `params`: f gets one leaf Value per number and must build
 * its output from them.
 */
export function gradientCheck(
  f: (params: Value[]) => Value,
  params: readonly number[],
  options: GradientCheckOptions = {},
): GradientCheckResult {
  if (typeof f !== 'function')
    throw new TypeError('gradientCheck: f must be a function (params: Value[]) => Value')
  if (!Array.isArray(params)) throw new TypeError('gradientCheck: params must be an array of numbers')
  params.forEach((p, i) => {
    if (typeof p !== 'number' || !Number.isFinite(p))
      throw new RangeError(`gradientCheck: params[${i}] must be a finite number, got ${String(p)}`)
  })
  const leaves = params.map((p, i) => new Value(p, undefined, '', `p${i}`))
  return checkLeaves(leaves, () => f(leaves), options)
}

/**
 * Checks backward() through a network: `loss` builds a scalar from `network` (e.g. the MSE of its
 * outputs on a few samples). Parameters are checked in `network.parameters()` order; their data
 * and grad are left exactly as they were.
 */
export function gradientCheckNetwork(
  network: MLP,
  loss: (network: MLP) => Value,
  options: GradientCheckOptions = {},
): GradientCheckResult {
  return checkLeaves(network.parameters(), () => loss(network), options)
}

/**
 * The check itself, on leaves `build` reads: each leaf's data is nudged in place and restored,
 * and its grad is restored afterwards, so the caller's Values end as they started.
 */
export function checkLeaves(
  leaves: readonly Value[],
  build: () => Value,
  options: GradientCheckOptions = {},
): GradientCheckResult {
  const epsilon = options.epsilon ?? GRADIENT_CHECK_DEFAULTS.epsilon
  const tolerance = options.tolerance ?? GRADIENT_CHECK_DEFAULTS.tolerance
  const floor = options.floor ?? GRADIENT_CHECK_DEFAULTS.floor
  for (const [name, x] of [
    ['epsilon', epsilon],
    ['tolerance', tolerance],
    ['floor', floor],
  ] as const)
    if (!(x > 0) || !Number.isFinite(x))
      throw new RangeError(`gradientCheck: ${name} must be a positive number, got ${x}`)
  const indices = options.indices ?? leaves.map((_, i) => i)
  for (const i of indices)
    if (!Number.isInteger(i) || i < 0 || i >= leaves.length)
      throw new RangeError(`gradientCheck: index ${i} is not a parameter index (there are ${leaves.length})`)

  const run = (): Value => {
    const out = build()
    if (!(out instanceof Value))
      throw new TypeError(
        `gradientCheck: the function must return a Value built from the parameters, got ${typeof out}`,
      )
    return out
  }

  // Analytic: one backward pass from clean grads; the caller's grads are put back at the end.
  const savedGrads = leaves.map((p) => p.grad)
  for (const p of leaves) p.grad = 0
  const out = run()
  out.backward()
  const analytic = leaves.map((p) => p.grad)
  leaves.forEach((p, i) => (p.grad = savedGrads[i]))

  const entries: GradientCheckEntry[] = []
  for (const i of indices) {
    const p = leaves[i]
    const x = p.data
    const h = epsilon * Math.max(1, Math.abs(x))
    let numeric: number
    try {
      p.data = x + h
      const up = run().data
      p.data = x - h
      const down = run().data
      // Divide by the step actually taken: x ± h is rounded to the nearest double.
      numeric = (up - down) / (x + h - (x - h))
    } finally {
      p.data = x
    }
    const a = analytic[i]
    const relativeError = Math.abs(a - numeric) / Math.max(floor, Math.abs(a) + Math.abs(numeric))
    entries.push({ index: i, value: x, analytic: a, numeric, relativeError })
  }

  let worst: GradientCheckEntry | undefined
  let maxRelativeError = 0
  for (const e of entries) {
    if (Number.isNaN(e.relativeError)) {
      maxRelativeError = NaN
      worst = e
      break
    }
    if (worst === undefined || e.relativeError > maxRelativeError) {
      maxRelativeError = e.relativeError
      worst = e
    }
  }
  return { entries, maxRelativeError, worst, passed: maxRelativeError <= tolerance, output: out.data }
}

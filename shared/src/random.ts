/**
 * The one seeded generator used everywhere (data, initial weights, mini-batch order).
 * sfc32: small, fast, passes PractRand, and its whole state is four 32-bit integers, so a
 * model file can store it and training continues exactly where it stopped.
 */

export type RngState = [number, number, number, number]

export interface Rng {
  /** Uniform in [0, 1). */
  next(): number
  /** Uniform in [lo, hi). */
  uniform(lo: number, hi: number): number
  /** Standard normal (Box–Muller, no cached spare so the state stays four integers). */
  normal(): number
  /** Integer in [0, n). */
  int(n: number): number
  /** A copy of the state; `createRng(state)` continues the same sequence. */
  state(): RngState
}

export function isRngState(x: unknown): x is RngState {
  return (
    Array.isArray(x) && x.length === 4 && x.every((n) => Number.isInteger(n) && n >= 0 && n <= 0xffffffff)
  )
}

/** A generator from a seed (any finite number) or from a saved state. */
export function createRng(seedOrState: number | RngState): Rng {
  let a: number, b: number, c: number, d: number
  if (typeof seedOrState === 'number') {
    // Spread the seed over the state, then discard a few outputs so nearby seeds diverge.
    const seed = Math.trunc(seedOrState) >>> 0
    a = 0x9e3779b9
    b = 0x243f6a88
    c = 0xb7e15162
    d = seed
    for (let i = 0; i < 15; i++) step()
  } else {
    ;[a, b, c, d] = seedOrState.map((n) => n >>> 0)
  }

  function step(): number {
    a >>>= 0
    b >>>= 0
    c >>>= 0
    d >>>= 0
    const t = (((a + b) >>> 0) + d) >>> 0
    d = (d + 1) >>> 0
    a = b ^ (b >>> 9)
    b = (c + (c << 3)) >>> 0
    c = (c << 21) | (c >>> 11)
    c = (c + t) >>> 0
    return t
  }

  const next = () => step() / 4294967296
  return {
    next,
    uniform: (lo, hi) => lo + (hi - lo) * next(),
    normal() {
      const u = 1 - next() // (0, 1]: log never sees 0
      const v = next()
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v)
    },
    int: (n) => Math.floor(next() * n),
    state: () => [a >>> 0, b >>> 0, c >>> 0, d >>> 0],
  }
}

/**
 * Replaying a compiled program over a batch of rows: forward fills the rows' slots, backward
 * adds each slot's gradient into its operands, instructions in reverse. Nothing here allocates.
 *
 * Every derivative is written with the same expression as the engine's OPS table, so the same
 * numbers come out; an instruction whose incoming gradient is exactly 0 is skipped (the engine
 * would add zeros).
 */
import { OPS, sigmoid } from '../engine/value.ts'
import * as R from './record.ts'
import * as C from './compile.ts'
import type { Program } from './compile.ts'

// Module-local copies: some module loaders turn every access to an imported binding into a
// getter call, which costs more than the arithmetic in these loops.
const { ARGS, BLOCK, DOT, LEAKY_RELU, RELU, SIGMOID, TANH } = C
const { ADD, SUB, MUL, DIV, POW, POWK, NEG, EXP, LOG, SOFTPLUS, ABS } = R
const { TANH: OP_TANH, RELU: OP_RELU, LEAKY_RELU: OP_LEAKY_RELU, SIGMOID: OP_SIGMOID } = R

/** An activation, exactly as the Value op computes it. */
export function activation(s: number, act: number, k: number): number {
  switch (act) {
    case TANH:
      return Math.tanh(s)
    case RELU:
      return s > 0 ? s : 0
    case SIGMOID:
      return sigmoid(s)
    case LEAKY_RELU:
      return s > 0 ? s : k * s
    default:
      return s
  }
}

/** g times the activation's slope, read off its output o, with the engine's expression. */
export function slope(o: number, act: number, k: number, g: number): number {
  switch (act) {
    case TANH:
      return (1 - o * o) * g
    case RELU:
      return o > 0 ? g : 0 // relu(a) > 0 exactly when a > 0
    case SIGMOID:
      return o * (1 - o) * g
    case LEAKY_RELU:
      return (o > 0 ? 1 : k) * g // with a slope k ≥ 0 (the compiler checks), out > 0 exactly when a > 0
    default:
      return g
  }
}

/**
 * Runs the program forward on `rows` rows whose slots lie one after another in D (p.slots
 * each), one instruction at a time over all rows: the dispatch is paid once per batch.
 */
export function forward(p: Program, P: Float64Array, D: Float64Array, rows: number): void {
  const { code, arg, konst, terms, slots } = p
  for (let i = 0; i < p.count; i++) {
    const at = i * ARGS
    const c = code[i]
    if (c === BLOCK) blockForward(P, D, rows, slots, arg, at, konst[i])
    else if (c === DOT) {
      const first = 2 * arg[at + 1]
      const end = first + 2 * arg[at + 2]
      for (let base = 0, r = 0; r < rows; r++, base += slots) {
        let s = P[terms[first]] * D[base + terms[first + 1]]
        for (let t = first + 2; t < end; t += 2) s += P[terms[t]] * D[base + terms[t + 1]]
        D[base + arg[at]] = activation(s, arg[at + 3], konst[i])
      }
    } else
      for (let base = 0, r = 0; r < rows; r++, base += slots)
        D[base + arg[at]] = genericForward(
          c,
          read(P, D, base, arg[at + 1]),
          read(P, D, base, arg[at + 2]),
          konst[i],
        )
  }
}

/**
 * Runs the program backward over `rows` rows: reads the gradients already in DG (the outputs'),
 * adds into parameter gradients PG and slot gradients DG. Instructions in reverse and, within
 * one, rows in reverse: each parameter receives its rows' shares in Value.backward()'s order.
 * `active` and `scaled` are scratch of at least `p.stats.maxUnits` entries.
 */
export function backward(
  p: Program,
  P: Float64Array,
  D: Float64Array,
  PG: Float64Array,
  DG: Float64Array,
  rows: number,
  active: Int32Array,
  scaled: Float64Array,
): void {
  const { code, arg, konst, terms, slots } = p
  for (let i = p.count - 1; i >= 0; i--) {
    const at = i * ARGS
    const c = code[i]
    if (c === BLOCK) {
      blockBackward(P, D, PG, DG, rows, slots, arg, at, konst[i], active, scaled)
      continue
    }
    for (let r = rows - 1, base = r * slots; r >= 0; r--, base -= slots) {
      const out = base + arg[at]
      const g = DG[out]
      if (g === 0) continue
      if (c === DOT) {
        const gp = slope(D[out], arg[at + 3], konst[i], g)
        if (gp === 0) continue
        const first = 2 * arg[at + 1]
        const computed = base + p.firstComputed
        // Descending, as the engine meets the chain's products walking back from its top.
        for (let t = first + 2 * arg[at + 2] - 2; t >= first; t -= 2) {
          const w = terms[t]
          const x = base + terms[t + 1]
          PG[w] += D[x] * gp
          if (x >= computed) DG[x] += P[w] * gp
        }
      } else
        genericBackward(
          c,
          P,
          D,
          PG,
          DG,
          base,
          base + p.firstComputed,
          D[out],
          g,
          arg[at + 1],
          arg[at + 2],
          konst[i],
        )
    }
  }
}

/**
 * BLOCK forward on every row: units act(Σ_t w[j·stride+t]·x[t] + bias) for j < units. Sums are
 * formed four units by two rows at a time (every weight loaded once serves both rows), each sum
 * still added left to right; then the activation over the units in place, its switch outside
 * the loop.
 */
function blockForward(
  P: Float64Array,
  D: Float64Array,
  rows: number,
  slots: number,
  arg: Int32Array,
  at: number,
  k: number,
): void {
  const { out, units, n, act, w, stride, x } = blockArgs(arg, at)
  let r = 0
  // The two-row loop and the one-row loop repeat the same sums on purpose, for speed: in the first,
  // each weight loaded serves two rows; the second takes the rows left over.
  if (n > 2)
    for (; r + 2 <= rows; r += 2) {
      const oa = r * slots + out
      const ob = oa + slots
      const xa = r * slots + x
      const xb = xa + slots
      let j = 0
      for (; j + 4 <= units; j += 4) {
        const w0 = w + j * stride
        const w1 = w0 + stride
        const w2 = w1 + stride
        const w3 = w2 + stride
        const a = D[xa]
        const b = D[xb]
        let a0 = P[w0] * a
        let a1 = P[w1] * a
        let a2 = P[w2] * a
        let a3 = P[w3] * a
        let b0 = P[w0] * b
        let b1 = P[w1] * b
        let b2 = P[w2] * b
        let b3 = P[w3] * b
        for (let t = 1; t < n; t++) {
          const at = D[xa + t]
          const bt = D[xb + t]
          const p0 = P[w0 + t]
          const p1 = P[w1 + t]
          const p2 = P[w2 + t]
          const p3 = P[w3 + t]
          a0 += p0 * at
          a1 += p1 * at
          a2 += p2 * at
          a3 += p3 * at
          b0 += p0 * bt
          b1 += p1 * bt
          b2 += p2 * bt
          b3 += p3 * bt
        }
        D[oa + j] = a0 + P[w0 + n]
        D[oa + j + 1] = a1 + P[w1 + n]
        D[oa + j + 2] = a2 + P[w2 + n]
        D[oa + j + 3] = a3 + P[w3 + n]
        D[ob + j] = b0 + P[w0 + n]
        D[ob + j + 1] = b1 + P[w1 + n]
        D[ob + j + 2] = b2 + P[w2 + n]
        D[ob + j + 3] = b3 + P[w3 + n]
      }
      for (; j < units; j++) {
        const wj = w + j * stride
        let sa = P[wj] * D[xa]
        let sb = P[wj] * D[xb]
        for (let t = 1; t < n; t++) {
          const p = P[wj + t]
          sa += p * D[xa + t]
          sb += p * D[xb + t]
        }
        D[oa + j] = sa + P[wj + n]
        D[ob + j] = sb + P[wj + n]
      }
    }
  for (; r < rows; r++) {
    const o = r * slots + out
    const xr = r * slots + x
    let j = 0
    if (n === 2) {
      // Two inputs (x1, x2: the usual first layer): no inner loop.
      const x0 = D[xr]
      const x1 = D[xr + 1]
      for (let wj = w; j < units; j++, wj += stride) D[o + j] = P[wj] * x0 + P[wj + 1] * x1 + P[wj + 2]
    }
    for (; j + 4 <= units; j += 4) {
      const w0 = w + j * stride
      const w1 = w0 + stride
      const w2 = w1 + stride
      const w3 = w2 + stride
      const x0 = D[xr]
      let s0 = P[w0] * x0
      let s1 = P[w1] * x0
      let s2 = P[w2] * x0
      let s3 = P[w3] * x0
      for (let t = 1; t < n; t++) {
        const xt = D[xr + t]
        s0 += P[w0 + t] * xt
        s1 += P[w1 + t] * xt
        s2 += P[w2 + t] * xt
        s3 += P[w3 + t] * xt
      }
      D[o + j] = s0 + P[w0 + n]
      D[o + j + 1] = s1 + P[w1 + n]
      D[o + j + 2] = s2 + P[w2 + n]
      D[o + j + 3] = s3 + P[w3 + n]
    }
    for (; j < units; j++) {
      const wj = w + j * stride
      let s = P[wj] * D[xr]
      for (let t = 1; t < n; t++) s += P[wj + t] * D[xr + t]
      D[o + j] = s + P[wj + n]
    }
  }
  for (let o = out, r = 0; r < rows; r++, o += slots) {
    const end = o + units
    switch (act) {
      case TANH:
        for (let i = o; i < end; i++) D[i] = Math.tanh(D[i])
        break
      case RELU:
        for (let i = o; i < end; i++) if (!(D[i] > 0)) D[i] = 0
        break
      case SIGMOID:
        for (let i = o; i < end; i++) D[i] = sigmoid(D[i])
        break
      case LEAKY_RELU:
        for (let i = o; i < end; i++) if (!(D[i] > 0)) D[i] = k * D[i]
        break
    }
  }
}

/**
 * BLOCK backward on every row, last row first. Per row: each unit's incoming gradient times its
 * activation's slope, units where that is 0 skipped; then weights and bias get x·g and inputs
 * w·g, unit by unit from the last unit down (the order Value.backward() adds them in).
 */
function blockBackward(
  P: Float64Array,
  D: Float64Array,
  PG: Float64Array,
  DG: Float64Array,
  rows: number,
  slots: number,
  arg: Int32Array,
  at: number,
  k: number,
  active: Int32Array,
  scaled: Float64Array,
): void {
  const { out, units, n, act, w, stride, x, xGrad } = blockArgs(arg, at)
  // The activation's derivative first, in place over every row, its switch outside the loops.
  for (let r = 0; r < rows; r++) {
    const o = r * slots + out
    const end = o + units
    switch (act) {
      case TANH:
        for (let i = o; i < end; i++) DG[i] = (1 - D[i] * D[i]) * DG[i]
        break
      case RELU:
        for (let i = o; i < end; i++) if (!(D[i] > 0)) DG[i] = 0
        break
      case SIGMOID:
        for (let i = o; i < end; i++) DG[i] = D[i] * (1 - D[i]) * DG[i]
        break
      case LEAKY_RELU:
        for (let i = o; i < end; i++) DG[i] = (D[i] > 0 ? 1 : k) * DG[i]
        break
    }
  }
  for (let r = rows - 1; r >= 0; r--) {
    const o = r * slots + out
    const xr = r * slots + x
    let m = 0
    for (let j = 0; j < units; j++) {
      const gp = DG[o + j]
      if (gp === 0) continue // no gradient comes this way: nothing to add
      active[m] = w + j * stride
      scaled[m++] = gp
    }
    if (n === 2 && !xGrad) {
      // A first layer on (x1, x2): three parameters per unit, straight-line.
      const x0 = D[xr]
      const x1 = D[xr + 1]
      for (let i = 0; i < m; i++) {
        const wa = active[i]
        const ga = scaled[i]
        PG[wa] += x0 * ga
        PG[wa + 1] += x1 * ga
        PG[wa + 2] += ga
      }
      continue
    }
    let a = m - 1
    // Each inner loop comes twice, with and without input gradients, on purpose: the xGrad test stays
    // out of the innermost loop, for speed.
    // Two units per pass: each input slot still receives unit j+1's share before unit j's.
    for (; a >= 1; a -= 2) {
      const wa = active[a]
      const wb = active[a - 1]
      const ga = scaled[a]
      const gb = scaled[a - 1]
      if (xGrad)
        for (let t = 0; t < n; t++) {
          const xt = D[xr + t]
          PG[wa + t] += xt * ga
          PG[wb + t] += xt * gb
          DG[xr + t] = DG[xr + t] + P[wa + t] * ga + P[wb + t] * gb
        }
      else
        for (let t = 0; t < n; t++) {
          const xt = D[xr + t]
          PG[wa + t] += xt * ga
          PG[wb + t] += xt * gb
        }
      PG[wa + n] += ga
      PG[wb + n] += gb
    }
    if (a === 0) {
      const wa = active[0]
      const ga = scaled[0]
      if (xGrad)
        for (let t = 0; t < n; t++) {
          PG[wa + t] += D[xr + t] * ga
          DG[xr + t] += P[wa + t] * ga
        }
      else for (let t = 0; t < n; t++) PG[wa + t] += D[xr + t] * ga
      PG[wa + n] += ga
    }
  }
}

/** A BLOCK instruction's operands, in compile.ts's order. */
function blockArgs(arg: Int32Array, at: number) {
  return {
    out: arg[at],
    units: arg[at + 1],
    n: arg[at + 2],
    act: arg[at + 3],
    w: arg[at + 4],
    stride: arg[at + 5],
    x: arg[at + 6],
    xGrad: arg[at + 7] === 1,
  }
}

function read(P: Float64Array, D: Float64Array, base: number, operand: number): number {
  return operand >= 0 ? D[base + operand] : P[-1 - operand]
}

/** Adds v into an operand's gradient: a parameter's, or a computed slot's (leaves need none). */
function addGrad(
  PG: Float64Array,
  DG: Float64Array,
  base: number,
  computed: number,
  operand: number,
  v: number,
): void {
  if (operand < 0) PG[-1 - operand] += v
  else if (base + operand >= computed) DG[base + operand] += v
}

const FORWARD: ((a: number, b: number, k: number) => number)[] = []
FORWARD[ADD] = OPS['+'].forward
FORWARD[SUB] = OPS['-'].forward
FORWARD[MUL] = OPS['*'].forward
FORWARD[DIV] = OPS['/'].forward
FORWARD[POW] = OPS['**'].forward
FORWARD[POWK] = OPS['**k'].forward
FORWARD[NEG] = OPS.neg.forward
FORWARD[EXP] = OPS.exp.forward
FORWARD[LOG] = OPS.log.forward
FORWARD[OP_TANH] = OPS.tanh.forward
FORWARD[OP_RELU] = OPS.relu.forward
FORWARD[OP_LEAKY_RELU] = OPS.leaky_relu.forward
FORWARD[OP_SIGMOID] = OPS.sigmoid.forward
FORWARD[SOFTPLUS] = OPS.softplus.forward
FORWARD[ABS] = OPS.abs.forward

/** One unfused node forward: the engine's own forward function. */
function genericForward(code: number, a: number, b: number, k: number): number {
  return FORWARD[code](a, b, k)
}

/** One unfused node backward: the engine's backward, on slots and parameters instead of Values. */
function genericBackward(
  code: number,
  P: Float64Array,
  D: Float64Array,
  PG: Float64Array,
  DG: Float64Array,
  base: number,
  computed: number,
  o: number,
  g: number,
  ia: number,
  ib: number,
  k: number,
): void {
  const a = read(P, D, base, ia)
  const b = read(P, D, base, ib)
  const add = (operand: number, v: number) => addGrad(PG, DG, base, computed, operand, v)
  switch (code) {
    case ADD:
      add(ia, g)
      add(ib, g)
      return
    case SUB:
      add(ia, g)
      add(ib, -g)
      return
    case MUL:
      add(ia, b * g)
      add(ib, a * g)
      return
    case DIV:
      add(ia, g / b)
      add(ib, -((a / (b * b)) * g))
      return
    case POW:
      add(ia, (b === 0 ? 0 : b * a ** (b - 1)) * g)
      add(ib, (o === 0 ? 0 : o * Math.log(a)) * g)
      return
    case POWK:
      add(ia, (k === 0 ? 0 : k * a ** (k - 1)) * g)
      return
    case NEG:
      add(ia, -g)
      return
    case EXP:
      add(ia, o * g)
      return
    case LOG:
      add(ia, g / a)
      return
    case OP_TANH:
      add(ia, (1 - o * o) * g)
      return
    case OP_RELU:
      if (a > 0) add(ia, g)
      return
    case OP_LEAKY_RELU:
      add(ia, (a > 0 ? 1 : k) * g)
      return
    case OP_SIGMOID:
      add(ia, o * (1 - o) * g)
      return
    case SOFTPLUS:
      add(ia, sigmoid(a) * g)
      return
    case ABS:
      add(ia, Math.sign(a) * g)
      return
  }
}

/**
 * The loss reduction as fused kernels: the per-point loss, the batch mean and the
 * regularization of train/losses.ts (`sampleLoss`, `lossOf`, `regularizationOf`), computed on
 * plain numbers with the engine's own forward functions and the engine's derivative
 * expressions, in the order `Value.backward()` applies them. So the loss and the gradient that
 * reach the network's outputs and parameters are the Value graph's, bit for bit, without the
 * graph. (Loss nodes depend on the labels and, for cross-entropy, on the outputs' max, so they
 * are computed here rather than recorded.)
 */
import { OPS, sigmoid, type Op } from '../engine/value.ts'
import type { LossName } from '../model-file/types.ts'
import { targetOf } from '../train/losses.ts'

export const MSE = 0
export const HINGE = 1
export const BCE = 2
export const CROSS_ENTROPY = 3

const CODES: Record<LossName, number> = { mse: MSE, hinge: HINGE, bce: BCE, cross_entropy: CROSS_ENTROPY }

/** The kernel code of a loss name. */
export function lossCode(name: LossName): number {
  return CODES[name]
}

const add: Op['forward'] = OPS['+'].forward
const sub: Op['forward'] = OPS['-'].forward
const mul: Op['forward'] = OPS['*'].forward
const pow: Op['forward'] = OPS['**k'].forward
const exp: Op['forward'] = OPS.exp.forward
const log: Op['forward'] = OPS.log.forward
const relu: Op['forward'] = OPS.relu.forward
const softplus: Op['forward'] = OPS.softplus.forward
/** The exponent of mse's (out − target) ** 2 and of L2's p ** 2. */
const TWO = 2
// The engine computes these powers with `**`. V8's pow (fdlibm's) returns exactly x*x for the
// exponent 2 and x for 1, so the hot loops below multiply instead of calling pow; the
// bit-for-bit tests in equivalence.test.ts hold them to it.

/**
 * The loss of one point (`sampleLoss`) from its K outputs D[base + slots[u]]. When DG is given,
 * also adds G · d(loss)/d(out) into DG[base + slots[u]] (G: the gradient reaching this point's loss).
 */
export function rowLoss(
  code: number,
  D: Float64Array,
  DG: Float64Array | null,
  base: number,
  slots: Int32Array,
  label: number,
  G: number,
): number {
  const K = slots.length
  let total = 0
  if (code === CROSS_ENTROPY) {
    if (!(label >= 0 && label < K))
      throw new Error(`A point has class ${label}, but cross-entropy here has only classes 0 to ${K - 1}.`)
    let m = -Infinity
    for (let u = 0; u < K; u++) m = Math.max(m, D[base + slots[u]])
    let s = 0
    for (let u = 0; u < K; u++) {
      const e = exp(sub(D[base + slots[u]], m, 0), 0, 0)
      s = u === 0 ? e : add(s, e, 0)
    }
    const out = D[base + slots[label]]
    total = sub(add(log(s, 0, 0), m, 0), out, 0)
    if (DG !== null) {
      // Walking back: the final "− out[label]" comes first, then log, the sum and each exp.
      DG[base + slots[label]] -= G
      const gs = G / s
      for (let u = 0; u < K; u++) DG[base + slots[u]] += exp(sub(D[base + slots[u]], m, 0), 0, 0) * gs
    }
    return total
  }
  for (let u = 0; u < K; u++) {
    const slot = base + slots[u]
    const o = D[slot]
    const t = targetOf(label, u, K)
    let term: number
    if (code === MSE) {
      const d = sub(o, t, 0)
      term = pow(d, 0, TWO)
      if (DG !== null) DG[slot] += TWO * d * G
    } else {
      const margin = mul(o, -t, 0)
      if (code === HINGE) {
        const a = add(margin, 1, 0)
        term = relu(a, 0, 0)
        if (DG !== null) DG[slot] += -t * (a > 0 ? G : 0)
      } else {
        term = softplus(margin, 0, 0)
        if (DG !== null) DG[slot] += -t * (sigmoid(margin) * G)
      }
    }
    total = u === 0 ? term : add(total, term, 0)
  }
  return total
}

/** l2·Σp² + l1·Σ|p| as `regularizationOf` adds it up, or null when both are 0. */
export function regularization(P: Float64Array, l1: number, l2: number): number | null {
  let reg: number | null = null
  if (l2 !== 0) {
    let s = P[0] * P[0]
    for (let i = 1; i < P.length; i++) s += P[i] * P[i]
    reg = mul(s, l2, 0)
  }
  if (l1 !== 0) {
    let s = Math.abs(P[0])
    for (let i = 1; i < P.length; i++) s += Math.abs(P[i])
    const term = mul(s, l1, 0)
    reg = reg === null ? term : add(reg, term, 0)
  }
  return reg
}

/** Adds the regularization's gradient into PG: the L1 part first, as Value.backward() reaches it first. */
export function regularizationGrad(P: Float64Array, PG: Float64Array, l1: number, l2: number): void {
  if (l1 !== 0) {
    const g = l1 * 1 // the L1 sum's gradient: l1 times the objective's 1
    for (let i = 0; i < P.length; i++) PG[i] += Math.sign(P[i]) * g
  }
  if (l2 !== 0) {
    const g = l2 * 1
    for (let i = 0; i < P.length; i++) PG[i] += TWO * P[i] * g
  }
}

/**
 * The points' losses (`sampleLoss`) for rows r < n of D (p.slots apart), which are the batch's
 * points first + r with labels y[batch[first + r]]: each loss goes to terms[first + r], each
 * output's gradient (G · d loss/d out) is added into DG when given. Returns how many of these
 * points are classified correctly (`predictedClass`).
 */
export function batchLoss(
  code: number,
  D: Float64Array,
  DG: Float64Array | null,
  slots: number,
  n: number,
  outSlots: Int32Array,
  y: Int32Array,
  batch: Int32Array,
  first: number,
  G: number,
  terms: Float64Array,
): number {
  const K = outSlots.length
  let correct = 0
  if (K === 1 && code !== CROSS_ENTROPY) {
    // One output unit: targets ±1, class 1 when the output is > 0. One loop per loss keeps the
    // arithmetic of sampleLoss: (o − t)², relu(o·(−t) + 1), softplus(o·(−t)).
    const out = outSlots[0]
    if (code === MSE)
      for (let r = 0; r < n; r++) {
        const slot = r * slots + out
        const o = D[slot]
        const label = y[batch[first + r]]
        const d = o - (label === 1 ? 1 : -1)
        terms[first + r] = d * d
        if (DG !== null) DG[slot] += TWO * d * G
        if ((o > 0 ? 1 : 0) === label) correct++
      }
    else if (code === HINGE)
      for (let r = 0; r < n; r++) {
        const slot = r * slots + out
        const o = D[slot]
        const label = y[batch[first + r]]
        const t = label === 1 ? 1 : -1
        const a = o * -t + 1
        terms[first + r] = a > 0 ? a : 0
        if (DG !== null) DG[slot] += -t * (a > 0 ? G : 0)
        if ((o > 0 ? 1 : 0) === label) correct++
      }
    else
      for (let r = 0; r < n; r++) {
        const slot = r * slots + out
        const o = D[slot]
        const label = y[batch[first + r]]
        const t = label === 1 ? 1 : -1
        const margin = o * -t
        terms[first + r] = softplus(margin, 0, 0)
        if (DG !== null) DG[slot] += -t * (sigmoid(margin) * G)
        if ((o > 0 ? 1 : 0) === label) correct++
      }
    return correct
  }
  for (let r = 0; r < n; r++) {
    const base = r * slots
    const label = y[batch[first + r]]
    terms[first + r] = rowLoss(code, D, DG, base, outSlots, label, G)
    let best = 0
    for (let u = 1; u < K; u++) if (D[base + outSlots[u]] > D[base + outSlots[best]]) best = u
    if (best === label) correct++
  }
  return correct
}

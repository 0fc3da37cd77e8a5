/**
 * Baseline `dense-tuned`: the fastest hand-written Float64Array MLP we could make for these
 * workloads. One flat parameter array (per neuron: weights then bias), per-layer loops chosen
 * once (a two-input first layer unrolled, four neurons' sums interleaved elsewhere), the loss
 * fused into the output delta, units with a zero delta skipped in backward, no input gradient
 * for the first layer, and the SGD + L2 step fused into one pass.
 */
import type { ModelFile } from '../shared/src/model-file/types.ts'
import { learningRateAt } from '../shared/src/train/schedule.ts'
import type { Bench } from './impl.ts'

const LINEAR = 0
const TANH = 1
const RELU = 2
const CODES: Record<string, number> = { linear: LINEAR, tanh: TANH, relu: RELU }

function act(code: number, s: number): number {
  return code === TANH ? Math.tanh(s) : code === RELU ? (s > 0 ? s : 0) : s
}

function dact(code: number, y: number): number {
  return code === TANH ? 1 - y * y : code === RELU ? (y > 0 ? 1 : 0) : 1
}

export function createDenseTuned(file: ModelFile): Bench {
  const layers = file.network.layers
  const L = layers.length
  for (const l of layers)
    if (!(l.activation in CODES))
      throw new Error(`dense-tuned handles linear, tanh and relu, not ${l.activation}`)
  const sizes = [file.network.inputs.length, ...layers.map((l) => l.weights.length)]
  if (sizes[0] !== 2 || sizes[L] !== 1) throw new Error('dense-tuned is written for 2 inputs and 1 output')
  const codes = Int32Array.from(layers, (l) => CODES[l.activation])
  const offsets = new Int32Array(L + 1)
  for (let l = 0; l < L; l++) offsets[l + 1] = offsets[l] + sizes[l + 1] * (sizes[l] + 1)
  const P = new Float64Array(offsets[L])
  let p = 0
  for (const l of layers)
    l.weights.forEach((row, j) => {
      for (const w of row) P[p++] = w
      P[p++] = l.biases[j]
    })
  const G = new Float64Array(P.length)
  // Activations and deltas of every layer, side by side: a[start[l] ..] is layer l's input.
  const start = new Int32Array(L + 2)
  for (let l = 0; l <= L; l++) start[l + 1] = start[l] + sizes[l]
  const a = new Float64Array(start[L + 1])
  const d = new Float64Array(start[L + 1])
  const n = file.dataset.train.length
  const X = Float64Array.from(file.dataset.train.flatMap((q) => [q[0], q[1]]))
  const T = Float64Array.from(file.dataset.train, (q) => (q[2] === 1 ? 1 : -1))
  const t = file.training
  const mse = t.loss === 'mse'
  const l2 = t.l2
  let k = t.epoch

  function forwardLayer(l: number): void {
    const fanIn = sizes[l]
    const units = sizes[l + 1]
    const stride = fanIn + 1
    const code = codes[l]
    const x = start[l]
    const y = start[l + 1]
    const w = offsets[l]
    if (fanIn === 2) {
      const x0 = a[x]
      const x1 = a[x + 1]
      for (let j = 0, wj = w; j < units; j++, wj += 3)
        a[y + j] = act(code, P[wj] * x0 + P[wj + 1] * x1 + P[wj + 2])
      return
    }
    let j = 0
    for (; j + 4 <= units; j += 4) {
      const w0 = w + j * stride
      const w1 = w0 + stride
      const w2 = w1 + stride
      const w3 = w2 + stride
      let s0 = 0
      let s1 = 0
      let s2 = 0
      let s3 = 0
      for (let q = 0; q < fanIn; q++) {
        const xq = a[x + q]
        s0 += P[w0 + q] * xq
        s1 += P[w1 + q] * xq
        s2 += P[w2 + q] * xq
        s3 += P[w3 + q] * xq
      }
      a[y + j] = act(code, s0 + P[w0 + fanIn])
      a[y + j + 1] = act(code, s1 + P[w1 + fanIn])
      a[y + j + 2] = act(code, s2 + P[w2 + fanIn])
      a[y + j + 3] = act(code, s3 + P[w3 + fanIn])
    }
    for (; j < units; j++) {
      const wj = w + j * stride
      let s = 0
      for (let q = 0; q < fanIn; q++) s += P[wj + q] * a[x + q]
      a[y + j] = act(code, s + P[wj + fanIn])
    }
  }

  /** d[y..] holds dLoss/d(pre-activation) of layer l; adds weight gradients and fills d[x..] (l > 0). */
  function backwardLayer(l: number): void {
    const fanIn = sizes[l]
    const units = sizes[l + 1]
    const stride = fanIn + 1
    const x = start[l]
    const y = start[l + 1]
    const w = offsets[l]
    const inputGrad = l > 0
    if (inputGrad) d.fill(0, x, x + fanIn)
    let j = 0
    // Two units per pass share the loads of x and d[x].
    for (; j + 2 <= units; j += 2) {
      const g0 = d[y + j]
      const g1 = d[y + j + 1]
      if (g0 === 0 && g1 === 0) continue
      const w0 = w + j * stride
      const w1 = w0 + stride
      for (let q = 0; q < fanIn; q++) {
        const xq = a[x + q]
        G[w0 + q] += g0 * xq
        G[w1 + q] += g1 * xq
      }
      G[w0 + fanIn] += g0
      G[w1 + fanIn] += g1
      if (inputGrad) for (let q = 0; q < fanIn; q++) d[x + q] += P[w0 + q] * g0 + P[w1 + q] * g1
    }
    for (; j < units; j++) {
      const g = d[y + j]
      if (g === 0) continue
      const wj = w + j * stride
      for (let q = 0; q < fanIn; q++) {
        G[wj + q] += g * a[x + q]
        if (inputGrad) d[x + q] += P[wj + q] * g
      }
      G[wj + fanIn] += g
    }
    if (inputGrad) {
      const code = codes[l - 1]
      for (let q = 0; q < fanIn; q++) d[x + q] *= dact(code, a[x + q])
    }
  }

  const outCode = codes[L - 1]
  const out = start[L]
  return {
    epoch() {
      G.fill(0)
      let loss = 0
      const scale = 1 / n
      for (let i = 0; i < n; i++) {
        a[0] = X[2 * i]
        a[1] = X[2 * i + 1]
        for (let l = 0; l < L; l++) forwardLayer(l)
        const o = a[out]
        const target = T[i]
        let g: number
        if (mse) {
          const e = o - target
          loss += e * e
          g = 2 * e * scale
        } else {
          const margin = 1 - target * o
          if (margin > 0) {
            loss += margin
            g = -target * scale
          } else g = 0
        }
        d[out] = g * dact(outCode, o)
        for (let l = L - 1; l >= 0; l--) backwardLayer(l)
      }
      loss *= scale
      const lr = learningRateAt(t.optimizer.learningRate, t.schedule, k++)
      if (l2 === 0) for (let q = 0; q < P.length; q++) P[q] -= lr * G[q]
      else
        for (let q = 0; q < P.length; q++) {
          const w = P[q]
          loss += l2 * w * w
          P[q] = w - lr * (G[q] + 2 * l2 * w)
        }
      return loss
    },
  }
}

/**
 * Baseline `dense`: the hand-written Float64Array MLP one writes first. One weight matrix and
 * bias vector per layer, a per-sample loop: forward layer by layer, the loss's derivative,
 * backward layer by layer accumulating gradients, then one SGD step per epoch.
 */
import type { ModelFile } from '../shared/src/model-file/types.ts'
import type { Activation } from '../shared/src/nn/mlp.ts'
import { learningRateAt } from '../shared/src/train/schedule.ts'
import type { Bench } from './impl.ts'

function act(a: Activation, s: number): number {
  if (a === 'tanh') return Math.tanh(s)
  if (a === 'relu') return s > 0 ? s : 0
  if (a === 'sigmoid') return 1 / (1 + Math.exp(-s))
  if (a === 'leaky_relu') return s > 0 ? s : 0.01 * s
  return s
}

/** d act / d s, from the activation's output y. */
function dact(a: Activation, y: number): number {
  if (a === 'tanh') return 1 - y * y
  if (a === 'relu') return y > 0 ? 1 : 0
  if (a === 'sigmoid') return y * (1 - y)
  if (a === 'leaky_relu') return y > 0 ? 1 : 0.01
  return 1
}

export function createDense(file: ModelFile): Bench {
  const layers = file.network.layers
  const L = layers.length
  const sizes = [file.network.inputs.length, ...layers.map((l) => l.weights.length)]
  const acts = layers.map((l) => l.activation)
  const W = layers.map((l) => Float64Array.from(l.weights.flat()))
  const B = layers.map((l) => Float64Array.from(l.biases))
  const gW = W.map((w) => new Float64Array(w.length))
  const gB = B.map((b) => new Float64Array(b.length))
  const a = sizes.map((n) => new Float64Array(n)) // a[0] input, a[l+1] output of layer l
  const delta = sizes.map((n) => new Float64Array(n))
  const points = file.dataset.train
  const n = points.length
  const t = file.training
  const lossName = t.loss
  const l2 = t.l2
  let k = t.epoch

  return {
    epoch() {
      for (let l = 0; l < L; l++) {
        gW[l].fill(0)
        gB[l].fill(0)
      }
      let loss = 0
      for (let i = 0; i < n; i++) {
        a[0][0] = points[i][0]
        a[0][1] = points[i][1]
        for (let l = 0; l < L; l++) {
          const fanIn = sizes[l]
          const Wl = W[l]
          const Bl = B[l]
          const x = a[l]
          const y = a[l + 1]
          for (let j = 0; j < sizes[l + 1]; j++) {
            let s = 0
            for (let q = 0; q < fanIn; q++) s += Wl[j * fanIn + q] * x[q]
            y[j] = act(acts[l], s + Bl[j])
          }
        }
        const out = a[L][0]
        const target = points[i][2] === 1 ? 1 : -1
        let dout: number
        if (lossName === 'mse') {
          loss += (out - target) ** 2
          dout = (2 * (out - target)) / n
        } else {
          const margin = 1 - target * out
          loss += margin > 0 ? margin : 0
          dout = margin > 0 ? -target / n : 0
        }
        delta[L][0] = dout * dact(acts[L - 1], out)
        for (let l = L - 1; l >= 0; l--) {
          const fanIn = sizes[l]
          const Wl = W[l]
          const gWl = gW[l]
          const gBl = gB[l]
          const x = a[l]
          const dy = delta[l + 1]
          for (let j = 0; j < sizes[l + 1]; j++) {
            const d = dy[j]
            for (let q = 0; q < fanIn; q++) gWl[j * fanIn + q] += d * x[q]
            gBl[j] += d
          }
          if (l > 0) {
            const dx = delta[l]
            for (let q = 0; q < fanIn; q++) {
              let s = 0
              for (let j = 0; j < sizes[l + 1]; j++) s += Wl[j * fanIn + q] * dy[j]
              dx[q] = s * dact(acts[l - 1], x[q])
            }
          }
        }
      }
      loss /= n
      const lr = learningRateAt(t.optimizer.learningRate, t.schedule, k++)
      for (let l = 0; l < L; l++) {
        for (let q = 0; q < W[l].length; q++) {
          loss += l2 * W[l][q] * W[l][q]
          W[l][q] -= lr * (gW[l][q] + 2 * l2 * W[l][q])
        }
        for (let j = 0; j < B[l].length; j++) {
          loss += l2 * B[l][j] * B[l][j]
          B[l][j] -= lr * (gB[l][j] + 2 * l2 * B[l][j])
        }
      }
      return loss
    },
  }
}

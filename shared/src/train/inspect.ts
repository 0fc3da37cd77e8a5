/**
 * Looking inside a network without a graph: every neuron's output over many points, and each
 * point's prediction and loss. Plain loops over the flat parameters (MLP.parameters() order),
 * the same sums and activations as the engine; used for the diagram's heatmaps and the results.
 */
import { OPS, DEFAULT_LEAKY_SLOPE, type Op } from '../engine/value.ts'
import type { Activation } from '../nn/mlp.ts'
import type { LossName } from '../model-file/types.ts'
import { lossCode, rowLoss } from '../tape/loss.ts'
import type { NetworkShape } from './evaluator.ts'
import { predictedClass } from './metrics.ts'
import type { PointStats } from './reports.ts'

/** An activation on a number, with the engine's own forward function (and leaky ReLU's slope). */
const engine =
  (op: Op) =>
  (s: number): number =>
    op.forward(s, 0, DEFAULT_LEAKY_SLOPE)
const ACTIVATE: Record<Activation, (s: number) => number> = {
  linear: (s) => s,
  tanh: engine(OPS.tanh),
  relu: engine(OPS.relu),
  sigmoid: engine(OPS.sigmoid),
  leaky_relu: engine(OPS.leaky_relu),
}

/** Number of neurons (hidden and output) of a shape. */
export function neuronCount(shape: NetworkShape): number {
  return shape.layers.reduce((n, l) => n + l.units, 0)
}

/**
 * Every neuron's output for `count` rows of features x (row-major, shape.inputs wide): neuron
 * after neuron (layer by layer, the output layer last), `count` values each.
 */
export function neuronOutputs(
  shape: NetworkShape,
  params: Float64Array,
  x: Float64Array,
  count: number,
): Float32Array {
  const out = new Float32Array(neuronCount(shape) * count)
  let input = x
  let fanIn = shape.inputs
  let p = 0
  let neuron = 0
  for (const layer of shape.layers) {
    const act = ACTIVATE[layer.activation]
    const next = new Float64Array(count * layer.units)
    for (let j = 0; j < layer.units; j++) {
      const w = p
      const b = params[p + fanIn]
      const base = (neuron + j) * count
      for (let r = 0; r < count; r++) {
        const row = r * fanIn
        // act(((w0*x0 + w1*x1) + ...) + b), as a Neuron computes it.
        let s = params[w] * input[row]
        for (let k = 1; k < fanIn; k++) s += params[w + k] * input[row + k]
        const v = act(s + b)
        next[r * layer.units + j] = v
        out[base + r] = v
      }
      p += fanIn + 1
    }
    neuron += layer.units
    input = next
    fanIn = layer.units
  }
  return out
}

/** Per point: the class predicted from its K raw outputs (row-major) and its loss under `loss`. */
export function pointStats(loss: LossName, outputs: Float64Array, labels: Int32Array, K: number): PointStats {
  const n = labels.length
  const predicted = new Uint8Array(n)
  const losses = new Float32Array(n)
  const code = lossCode(loss)
  const slots = Int32Array.from({ length: K }, (_, u) => u)
  for (let i = 0; i < n; i++) {
    predicted[i] = predictedClass(outputs, i * K, K)
    losses[i] = rowLoss(code, outputs, null, i * K, slots, labels[i], 0)
  }
  return { predicted, loss: losses }
}

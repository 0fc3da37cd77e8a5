/**
 * Looking inside a network without a graph: every neuron's output over many points, and each
 * point's prediction and loss. Plain loops over the flat parameters (MLP.parameters() order),
 * the same sums and activations as the engine; used for the diagram's heatmaps and the results.
 */
import { forwardLayers } from '../nn/dense.ts'
import type { LossName } from '../model-file/types.ts'
import { lossCode, rowLoss } from '../tape/loss.ts'
import type { NetworkShape } from './evaluator.ts'
import { predictedClass } from './metrics.ts'
import type { PointStats } from './reports.ts'

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
  let neuron = 0
  forwardLayers(shape, params, x, count).forEach((y, li) => {
    const units = shape.layers[li].units
    for (let j = 0; j < units; j++) {
      const base = (neuron + j) * count
      for (let r = 0; r < count; r++) out[base + r] = y[r * units + j]
    }
    neuron += units
  })
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

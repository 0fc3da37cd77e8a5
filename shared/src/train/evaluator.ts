/**
 * How training asks "what is the loss here, and which way is downhill?" without caring what
 * answers: the plain Value engine (the reference, `valueEvaluator`) or a compiled tape.
 *
 * Everything crosses this boundary as typed arrays: parameters in ONE flat array in
 * `MLP.parameters()` order (per layer, per neuron: weights then bias), features row-major
 * (row i = the features of point i, in `network.inputs` order), labels as class indices.
 */
import type { Activation, NetworkJSON } from '../nn/mlp.ts'
import type { LossName } from '../model-file/types.ts'

/** What an evaluator needs to know about a network: its input count and its layers. */
export interface NetworkShape {
  inputs: number
  layers: { units: number; activation: Activation }[]
}

/** What is being minimised: the data loss plus l2·Σp² + l1·Σ|p| over all parameters. */
export interface Objective {
  loss: LossName
  l1: number
  l2: number
}

export interface Evaluator {
  /**
   * Mean loss over the given rows + l2·Σp² + l1·Σ|p|; writes d(that)/dp into grad (overwrites),
   * or skips the backward pass when grad is null. Returns the loss and how many of the rows are
   * classified correctly. `rows[0..count)` lists the row indices of the batch, in order.
   */
  lossAndGrad(
    params: Float64Array,
    x: Float64Array,
    y: Int32Array,
    rows: Int32Array,
    count: number,
    grad: Float64Array | null,
  ): { loss: number; correct: number }
  /** Raw network outputs for `count` rows of x (row-major features) into out (count × outputs). */
  predict(params: Float64Array, x: Float64Array, count: number, out: Float64Array): void
}

export type EvaluatorFactory = (shape: NetworkShape, objective: Objective) => Evaluator

/** The shape of a stored network. */
export function shapeOf(network: NetworkJSON): NetworkShape {
  return {
    inputs: network.inputs.length,
    layers: network.layers.map((l) => ({ units: l.weights.length, activation: l.activation })),
  }
}

/** Number of output units of the last layer. */
export function outputCount(shape: NetworkShape): number {
  return shape.layers[shape.layers.length - 1].units
}

/** Number of parameters (weights and biases) a network of this shape has. */
export function shapeParameterCount(shape: NetworkShape): number {
  let count = 0
  let fanIn = shape.inputs
  for (const l of shape.layers) {
    count += l.units * (fanIn + 1)
    fanIn = l.units
  }
  return count
}

/** A stored network's weights and biases as one flat array, in `MLP.parameters()` order. */
export function flattenParameters(network: NetworkJSON): Float64Array {
  const out = new Float64Array(shapeParameterCount(shapeOf(network)))
  let i = 0
  for (const layer of network.layers) {
    layer.weights.forEach((row, j) => {
      for (const w of row) out[i++] = w
      out[i++] = layer.biases[j]
    })
  }
  return out
}

/** The stored network with `inputs` as feature names and weights taken from the flat array. */
export function unflattenParameters(
  shape: NetworkShape,
  inputs: readonly string[],
  params: Float64Array,
): NetworkJSON {
  let i = 0
  let fanIn = shape.inputs
  const layers = shape.layers.map((l) => {
    const weights: number[][] = []
    const biases: number[] = []
    for (let j = 0; j < l.units; j++) {
      weights.push(Array.from(params.subarray(i, i + fanIn)))
      i += fanIn
      biases.push(params[i++])
    }
    fanIn = l.units
    return { activation: l.activation, weights, biases }
  })
  return { inputs: [...inputs], layers }
}

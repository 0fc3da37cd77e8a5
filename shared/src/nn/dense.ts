/**
 * The network's forward pass on plain numbers, layer by layer over many rows at once, keeping every
 * layer's outputs: what each neuron does (diagnostics, per-neuron heatmaps, the hidden space).
 * Each neuron computes act(((w0*x0 + w1*x1) + ...) + b) with the engine's own functions, in the
 * engine's order, so the numbers are the Value engine's to the last bit.
 */
import { DEFAULT_LEAKY_SLOPE, sigmoid } from '../engine/value.ts'
import type { Activation } from './mlp.ts'

/** The layers of a network: its input count and each layer's units and activation. */
export interface DenseShape {
  inputs: number
  layers: readonly { units: number; activation: Activation }[]
}

/** An activation on a plain number, as the Value op computes it. */
export function activateValue(s: number, activation: Activation): number {
  switch (activation) {
    case 'tanh':
      return Math.tanh(s)
    case 'relu':
      return s > 0 ? s : 0
    case 'sigmoid':
      return sigmoid(s)
    case 'leaky_relu':
      return s > 0 ? s : DEFAULT_LEAKY_SLOPE * s
    default:
      return s
  }
}

/**
 * Every layer's outputs for `count` rows of x (row-major, shape.inputs per row), with parameters flat
 * in MLP.parameters() order: one array per layer, count × units, row-major.
 */
export function forwardLayers(
  shape: DenseShape,
  params: Float64Array,
  x: Float64Array,
  count: number,
): Float64Array[] {
  const out: Float64Array[] = []
  let input = x
  let fanIn = shape.inputs
  let p = 0
  for (const layer of shape.layers) {
    const units = layer.units
    const y = new Float64Array(count * units)
    for (let j = 0; j < units; j++) {
      const w = p + j * (fanIn + 1)
      const b = params[w + fanIn]
      for (let r = 0; r < count; r++) {
        const row = r * fanIn
        let s = params[w] * input[row]
        for (let k = 1; k < fanIn; k++) s += params[w + k] * input[row + k]
        y[r * units + j] = activateValue(s + b, layer.activation)
      }
    }
    p += units * (fanIn + 1)
    out.push(y)
    input = y
    fanIn = units
  }
  return out
}

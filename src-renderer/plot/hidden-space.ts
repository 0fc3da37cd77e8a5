/**
 * The hidden space (ConvNetJS's best idea): where a layer puts each point. Points and a grid of
 * straight lines of the input plane are passed through the network up to one layer, and two of its
 * neurons' outputs become the axes, so a learner watches training bend the plane until the
 * classes come apart.
 */
import type { Bounds } from '../../shared/src/data/bounds.ts'
import { featurize } from '../../shared/src/data/features.ts'
import { forwardLayers, type DenseShape } from '../../shared/src/nn/dense.ts'
import type { Activation, NetworkJSON } from '../../shared/src/nn/mlp.ts'
import { flattenParameters, shapeOf } from '../../shared/src/train/evaluator.ts'

/** Most data points drawn (an even spread of them beyond): the warp runs on every weight update. */
export const MAX_HIDDEN_POINTS = 2000
/** Grid lines per direction, and points along each. */
export const GRID_LINES = 13
export const GRID_SAMPLES = 48

/**
 * The outputs of layer `layer` (0-based) for `count` input-plane points given as x1, x2 pairs:
 * count × units, row-major. Only the layers up to it are computed.
 */
export function layerOutputs(
  network: NetworkJSON,
  layer: number,
  xy: Float64Array,
  count: number,
): Float64Array {
  const inputs = network.inputs
  const x = new Float64Array(count * inputs.length)
  for (let i = 0; i < count; i++) featurize(inputs, xy[2 * i], xy[2 * i + 1], x, i * inputs.length)
  const upTo: NetworkJSON = { inputs: network.inputs, layers: network.layers.slice(0, layer + 1) }
  const outs = forwardLayers(shapeOf(upTo), flattenParameters(upTo), x, count)
  return outs[layer]
}

/** GRID_LINES vertical then GRID_LINES horizontal lines over bounds, GRID_SAMPLES points each, as x1, x2 pairs. */
export function gridLinePoints(bounds: Bounds, lines = GRID_LINES, samples = GRID_SAMPLES): Float64Array {
  const out = new Float64Array(2 * lines * samples * 2)
  let i = 0
  const at = (min: number, max: number, t: number) => min + (max - min) * t
  for (const vertical of [true, false])
    for (let l = 0; l < lines; l++) {
      const fixed = l / (lines - 1)
      for (let s = 0; s < samples; s++) {
        const t = s / (samples - 1)
        out[i++] = at(bounds.xMin, bounds.xMax, vertical ? fixed : t)
        out[i++] = at(bounds.yMin, bounds.yMax, vertical ? t : fixed)
      }
    }
  return out
}

/** An even spread of at most `max` of the points (all of them when there are few). */
export function spread<T>(points: readonly T[], max = MAX_HIDDEN_POINTS): T[] {
  if (points.length <= max) return [...points]
  const stride = points.length / max
  return Array.from({ length: max }, (_, i) => points[Math.floor(i * stride)])
}

/** The axis range that shows an activation's outputs: its own range where it has one, else the data's. */
export function axisRange(activation: Activation, values: ArrayLike<number>): [number, number] {
  if (activation === 'tanh') return [-1.05, 1.05]
  if (activation === 'sigmoid') return [-0.05, 1.05]
  let min = Infinity
  let max = -Infinity
  for (let i = 0; i < values.length; i++) {
    const v = values[i]
    if (!Number.isFinite(v)) continue
    if (v < min) min = v
    if (v > max) max = v
  }
  if (!(max > min)) return Number.isFinite(min) ? [min - 1, min + 1] : [-1, 1]
  const pad = (max - min) * 0.05
  return [min - pad, max + pad]
}

/**
 * What drawing the hidden space needs worked out: the network's flat parameters (MLP.parameters()
 * order; only the layers in `shape` are read) and input features, the grid lines' and the points'
 * x1, x2 pairs, and the two neurons of the last layer in `shape` that become the axes.
 */
export interface HiddenSpaceRequest {
  inputs: readonly string[]
  shape: DenseShape
  parameters: Float64Array
  lines: Float64Array
  points: Float64Array
  horizontal: number
  vertical: number
}

/** Where the layer puts the grid lines' samples and the points: the two neurons' outputs, in order. */
export interface HiddenSpaceColumns {
  lineX: Float64Array
  lineY: Float64Array
  pointX: Float64Array
  pointY: Float64Array
}

/** The two chosen neurons' outputs for the lines and the points (one forward pass over both). */
export function hiddenSpaceColumns(request: HiddenSpaceRequest): HiddenSpaceColumns {
  const { inputs, shape, parameters, lines, points, horizontal, vertical } = request
  const lineCount = lines.length / 2
  const count = lineCount + points.length / 2
  const k = inputs.length
  const x = new Float64Array(count * k)
  for (let i = 0; i < lineCount; i++) featurize(inputs, lines[2 * i], lines[2 * i + 1], x, i * k)
  for (let i = lineCount; i < count; i++)
    featurize(inputs, points[2 * (i - lineCount)], points[2 * (i - lineCount) + 1], x, i * k)
  const outs = forwardLayers(shape, parameters, x, count)
  const out = outs[outs.length - 1]
  const units = shape.layers[shape.layers.length - 1].units
  const column = (j: number, from: number, to: number) => {
    const c = new Float64Array(to - from)
    for (let i = from; i < to; i++) c[i - from] = out[i * units + j]
    return c
  }
  return {
    lineX: column(horizontal, 0, lineCount),
    lineY: column(vertical, 0, lineCount),
    pointX: column(horizontal, lineCount, count),
    pointY: column(vertical, lineCount, count),
  }
}

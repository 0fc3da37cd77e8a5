/**
 * Class colours and the decision-boundary heatmap. The palette is Okabe–Ito (safe for the common
 * colour-vision deficiencies) in the order of data's DEFAULT_CLASS_NAMES (blue, orange, green, red,
 * purple, brown), so class 0 is blue and class 1 orange, as in TensorFlow Playground. The class
 * colours are the same in both themes, so a class keeps its colour when the theme changes; each is
 * at least 3:1 against the dark surface, and every point has an outline besides.
 */
import type { BoundaryGrid } from '../../shared/src/ipc.ts'

export type Rgb = [number, number, number]

export interface PlotPalette {
  classes: readonly Rgb[]
  /** The plot surface: where the network is unsure, the heatmap fades to this. */
  surface: Rgb
  /** Outline around points, so a point stays visible on a region of its own colour. */
  outline: Rgb
  axis: Rgb
  text: Rgb
}

const CLASS_COLOURS: readonly Rgb[] = [
  [0, 114, 178],
  [230, 159, 0],
  [0, 158, 115],
  [213, 94, 0],
  [204, 121, 167],
  [150, 100, 50],
]

export const LIGHT_PALETTE: PlotPalette = {
  classes: CLASS_COLOURS,
  surface: [255, 255, 255],
  outline: [255, 255, 255],
  axis: [110, 110, 120],
  text: [40, 40, 48],
}

export const DARK_PALETTE: PlotPalette = {
  classes: CLASS_COLOURS,
  surface: [24, 26, 32],
  outline: [10, 10, 14],
  axis: [150, 150, 160],
  text: [220, 220, 228],
}

/** Strongest tint of the heatmap: keeps points readable on a region the network is sure about. */
export const MAX_TINT = 0.6

export function css([r, g, b]: Rgb, alpha = 1): string {
  return alpha === 1 ? `rgb(${r}, ${g}, ${b})` : `rgba(${r}, ${g}, ${b}, ${alpha})`
}

/** Which class a cell predicts and how sure the network is (0 = on the boundary, 1 = certain). */
export function classify(
  values: ArrayLike<number>,
  offset: number,
  outputs: number,
): { cls: number; confidence: number } {
  if (outputs === 1) {
    // One output: class 1 when it is > 0 (the notebook's sign rule); |out| ≥ 1 counts as certain.
    const v = values[offset]
    return { cls: v > 0 ? 1 : 0, confidence: Math.min(1, Math.abs(v)) }
  }
  let best = 0
  let max = -Infinity
  for (let k = 0; k < outputs; k++) {
    if (values[offset + k] > max) {
      max = values[offset + k]
      best = k
    }
  }
  // Softmax probability of the winner, rescaled so a uniform guess (1/K) is 0 and certainty is 1.
  let sum = 0
  for (let k = 0; k < outputs; k++) sum += Math.exp(values[offset + k] - max)
  const p = 1 / sum
  return { cls: best, confidence: (p - 1 / outputs) / (1 - 1 / outputs) }
}

/** Paints the grid into RGBA pixels (size × size, row by row from the top, like the grid itself). */
export function paintBoundary(
  grid: BoundaryGrid,
  palette: PlotPalette,
  out?: Uint8ClampedArray,
): Uint8ClampedArray {
  const cells = grid.size * grid.size
  const pixels = out && out.length === cells * 4 ? out : new Uint8ClampedArray(cells * 4)
  const [sr, sg, sb] = palette.surface
  for (let i = 0; i < cells; i++) {
    const { cls, confidence } = classify(grid.values, i * grid.outputs, grid.outputs)
    const c = palette.classes[cls % palette.classes.length]
    // NaN outputs (a diverged network) paint as plain surface rather than garbage.
    const t = Number.isFinite(confidence) ? MAX_TINT * confidence : 0
    pixels[i * 4] = sr + (c[0] - sr) * t
    pixels[i * 4 + 1] = sg + (c[1] - sg) * t
    pixels[i * 4 + 2] = sb + (c[2] - sb) * t
    pixels[i * 4 + 3] = 255
  }
  return pixels
}

/**
 * Paints one neuron's grid (size × size values from `offset`) into RGBA pixels: positive outputs
 * in class 1's colour, negative in class 0's (as the boundary: output > 0 is class 1), fading to
 * the surface at 0. tanh is read on its −1..1, sigmoid around its 0.5, others scaled by their
 * largest magnitude on the grid, so a ReLU that is dead everywhere shows as plain surface.
 */
export function paintNeuron(
  values: ArrayLike<number>,
  offset: number,
  size: number,
  activation: string,
  palette: PlotPalette,
  strength = MAX_TINT,
  out?: Uint8ClampedArray,
): Uint8ClampedArray {
  const cells = size * size
  const pixels = out && out.length === cells * 4 ? out : new Uint8ClampedArray(cells * 4)
  const centre = activation === 'sigmoid' ? 0.5 : 0
  let scale = activation === 'tanh' ? 1 : activation === 'sigmoid' ? 0.5 : 0
  if (scale === 0) {
    for (let i = 0; i < cells; i++) scale = Math.max(scale, Math.abs(values[offset + i]))
    if (!(scale > 1e-12)) scale = 1
  }
  const [sr, sg, sb] = palette.surface
  const [neg, pos] = palette.classes
  for (let i = 0; i < cells; i++) {
    const v = (values[offset + i] - centre) / scale
    const c = v > 0 ? pos : neg
    const t = Number.isFinite(v) ? strength * Math.min(1, Math.abs(v)) : 0
    pixels[i * 4] = sr + (c[0] - sr) * t
    pixels[i * 4 + 1] = sg + (c[1] - sg) * t
    pixels[i * 4 + 2] = sb + (c[2] - sb) * t
    pixels[i * 4 + 3] = 255
  }
  return pixels
}

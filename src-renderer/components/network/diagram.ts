/**
 * The network diagram's geometry and words, as plain functions: which neurons fit (a wide layer
 * collapses to its first ones and its last, saying how many are left out), where each sits, and a
 * neuron's formula with today's numbers ("tanh(0.41·x1 − 1.20·x2 + 0.05)").
 */
import type { NetworkJSON } from '../../../shared/src/nn/mlp.ts'
import { FEATURE_LABELS } from '../../stores/network.ts'
import type { FeatureName } from '../../../shared/src/model-file/types.ts'

export interface DiagramColumn {
  /** -1 for the inputs, then 0.. for the layers (the output layer last). */
  layer: number
  x: number
  /** The units drawn, in order. */
  shown: number[]
  /** Units left out (between the first ones and the last). */
  hidden: number
}

export interface DiagramNode {
  layer: number
  unit: number
  x: number
  y: number
}

export interface DiagramLayout {
  width: number
  height: number
  /** Side of a node's square, CSS pixels. */
  node: number
  columns: DiagramColumn[]
  nodes: DiagramNode[]
  /** The node index of (layer, unit), or undefined when it is not drawn. */
  at: (layer: number, unit: number) => number | undefined
}

/** Which units of a layer of `units` are drawn when at most `max` fit: all, or the first max − 1 and the last. */
export function shownUnits(units: number, max: number): number[] {
  if (units <= max) return Array.from({ length: units }, (_, j) => j)
  return [...Array.from({ length: max - 1 }, (_, j) => j), units - 1]
}

/**
 * Lays out inputs and layers in columns across `width` (the first `left` pixels kept for the
 * inputs' names), each column's nodes centred vertically.
 */
export function layoutDiagram(
  inputs: number,
  units: readonly number[],
  width: number,
  maxRows = 8,
  left = 0,
): DiagramLayout {
  const counts = [inputs, ...units]
  const columns = counts.length
  const pitchX = (width - left) / columns
  const node = Math.max(18, Math.min(36, Math.floor(pitchX * 0.55)))
  const gap = Math.max(6, Math.round(node * 0.35))
  const shownPer = counts.map((n) => shownUnits(n, maxRows))
  const rows = Math.max(...shownPer.map((s, i) => s.length + (counts[i] > maxRows ? 0.6 : 0)))
  const height = Math.ceil(rows * (node + gap) + gap + 14)
  const cols: DiagramColumn[] = []
  const nodes: DiagramNode[] = []
  const index = new Map<string, number>()
  counts.forEach((n, c) => {
    const shown = shownPer[c]
    const collapsed = n > shown.length
    const x = left + pitchX * (c + 0.5)
    const span = shown.length * (node + gap) - gap + (collapsed ? (node + gap) * 0.6 : 0)
    let y = (height - 14 - span) / 2 + node / 2
    shown.forEach((unit, r) => {
      // The gap where the left-out units would be, before the last one.
      if (collapsed && r === shown.length - 1) y += (node + gap) * 0.6
      index.set(`${c - 1}.${unit}`, nodes.length)
      nodes.push({ layer: c - 1, unit, x, y })
      y += node + gap
    })
    cols.push({ layer: c - 1, x, shown, hidden: n - shown.length })
  })
  return { width, height, node, columns: cols, nodes, at: (layer, unit) => index.get(`${layer}.${unit}`) }
}

/** A number as a formula shows it: two decimals, a real minus sign. */
export function formatWeight(x: number): string {
  const text = Math.abs(x).toFixed(2)
  return x < 0 && text !== '0.00' ? `−${text}` : text
}

/** What a neuron's inputs are called in formulas: the features for layer 1, neurons ("n1.3") after. */
export function inputNames(network: NetworkJSON, layer: number): string[] {
  if (layer === 0) return network.inputs.map((f) => FEATURE_LABELS[f as FeatureName] ?? f)
  return network.layers[layer - 1].weights.map((_, k) => `n${layer}.${k + 1}`)
}

/** The most terms a formula spells out before saying how many more there are. */
export const MAX_TERMS = 6

/** A neuron's output with today's numbers: act(w1·in1 + w2·in2 + … + b). */
export function neuronFormula(network: NetworkJSON, layer: number, unit: number): string {
  const l = network.layers[layer]
  const w = l.weights[unit]
  const names = inputNames(network, layer)
  let sum = ''
  const shown = Math.min(w.length, w.length > MAX_TERMS ? MAX_TERMS - 1 : MAX_TERMS)
  for (let k = 0; k < shown; k++) {
    const term = `${formatWeight(Math.abs(w[k]))}·${names[k]}`
    sum += k === 0 ? (w[k] < 0 ? `−${term}` : term) : ` ${w[k] < 0 ? '−' : '+'} ${term}`
  }
  if (shown < w.length) sum += ` + … (${w.length - shown} more terms)`
  const b = l.biases[unit]
  sum += ` ${b < 0 ? '−' : '+'} ${formatWeight(Math.abs(b))}`
  return l.activation === 'linear' ? sum : `${l.activation}(${sum})`
}

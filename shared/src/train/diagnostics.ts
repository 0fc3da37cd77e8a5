/**
 * Is the network sick? Per layer: how large its gradient is (vanishing or exploding), how many ReLU
 * units are dead (never active on the points looked at, so no gradient ever reaches them), how many
 * tanh or sigmoid units are saturated (stuck near an asymptote, where their slope is almost 0); and
 * plain-language warnings, with what to try, when one of them crosses a threshold.
 */
import type { LossName } from '../model-file/types.ts'
import type { Activation } from '../nn/mlp.ts'
import { forwardLayers, type DenseShape } from '../nn/dense.ts'

/** A tanh unit is saturated at |out| > 0.97; a sigmoid one within 0.03 of 0 or 1 (the same slope, ~6 %). */
export const SATURATION = 0.97
/** A unit counts as saturated when it is saturated on at least this share of the points. */
export const SATURATED_SHARE = 0.9
/** Warn when at least this share of a layer's ReLU units are dead. */
export const DEAD_WARNING_SHARE = 0.25
/** Warn when at least this share of a hidden layer's tanh or sigmoid units are saturated. */
export const SATURATED_WARNING_SHARE = 0.5
/** Warn when the first layer's gradient is this many times smaller than the last layer's. */
export const VANISHING_RATIO = 1e-3
/** Warn when a layer's gradient norm is above this. */
export const EXPLODING_NORM = 1e3
/** Training has stalled when every layer's gradient norm is below this while accuracy is poor. */
export const STALLED_NORM = 1e-6
/**
 * What counts as poor accuracy for a stall. At or above it, saturated hidden units are not news
 * either: a network that sorts the points uses them as sharp steps.
 */
export const STALLED_ACCURACY = 0.95

export interface LayerDiagnostics {
  /** 1-based, the output layer last (as the network diagram numbers them). */
  layer: number
  units: number
  activation: Activation
  /** ‖∂loss/∂(this layer's weights and biases)‖₂. */
  gradientNorm: number
  /** Units (0-based) whose ReLU was never active on the points looked at. */
  deadUnits: number[]
  /** Units (0-based) saturated on at least SATURATED_SHARE of the points. */
  saturatedUnits: number[]
}

export interface DiagnosticWarning {
  kind: 'dead' | 'saturated' | 'vanishing' | 'exploding' | 'stalled' | 'capped'
  layer: number
  /** The units it is about (0-based), to point at them in the diagram. */
  units: number[]
  message: string
}

/** Activations whose outputs are bounded (tanh within ±1, sigmoid within 0 and 1). */
export function squashes(activation: Activation): boolean {
  return activation === 'tanh' || activation === 'sigmoid'
}

/**
 * The lowest softmax cross-entropy `classes` outputs squashed by `activation` can reach: every score
 * lies between lo and hi, so the surest softmax puts e^hi / (e^hi + (K − 1)·e^lo) on the right class.
 */
export function softmaxFloor(activation: Activation, classes: number): number {
  const spread = activation === 'tanh' ? 2 : activation === 'sigmoid' ? 1 : Infinity
  return Math.log1p((classes - 1) * Math.exp(-spread))
}

function saturated(out: number, activation: Activation): boolean {
  if (activation === 'tanh') return Math.abs(out) > SATURATION
  if (activation === 'sigmoid') return out > SATURATION || out < 1 - SATURATION
  return false
}

/**
 * Each layer's state for the weights `params` on `count` rows of features `x`, given the gradient of
 * the loss over those rows (`grad`, flat like params).
 */
export function diagnoseLayers(
  shape: DenseShape,
  params: Float64Array,
  grad: Float64Array,
  x: Float64Array,
  count: number,
): LayerDiagnostics[] {
  const outs = forwardLayers(shape, params, x, count)
  let p = 0
  let fanIn = shape.inputs
  return shape.layers.map((layer, li) => {
    const { units, activation } = layer
    const size = units * (fanIn + 1)
    let sq = 0
    for (let i = p; i < p + size; i++) sq += grad[i] * grad[i]
    p += size
    fanIn = units
    const y = outs[li]
    const deadUnits: number[] = []
    const saturatedUnits: number[] = []
    for (let j = 0; j < units; j++) {
      let active = 0
      let stuck = 0
      for (let r = 0; r < count; r++) {
        const o = y[r * units + j]
        if (o > 0) active++
        if (saturated(o, activation)) stuck++
      }
      if (activation === 'relu' && count > 0 && active === 0) deadUnits.push(j)
      if (count > 0 && stuck >= SATURATED_SHARE * count) saturatedUnits.push(j)
    }
    return { layer: li + 1, units, activation, gradientNorm: Math.sqrt(sq), deadUnits, saturatedUnits }
  })
}

/** "hidden layer 2", or "the output layer". */
function layerName(layer: number, layers: number): string {
  return layer === layers ? 'the output layer' : `hidden layer ${layer}`
}

const unitsWord = (n: number) => (n === 1 ? 'unit' : 'units')

/** "2,400×", or "more than a million times" */
function ratioText(ratio: number): string {
  return ratio < 1e6 ? `${Math.round(ratio).toLocaleString('en')}×` : 'more than a million times'
}

/**
 * The warnings a learner should see for these diagnostics, most serious first. `trainAccuracy`, when
 * given, tells a finished network (tiny gradients, all points right) from a stalled one, and keeps
 * quiet about saturated units once the points are sorted; `loss`, when
 * given, tells whether a squashing output layer caps softmax cross-entropy.
 */
export function warningsFor(
  layers: readonly LayerDiagnostics[],
  trainAccuracy?: number,
  loss?: LossName,
): DiagnosticWarning[] {
  const warnings: DiagnosticWarning[] = []
  const n = layers.length
  for (const l of layers) {
    if (!Number.isFinite(l.gradientNorm) || l.gradientNorm > EXPLODING_NORM)
      warnings.push({
        kind: 'exploding',
        layer: l.layer,
        units: [],
        message:
          `The gradient in ${layerName(l.layer, n)} is huge (${l.gradientNorm.toPrecision(2)}): the next steps ` +
          'may overshoot and the loss jump or blow up (exploding gradients). Lower the learning rate.',
      })
  }
  for (const l of layers) {
    const dead = l.deadUnits.length
    if (dead > 0 && dead >= DEAD_WARNING_SHARE * l.units)
      warnings.push({
        kind: 'dead',
        layer: l.layer,
        units: l.deadUnits,
        message:
          `${dead} of ${l.units} ${unitsWord(l.units)} in ${layerName(l.layer, n)} ${dead === 1 ? 'is' : 'are'} dead ` +
          '(their ReLU is 0 on every training point, so no gradient reaches them and they stop learning): ' +
          'lower the learning rate or try leaky ReLU.',
      })
  }
  const sorted = trainAccuracy !== undefined && trainAccuracy >= STALLED_ACCURACY
  for (const l of layers) {
    const stuck = l.saturatedUnits.length
    if (!sorted && l.layer < n && stuck > 0 && stuck >= SATURATED_WARNING_SHARE * l.units)
      warnings.push({
        kind: 'saturated',
        layer: l.layer,
        units: l.saturatedUnits,
        message:
          `${stuck} of ${l.units} ${unitsWord(l.units)} in ${layerName(l.layer, n)} ${stuck === 1 ? 'is' : 'are'} ` +
          `saturated (${l.activation} near ${l.activation === 'tanh' ? '±1' : '0 or 1'} on almost every point, ` +
          'where its slope is nearly 0, so little gradient flows through): lower the learning rate, use ' +
          'Xavier initial weights, or try ReLU.',
      })
  }
  const first = layers[0]
  const last = layers[n - 1]
  // Dead units starve the layers before them of gradient: that is the news, not "vanishing".
  const anyDead = warnings.some((w) => w.kind === 'dead')
  if (
    !anyDead &&
    n >= 3 &&
    Number.isFinite(first.gradientNorm) &&
    last.gradientNorm > 0 &&
    first.gradientNorm < VANISHING_RATIO * last.gradientNorm
  )
    warnings.push({
      kind: 'vanishing',
      layer: 1,
      units: [],
      message:
        `The gradient reaching hidden layer 1 is ${ratioText(last.gradientNorm / first.gradientNorm)} ` +
        'smaller than at the output, so the first layers barely learn (vanishing gradients). Try ReLU or ' +
        'leaky ReLU, fewer layers, or Xavier or He initial weights.',
    })
  if (
    trainAccuracy !== undefined &&
    trainAccuracy < STALLED_ACCURACY &&
    layers.every((l) => l.gradientNorm < STALLED_NORM)
  ) {
    // Pointed at the layer most stuck (dead and saturated units over its units), the output included:
    // a warning of its own may not have named them (too few to warn about, or the output layer).
    const stuck = layers.map((l) => ({
      layer: l.layer,
      of: l.units,
      units: [...new Set([...l.deadUnits, ...l.saturatedUnits])].sort((a, b) => a - b),
    }))
    const worst = stuck.reduce((a, b) => (b.units.length / b.of > a.units.length / a.of ? b : a))
    warnings.push({
      kind: 'stalled',
      layer: worst.layer,
      units: worst.units,
      message:
        `Training has stalled: the gradient is almost 0 in every layer, yet ${Math.round((1 - trainAccuracy) * 100)} % ` +
        'of the training points are still wrong. The units are stuck (dead or saturated), often after too high ' +
        'a learning rate: press reset, lower the learning rate and play again.',
    })
  }
  if (loss === 'cross_entropy' && squashes(last.activation))
    warnings.push({
      kind: 'capped',
      layer: n,
      units: [],
      message:
        `The output layer's ${last.activation} keeps every score within ${last.activation === 'tanh' ? '±1' : '0 and 1'}, ` +
        `so softmax can never be sure of a class: the loss cannot fall below ${softmaxFloor(last.activation, last.units).toFixed(2)}, ` +
        'however well the points are sorted. Choose a linear output activation.',
    })
  return warnings
}

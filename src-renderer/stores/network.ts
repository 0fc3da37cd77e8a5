/**
 * The network the learner builds: hidden layers, output activation, input features, initial weights.
 * Every architecture edit goes through `propose`: it is refused past the work cap (with the reason),
 * and asked about first once the model has trained (it needs new weights).
 */
import { defineStore } from 'pinia'
import { computed, ref, watch } from 'vue'
import type { Activation, Init, LayerSpec } from '../../shared/src/nn/mlp.ts'
import { FEATURES, type FeatureName } from '../../shared/src/model-file/types.ts'
import { useConfirmStore } from './confirm.ts'
import { MAX_STUDIO_POINTS, STUDIO_POINTS_REASON, useDatasetStore } from './dataset.ts'

export interface HiddenLayer {
  units: number
  activation: Activation
}

/** Most hidden layers and units per layer the editor offers. */
export const MAX_HIDDEN_LAYERS = 8
export const MAX_UNITS = 64

/**
 * The most parameters × points one epoch may cost. An epoch is one unbreakable piece of the
 * trainer's work: past about 0.1 s a pause or an edit waits for it and the boundary stutters.
 * `npm run bench` (the "parameter cap" rows) measures 4 to 13 ns per parameter and point here,
 * so at 8 million an epoch takes 35 to 60 ms, leaving room for the boundary grid in the same
 * tenth of a second: 8 hidden layers of 64 (29,377 parameters) train on up to 272 points, the
 * default network on the studio's full 10,000.
 */
export const MAX_PARAMETER_POINTS = 8_000_000

/** How the feature toggles read (the model file's names are x1^2, x1*x2, ...). */
export const FEATURE_LABELS: Record<FeatureName, string> = {
  x1: 'x1',
  x2: 'x2',
  'x1^2': 'x1²',
  'x2^2': 'x2²',
  'x1*x2': 'x1·x2',
  'sin(x1)': 'sin(x1)',
  'sin(x2)': 'sin(x2)',
}

/** The defaults train the moons preset past 95 % accuracy in a few seconds. */
export const DEFAULT_HIDDEN: readonly HiddenLayer[] = [
  { units: 8, activation: 'tanh' },
  { units: 8, activation: 'tanh' },
]

/** Everything an architecture edit may change. */
export interface Architecture {
  hidden: HiddenLayer[]
  inputs: string[]
  outputActivation: Activation
  init: Init
  seed: number
  /** With two classes: one output (mse, hinge, logistic) or two (softmax cross-entropy). */
  binaryOutputs: 1 | 2
}

/** Weights and biases of a network with these layer sizes. */
export function countParameters(inputs: number, units: readonly number[]): number {
  let count = 0
  let fanIn = inputs
  for (const u of units) {
    count += u * (fanIn + 1)
    fanIn = u
  }
  return count
}

/** Output units for K classes: one per class beyond two; with two, one or two as chosen. */
export function outputUnitsFor(classes: number, binaryOutputs: 1 | 2): number {
  return classes > 2 ? classes : binaryOutputs
}

const fmt = (n: number) => n.toLocaleString('en')

export const useNetworkStore = defineStore('network', () => {
  const data = useDatasetStore()
  const hidden = ref<HiddenLayer[]>(DEFAULT_HIDDEN.map((l) => ({ ...l })))
  const outputActivation = ref<Activation>('tanh')
  const inputs = ref<string[]>(['x1', 'x2'])
  const init = ref<Init>('xavier')
  /** Seed of the initial weights: the same seed, the same starting network. */
  const seed = ref(1)
  const binaryOutputs = ref<1 | 2>(1)
  /** Why the last edit was refused, or null. */
  const problem = ref<string | null>(null)
  /** The neuron whose output the main plot shows instead of the network's, or null (see the diagram). */
  const focus = ref<{ layer: number; unit: number } | null>(null)

  const outputUnits = computed(() => outputUnitsFor(data.classes.length, binaryOutputs.value))

  const layers = computed<LayerSpec[]>(() => [
    ...hidden.value.map((l) => ({ units: l.units, activation: l.activation, init: init.value })),
    { units: outputUnits.value, activation: outputActivation.value, init: init.value },
  ])

  const parameterCount = computed(() =>
    countParameters(
      inputs.value.length,
      layers.value.map((l) => l.units),
    ),
  )

  /** "2 → 8 → 8 → 1": the shape as a learner reads it. */
  const shape = computed(() => [inputs.value.length, ...layers.value.map((l) => l.units)].join(' → '))

  /** The most points this network can train on responsively (and the studio's own limit). */
  const pointLimit = computed(() =>
    Math.min(MAX_STUDIO_POINTS, Math.floor(MAX_PARAMETER_POINTS / Math.max(1, parameterCount.value))),
  )

  // The dataset store refuses points past what this network can take, saying why.
  watch(
    pointLimit,
    (points) => {
      data.capacity = {
        points,
        reason:
          points < MAX_STUDIO_POINTS
            ? `a network of ${fmt(parameterCount.value)} parameters stays responsive on up to ${fmt(points)} points: ` +
              `each epoch costs parameters × points, capped at ${fmt(MAX_PARAMETER_POINTS)}; make the network smaller to add more`
            : STUDIO_POINTS_REASON,
      }
    },
    { immediate: true },
  )

  function current(): Architecture {
    return {
      hidden: hidden.value.map((l) => ({ ...l })),
      inputs: [...inputs.value],
      outputActivation: outputActivation.value,
      init: init.value,
      seed: seed.value,
      binaryOutputs: binaryOutputs.value,
    }
  }

  function apply(a: Architecture): void {
    if (JSON.stringify(a.hidden) !== JSON.stringify(hidden.value)) hidden.value = a.hidden
    if (a.inputs.join() !== inputs.value.join()) inputs.value = a.inputs
    outputActivation.value = a.outputActivation
    init.value = a.init
    seed.value = a.seed
    binaryOutputs.value = a.binaryOutputs
    // A neuron that no longer exists cannot be shown.
    const f = focus.value
    if (f && (f.layer >= layers.value.length || f.unit >= layers.value[f.layer].units)) focus.value = null
  }

  /**
   * Proposes an architecture edit called `label`: `change` edits a copy. Refused (false, with the
   * reason in `problem`) when one epoch would cost more than MAX_PARAMETER_POINTS; otherwise applied,
   * after asking once the model has trained. Units are kept within 1..MAX_UNITS and layers within
   * 0..MAX_HIDDEN_LAYERS; at least one input feature stays on. `andThen` runs right after it applies.
   */
  function propose(label: string, change: (a: Architecture) => void, andThen?: () => void): boolean {
    const before = current()
    const next = current()
    change(next)
    const asked = next.hidden.map((l) => l.units)
    next.hidden = next.hidden.slice(0, MAX_HIDDEN_LAYERS).map((l) => ({
      activation: l.activation,
      units: Math.min(MAX_UNITS, Math.max(1, Math.round(Number.isFinite(l.units) ? l.units : 1))),
    }))
    const changed = next.hidden.findIndex((l, i) => l.units !== asked[i])
    const unitsNote =
      changed === -1
        ? null
        : `A layer has 1 to ${MAX_UNITS} units, a whole number: ${Number.isFinite(asked[changed]) ? asked[changed] : 'that'} became ${next.hidden[changed].units}.`
    next.inputs = FEATURES.filter((f) => next.inputs.includes(f))
    if (next.inputs.length === 0) {
      problem.value = 'The network needs at least one input feature.'
      return false
    }
    if (!Number.isFinite(next.seed)) next.seed = before.seed
    if (JSON.stringify(next) === JSON.stringify(before)) {
      problem.value = unitsNote
      andThen?.()
      return true
    }
    const outputs = outputUnitsFor(data.classes.length, next.binaryOutputs)
    const parameters = countParameters(next.inputs.length, [...next.hidden.map((l) => l.units), outputs])
    const points = Math.max(1, data.pointCount)
    if (parameters * points > MAX_PARAMETER_POINTS && parameters > parameterCount.value) {
      problem.value =
        `That network would have ${fmt(parameters)} parameters. With ${fmt(points)} points one epoch would cost ` +
        `${fmt(parameters * points)} parameter-points; the studio stops at ${fmt(MAX_PARAMETER_POINTS)} ` +
        `(about 0.1 s an epoch here) so that pause and the plot keep up. ` +
        `Up to ${fmt(Math.floor(MAX_PARAMETER_POINTS / points))} parameters fit these points.`
      return false
    }
    problem.value = unitsNote
    useConfirmStore().ask(label, () => {
      apply(next)
      andThen?.()
    })
    return true
  }

  function addLayer() {
    if (hidden.value.length >= MAX_HIDDEN_LAYERS) return
    propose('Add hidden layer', (a) => {
      const last = a.hidden.at(-1)
      a.hidden.push({ units: last?.units ?? 4, activation: last?.activation ?? 'tanh' })
    })
  }

  function removeLayer(index = hidden.value.length - 1) {
    if (index >= 0 && index < hidden.value.length)
      propose(`Remove hidden layer ${index + 1}`, (a) => a.hidden.splice(index, 1))
  }

  function setUnits(index: number, units: number) {
    if (!hidden.value[index] || !Number.isFinite(units)) return
    propose(`Units of hidden layer ${index + 1}`, (a) => (a.hidden[index].units = units))
  }

  function setActivation(index: number, activation: Activation) {
    if (index === hidden.value.length) propose('Output activation', (a) => (a.outputActivation = activation))
    else if (hidden.value[index])
      propose(`Activation of hidden layer ${index + 1}`, (a) => (a.hidden[index].activation = activation))
  }

  /** Turns an input feature on or off (the last one on stays on). */
  function setFeature(feature: FeatureName, on: boolean) {
    propose(`Input ${FEATURE_LABELS[feature]} ${on ? 'on' : 'off'}`, (a) => {
      a.inputs = on ? [...a.inputs, feature] : a.inputs.filter((f) => f !== feature)
    })
  }

  return {
    hidden,
    outputActivation,
    inputs,
    init,
    seed,
    binaryOutputs,
    problem,
    focus,
    outputUnits,
    layers,
    parameterCount,
    pointLimit,
    shape,
    propose,
    current,
    apply,
    addLayer,
    removeLayer,
    setUnits,
    setActivation,
    setFeature,
  }
})

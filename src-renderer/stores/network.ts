/** The network the learner builds: hidden layers, output activation, feature inputs, initial weights. */
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { Activation, Init, LayerSpec } from '../../shared/src/nn/mlp.ts'
import { useDatasetStore } from './dataset.ts'

export interface HiddenLayer {
  units: number
  activation: Activation
}

/** Most hidden layers and units per layer the editor offers (the scalar engine slows down beyond). */
export const MAX_HIDDEN_LAYERS = 6
export const MAX_UNITS = 16

/** The defaults train the moons preset past 95 % accuracy in a few seconds. */
export const DEFAULT_HIDDEN: readonly HiddenLayer[] = [
  { units: 8, activation: 'tanh' },
  { units: 8, activation: 'tanh' },
]

export const useNetworkStore = defineStore('network', () => {
  const hidden = ref<HiddenLayer[]>(DEFAULT_HIDDEN.map((l) => ({ ...l })))
  const outputActivation = ref<Activation>('tanh')
  const inputs = ref<string[]>(['x1', 'x2'])
  const init = ref<Init>('xavier')
  /** Seed of the initial weights: the same seed, the same starting network. */
  const seed = ref(1)

  /** One output unit for two classes (sign decides), one per class beyond. */
  const outputUnits = computed(() => {
    const k = useDatasetStore().classes.length
    return k <= 2 ? 1 : k
  })

  const layers = computed<LayerSpec[]>(() => [
    ...hidden.value.map((l) => ({ units: l.units, activation: l.activation, init: init.value })),
    { units: outputUnits.value, activation: outputActivation.value, init: init.value },
  ])

  const parameterCount = computed(() => {
    let fanIn = inputs.value.length
    let count = 0
    for (const l of layers.value) {
      count += l.units * (fanIn + 1)
      fanIn = l.units
    }
    return count
  })

  /** "2 → 8 → 8 → 1": the shape as a learner reads it. */
  const shape = computed(() => [inputs.value.length, ...layers.value.map((l) => l.units)].join(' → '))

  function addLayer() {
    if (hidden.value.length >= MAX_HIDDEN_LAYERS) return
    const last = hidden.value.at(-1)
    hidden.value.push({ units: last?.units ?? 4, activation: last?.activation ?? 'tanh' })
  }

  function removeLayer(index = hidden.value.length - 1) {
    if (index >= 0 && index < hidden.value.length) hidden.value.splice(index, 1)
  }

  function setUnits(index: number, units: number) {
    const layer = hidden.value[index]
    if (layer && Number.isFinite(units)) layer.units = Math.min(MAX_UNITS, Math.max(1, Math.round(units)))
  }

  return {
    hidden,
    outputActivation,
    inputs,
    init,
    seed,
    outputUnits,
    layers,
    parameterCount,
    shape,
    addLayer,
    removeLayer,
    setUnits,
  }
})

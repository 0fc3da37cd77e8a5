/** The data the network learns from: a generated preset split into training and test points. */
import { defineStore } from 'pinia'
import { computed, ref, shallowRef, watch, watchEffect } from 'vue'
import { PRESETS, generatePresetDataset, getPreset, type PresetName } from '../../shared/src/data/index.ts'
import type { DatasetJSON } from '../../shared/src/model-file/types.ts'

export const useDatasetStore = defineStore('dataset', () => {
  const preset = ref<PresetName>('moons')
  const count = ref(getPreset('moons').defaults.n)
  const noise = ref(getPreset('moons').defaults.noise)
  const classCount = ref(getPreset('moons').defaults.classes)
  const seed = ref(42)
  /** Share of the points held out to test on (never trained on). */
  const testFraction = ref(0.2)

  /** Why the last options could not make a dataset (the previous one stays), or null. */
  const problem = ref<string | null>(null)
  const dataset = shallowRef<DatasetJSON>({ classes: [], train: [], test: [] })

  const info = computed(() => getPreset(preset.value))
  /** Whether this preset lets the learner choose how many classes. */
  const classesAdjustable = computed(() => info.value.classRange[0] !== info.value.classRange[1])

  // A new preset starts from its own defaults: moons' noise is far too much for circles.
  watch(preset, (name) => {
    const d = getPreset(name).defaults
    count.value = d.n
    noise.value = d.noise
    classCount.value = d.classes
  })

  watchEffect(() => {
    try {
      dataset.value = generatePresetDataset(preset.value, {
        n: count.value,
        noise: noise.value,
        seed: seed.value,
        classes: classesAdjustable.value ? classCount.value : undefined,
        testFraction: testFraction.value,
      })
      problem.value = null
    } catch (e) {
      problem.value = `${e instanceof Error ? e.message : String(e)}. The plot keeps the previous data.`
    }
  })

  const classes = computed(() => dataset.value.classes)

  return {
    preset,
    count,
    noise,
    classCount,
    seed,
    testFraction,
    problem,
    dataset,
    info,
    classesAdjustable,
    classes,
  }
})

export { PRESETS }

import { beforeEach, describe, expect, it } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { nextTick } from 'vue'
import { parameterCount } from '../../shared/src/nn/mlp.ts'
import { createModelFile } from '../../shared/src/train/index.ts'
import { useDatasetStore } from './dataset.ts'
import { MAX_HIDDEN_LAYERS, MAX_UNITS, useNetworkStore } from './network.ts'

beforeEach(() => setActivePinia(createPinia()))

describe('network store', () => {
  it('describes the default network and counts its parameters as the model file does', () => {
    const net = useNetworkStore()
    expect(net.shape).toBe('2 → 8 → 8 → 1')
    const file = createModelFile({ dataset: useDatasetStore().dataset, layers: net.layers, seed: net.seed })
    expect(net.parameterCount).toBe(parameterCount(file.network))
  })

  it('has one output for two classes and one per class beyond', async () => {
    const net = useNetworkStore()
    const data = useDatasetStore()
    data.preset = 'gaussians'
    // A new preset resets the class count to its default, so choose the count after that.
    await nextTick()
    data.classCount = 4
    await nextTick()
    expect(net.outputUnits).toBe(4)
    expect(net.layers.at(-1)!.units).toBe(4)
  })

  it('keeps layer edits within bounds', () => {
    const net = useNetworkStore()
    net.setUnits(0, 0)
    expect(net.hidden[0].units).toBe(1)
    expect(net.problem).toBe(`A layer has 1 to ${MAX_UNITS} units, a whole number: 0 became 1.`)
    net.setUnits(0, 1000)
    expect(net.hidden[0].units).toBe(MAX_UNITS)
    expect(net.problem).toBe(`A layer has 1 to ${MAX_UNITS} units, a whole number: 1000 became ${MAX_UNITS}.`)
    net.setUnits(0, 1000)
    expect(net.problem).toMatch(/1000 became/)
    net.setUnits(0, 12)
    expect(net.problem).toBeNull()
    net.setUnits(0, 1000)
    net.setUnits(0, Number.NaN)
    expect(net.hidden[0].units).toBe(MAX_UNITS)
    for (let i = 0; i < 10; i++) net.addLayer()
    expect(net.hidden).toHaveLength(MAX_HIDDEN_LAYERS)
    for (let i = 0; i < 10; i++) net.removeLayer()
    expect(net.hidden).toHaveLength(0)
    expect(net.shape).toBe('2 → 1')
  })
})

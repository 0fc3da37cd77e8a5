import { beforeEach, describe, expect, it } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { nextTick } from 'vue'
import { getPreset } from '../../shared/src/data/index.ts'
import { useDatasetStore } from './dataset.ts'

beforeEach(() => setActivePinia(createPinia()))

describe('dataset store', () => {
  it('starts with the moons preset split 80/20', () => {
    const data = useDatasetStore()
    expect(data.preset).toBe('moons')
    expect(data.classes).toEqual(['blue', 'orange'])
    expect(data.dataset.train).toHaveLength(160)
    expect(data.dataset.test).toHaveLength(40)
    expect(data.problem).toBeNull()
  })

  it('keeps the previous data and explains why when an option is impossible', async () => {
    const data = useDatasetStore()
    const before = data.dataset
    data.count = 0
    await nextTick()
    expect(data.dataset).toBe(before)
    expect(data.problem).toMatch(/n must be a whole number.*keeps the previous data/)
    data.count = 50
    await nextTick()
    expect(data.problem).toBeNull()
    expect(data.dataset.train.length + data.dataset.test.length).toBe(50)
  })

  it('starts a new preset from its own defaults, with adjustable classes where it allows them', async () => {
    const data = useDatasetStore()
    data.noise = 0.4
    data.preset = 'gaussians'
    await nextTick()
    const d = getPreset('gaussians').defaults
    expect(data.noise).toBe(d.noise)
    expect(data.classesAdjustable).toBe(true)
    expect(data.classes).toHaveLength(d.classes)
    data.classCount = 5
    await nextTick()
    expect(new Set([...data.dataset.train, ...data.dataset.test].map((p) => p[2])).size).toBe(5)
  })
})

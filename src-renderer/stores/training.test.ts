import { beforeEach, describe, expect, it } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { nextTick } from 'vue'
import type { BoundaryGrid, TrainerEvent } from '../../shared/src/ipc.ts'
import type { EpochMetrics, ModelFile } from '../../shared/src/model-file/types.ts'
import { createWebApi } from '../bridge/web.ts'
import { inThreadWorker, scriptedApi } from '../testing/fakes.ts'
import { useDatasetStore } from './dataset.ts'
import { useNetworkStore } from './network.ts'
import { useTrainingStore } from './training.ts'

const grid: BoundaryGrid = {
  size: 1,
  xMin: 0,
  xMax: 1,
  yMin: 0,
  yMax: 1,
  outputs: 1,
  values: new Float32Array(1),
}
const metric = (epoch: number): EpochMetrics => ({
  epoch,
  trainLoss: 1 / epoch,
  trainAccuracy: 0.5 + epoch / 100,
})
const progress = (epoch: number, epochs: number[], running = true): TrainerEvent => ({
  type: 'progress',
  running,
  epoch,
  metrics: epochs.map(metric),
  grid,
})
/** Lets promise chains and watchers settle. */
const settle = async () => {
  for (let i = 0; i < 5; i++) await nextTick()
}

beforeEach(() => setActivePinia(createPinia()))

describe('training store with a scripted trainer', () => {
  it('loads a model built from the data and network stores on connect', async () => {
    const fake = scriptedApi()
    const training = useTrainingStore()
    await training.connect(fake.api)
    expect(fake.names()).toEqual(['setPace', 'loadModel'])
    const file = fake.calls[1].args[0] as ModelFile
    const data = useDatasetStore()
    expect(file.dataset.train).toEqual(data.dataset.train)
    expect(file.network.inputs).toEqual(['x1', 'x2'])
    expect(file.network.layers.map((l) => l.weights.length)).toEqual(
      useNetworkStore().layers.map((l) => l.units),
    )
    expect(file.training.optimizer).toMatchObject({ type: 'adam', learningRate: training.learningRate })
    expect(file.training.epoch).toBe(0)
    expect(training.loaded).toBe(true)
  })

  it('builds the same initial weights for the same seed, different ones for another', async () => {
    const training = useTrainingStore()
    const a = training.modelFile()
    expect(training.modelFile().network).toEqual(a.network)
    useNetworkStore().seed = 2
    expect(training.modelFile().network).not.toEqual(a.network)
  })

  it('follows progress: epoch, history, latest metrics and grid', async () => {
    const fake = scriptedApi()
    const training = useTrainingStore()
    await training.connect(fake.api)
    fake.emit(progress(0, [], false))
    const run = training.run
    fake.emit(progress(2, [1, 2]))
    fake.emit(progress(3, [3]))
    expect(training.epoch).toBe(3)
    expect(training.running).toBe(true)
    expect(training.history.entries.map((m) => m.epoch)).toEqual([1, 2, 3])
    expect(training.latest).toEqual(metric(3))
    expect(training.grid).toBe(grid)
    expect(training.run).toBe(run)

    // A reset: the trainer reports epoch 0 again, and the history starts over.
    fake.emit(progress(0, [], false))
    expect(training.history.entries).toEqual([])
    expect(training.latest).toBeNull()
    expect(training.run).toBe(run + 1)
  })

  it('plays, pauses and toggles through the API', async () => {
    const fake = scriptedApi()
    const training = useTrainingStore()
    await training.connect(fake.api)
    await training.toggle()
    expect(training.running).toBe(true)
    await training.toggle()
    expect(training.running).toBe(false)
    await training.step()
    await training.reset()
    expect(fake.names()).toEqual(['setPace', 'loadModel', 'play', 'pause', 'step', 'reset'])
    expect(fake.calls[4].args).toEqual([1])
  })

  it('sends the pace on connect and whenever speed or the stop epoch changes, without reloading', async () => {
    const fake = scriptedApi()
    const training = useTrainingStore()
    await training.connect(fake.api)
    expect(fake.calls[0]).toEqual({ name: 'setPace', args: [{ epochsPerSecond: null, stopAtEpoch: 10_000 }] })
    training.speed = 30
    training.stopAt = 1000
    await settle()
    expect(fake.names()).toEqual(['setPace', 'loadModel', 'setPace'])
    expect(fake.calls[2].args[0]).toEqual({ epochsPerSecond: 30, stopAtEpoch: 1000 })
  })

  it('sends hyperparameter changes while loaded, without reloading', async () => {
    const fake = scriptedApi()
    const training = useTrainingStore()
    await training.connect(fake.api)
    training.learningRate = 0.1
    training.batchSize = 20
    await settle()
    expect(fake.names()).toEqual(['setPace', 'loadModel', 'updateTraining'])
    expect(fake.calls[2].args[0]).toMatchObject({
      optimizer: { type: 'adam', learningRate: 0.1 },
      batchSize: 20,
    })
    training.optimizer = 'sgd'
    training.momentum = 0.5
    await settle()
    expect(fake.calls.at(-1)!.args[0]).toMatchObject({
      optimizer: { type: 'sgd', learningRate: 0.1, momentum: 0.5 },
    })
  })

  it('reloads at epoch 0 when the network or the data changes', async () => {
    const fake = scriptedApi()
    const training = useTrainingStore()
    await training.connect(fake.api)
    useNetworkStore().addLayer()
    await settle()
    expect(fake.names()).toEqual(['setPace', 'loadModel', 'loadModel'])
    expect((fake.calls[2].args[0] as ModelFile).network.layers).toHaveLength(4)
    useDatasetStore().count = 100
    await settle()
    expect(fake.names()).toEqual(['setPace', 'loadModel', 'loadModel', 'loadModel'])
    expect(
      (fake.calls[3].args[0] as ModelFile).dataset.train.length +
        (fake.calls[3].args[0] as ModelFile).dataset.test.length,
    ).toBe(100)
  })

  it('shows divergence and refused commands in the banner; a new learning rate clears it', async () => {
    const fake = scriptedApi()
    const training = useTrainingStore()
    await training.connect(fake.api)
    await training.play()
    fake.emit({
      type: 'diverged',
      epoch: 12,
      message: 'Loss became NaN at epoch 12: lower the learning rate.',
    })
    expect(training.running).toBe(false)
    expect(training.error).toMatch(/NaN at epoch 12/)
    training.learningRate = 0.001
    await settle()
    expect(training.error).toBeNull()

    fake.failNext('play', 'No model is loaded yet: load one before training.')
    await training.play()
    expect(training.running).toBe(false)
    expect(training.error).toMatch(/No model is loaded/)
    training.dismissError()
    expect(training.error).toBeNull()
  })

  it('explains a network it cannot build instead of throwing', async () => {
    const fake = scriptedApi()
    const training = useTrainingStore()
    await training.connect(fake.api)
    useNetworkStore().seed = Number.NaN
    await settle()
    expect(training.error).toMatch(/Could not build the network: .*seed/i)
    expect(fake.names()).toEqual(['setPace', 'loadModel'])
  })

  it('stops listening after disconnect', async () => {
    const fake = scriptedApi()
    const training = useTrainingStore()
    await training.connect(fake.api)
    expect(fake.listenerCount()).toBe(1)
    training.disconnect()
    expect(fake.listenerCount()).toBe(0)
    await training.play()
    expect(training.error).toMatch(/not connected/)
  })
})

describe('training store with the real trainer', () => {
  it('steps, resets to epoch 0, and steps to the same first loss', async () => {
    const worker = inThreadWorker()
    try {
      const training = useTrainingStore()
      await training.connect(createWebApi(worker.port))
      const waitFor = async (check: () => boolean) => {
        for (let i = 0; i < 600 && !check(); i++) await new Promise((r) => setTimeout(r, 5))
        expect(check()).toBe(true)
      }
      await waitFor(() => training.grid !== null)
      await training.step()
      await waitFor(() => training.epoch === 1)
      const firstLoss = training.latest!.trainLoss
      await training.step()
      await waitFor(() => training.epoch === 2)
      await training.reset()
      await waitFor(() => training.epoch === 0 && training.history.entries.length === 0)
      await training.step()
      await waitFor(() => training.epoch === 1)
      expect(training.latest!.trainLoss).toBe(firstLoss)
      expect(training.error).toBeNull()
    } finally {
      worker.dispose()
    }
  })
})

describe('training store and the shape of the data', () => {
  it('falls back from cross-entropy to MSE when the data goes back to two classes', async () => {
    const fake = scriptedApi()
    const training = useTrainingStore()
    await training.connect(fake.api)
    const data = useDatasetStore()
    data.preset = 'gaussians'
    await settle()
    training.loss = 'cross_entropy'
    await settle()
    data.preset = 'moons'
    await settle()
    expect(training.loss).toBe('mse')
    expect(training.error).toBeNull()
    const last = fake.calls.filter((c) => c.name === 'loadModel').at(-1)!.args[0] as ModelFile
    expect(last.training.loss).toBe('mse')
    expect(last.network.layers.at(-1)!.weights).toHaveLength(1)
  })
})

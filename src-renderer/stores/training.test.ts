import { beforeEach, describe, expect, it } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { nextTick } from 'vue'
import type { BoundaryGrid, TrainerEvent } from '../../shared/src/ipc.ts'
import type { EpochMetrics, ModelFile } from '../../shared/src/model-file/types.ts'
import { validateTrainingPatch } from '../../shared/src/ipc-validate.ts'
import { createWebApi } from '../bridge/web.ts'
import { inThreadWorker, scriptedApi } from '../testing/fakes.ts'
import { useConfirmStore } from './confirm.ts'
import { useDatasetStore } from './dataset.ts'
import { useNetworkStore } from './network.ts'
import { DATASET_EVERY_MS, tenthOf, useTrainingStore } from './training.ts'

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
const progress = (
  epoch: number,
  epochs: number[],
  running = true,
): Extract<TrainerEvent, { type: 'progress' }> => ({
  type: 'progress',
  running,
  epoch,
  metrics: epochs.map(metric),
  grid,
})
/** Lets a throttled dataset send go out (see DATASET_EVERY_MS), then settles. */
const afterSend = async () => {
  await new Promise((r) => setTimeout(r, DATASET_EVERY_MS + 20))
  await settle()
}
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
    expect(fake.names()).toEqual(['setPace', 'watch', 'setView', 'loadModel'])
    const file = fake.calls.find((c) => c.name === 'loadModel')!.args[0] as ModelFile
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
    expect(fake.names()).toEqual([
      'setPace',
      'watch',
      'setView',
      'loadModel',
      'play',
      'pause',
      'step',
      'reset',
    ])
    expect(fake.calls[6].args).toEqual([1])
  })

  it('sends the pace on connect and whenever speed or the stop epoch changes, without reloading', async () => {
    const fake = scriptedApi()
    const training = useTrainingStore()
    await training.connect(fake.api)
    expect(fake.calls[0]).toEqual({ name: 'setPace', args: [{ epochsPerSecond: null, stopAtEpoch: 10_000 }] })
    training.speed = 30
    training.stopAt = 1000
    await settle()
    expect(fake.names()).toEqual(['setPace', 'watch', 'setView', 'loadModel', 'setPace'])
    expect(fake.calls[4].args[0]).toEqual({ epochsPerSecond: 30, stopAtEpoch: 1000 })
  })

  it('sends hyperparameter changes while loaded, without reloading', async () => {
    const fake = scriptedApi()
    const training = useTrainingStore()
    await training.connect(fake.api)
    training.learningRate = 0.1
    training.batchSize = 20
    await settle()
    expect(fake.names()).toEqual(['setPace', 'watch', 'setView', 'loadModel', 'updateTraining'])
    expect(fake.calls[4].args[0]).toMatchObject({
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

  it('reloads at epoch 0 when the network changes; edited data goes to the trainer in place', async () => {
    const fake = scriptedApi()
    const training = useTrainingStore()
    await training.connect(fake.api)
    useNetworkStore().addLayer()
    await settle()
    expect(fake.names()).toEqual(['setPace', 'watch', 'setView', 'loadModel', 'loadModel'])
    expect((fake.calls[4].args[0] as ModelFile).network.layers).toHaveLength(4)
    const data = useDatasetStore()
    data.count = 100
    await afterSend()
    // A new preset is a data edit too: no reload, the weights stay; the plot's square goes along.
    expect(fake.names().slice(5)).toEqual(['updateDataset', 'setView'])
    const sent = fake.calls[5].args[0] as ModelFile['dataset']
    expect(sent.train.length + sent.test.length).toBe(100)
    data.addPoints([[0.5, 0.5]], 1)
    await afterSend()
    expect(fake.names().at(-1)).toBe('updateDataset')
    expect(fake.names().filter((n) => n === 'loadModel')).toHaveLength(2)
  })

  it('sends one dataset at a time while a stroke edits faster than the trainer answers', async () => {
    const fake = scriptedApi()
    const training = useTrainingStore()
    await training.connect(fake.api)
    let answer: () => void = () => {}
    fake.api.updateDataset = (d) => {
      fake.calls.push({ name: 'updateDataset', args: [d] })
      return new Promise<void>((resolve) => (answer = resolve))
    }
    const data = useDatasetStore()
    data.beginStroke('Brush stroke')
    for (let i = 0; i < 10; i++) {
      data.addPoints([[i / 10, 0]], 0)
      await settle()
    }
    await afterSend()
    expect(fake.names().filter((n) => n === 'updateDataset')).toHaveLength(1)
    answer()
    await afterSend()
    const sends = fake.calls.filter((c) => c.name === 'updateDataset')
    expect(sends).toHaveLength(2)
    // The second carries the latest points, all ten.
    expect(
      (sends[1].args[0] as ModelFile['dataset']).train.length +
        (sends[1].args[0] as ModelFile['dataset']).test.length,
    ).toBe(210)
    answer()
    data.endStroke()
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
    // Only a divergence is answered by a new setting: this message stays until dismissed.
    training.learningRate = 0.003
    await settle()
    expect(training.error).toMatch(/No model is loaded/)
    training.dismissError()
    expect(training.error).toBeNull()
  })

  it('after a worker error, is not left playing and reloads the model on the next play', async () => {
    const fake = scriptedApi()
    const training = useTrainingStore()
    await training.connect(fake.api)
    await training.play()
    expect(training.running).toBe(true)
    // What main sends when the worker thread dies: the fresh worker holds no model.
    fake.emit({ type: 'error', message: 'The training worker stopped (exit code 1).' })
    expect(training.running).toBe(false)
    expect(training.error).toMatch(/worker stopped/)
    await training.toggle()
    expect(fake.names()).toEqual(['setPace', 'watch', 'setView', 'loadModel', 'play', 'loadModel', 'play'])
  })

  it('explains a network it cannot build instead of throwing', async () => {
    const fake = scriptedApi()
    const training = useTrainingStore()
    await training.connect(fake.api)
    useNetworkStore().seed = Number.NaN
    await settle()
    expect(training.error).toMatch(/Could not build the network: .*seed/i)
    expect(fake.names()).toEqual(['setPace', 'watch', 'setView', 'loadModel'])
  })

  it('lets only the latest load decide whether the model is loaded', async () => {
    const fake = scriptedApi()
    const training = useTrainingStore()
    await training.connect(fake.api)
    // The next load answers late; meanwhile a network that cannot be built asks for another load.
    let answer: () => void = () => {}
    fake.api.loadModel = () => new Promise<void>((resolve) => (answer = resolve))
    const slow = training.load()
    useNetworkStore().seed = Number.NaN
    await settle()
    expect(training.loaded).toBe(false)
    answer()
    expect(await slow).toBe(false)
    expect(training.loaded).toBe(false)
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

describe('regularization and schedule controls', () => {
  /** The training changes sent so far, each checked by the validator main and the worker use. */
  const updates = (fake: ReturnType<typeof scriptedApi>) =>
    fake.calls.filter((c) => c.name === 'updateTraining').map((c) => validateTrainingPatch(c.args[0]))

  it('turns L1 or L2 on with the chosen rate, one penalty at a time, and keeps the rate while off', async () => {
    const fake = scriptedApi()
    const training = useTrainingStore()
    await training.connect(fake.api)
    expect(training.regularization).toBe('none')
    expect(training.regularizationRate).toBe(0.001)
    expect((fake.calls.find((c) => c.name === 'loadModel')!.args[0] as ModelFile).training).toMatchObject({
      l1: 0,
      l2: 0,
    })

    training.regularization = 'l2'
    await settle()
    expect(updates(fake).at(-1)).toMatchObject({ l1: 0, l2: 0.001 })
    training.regularizationRate = 0.03
    await settle()
    expect(updates(fake).at(-1)).toMatchObject({ l1: 0, l2: 0.03 })
    training.regularization = 'l1'
    await settle()
    expect(updates(fake).at(-1)).toMatchObject({ l1: 0.03, l2: 0 })
    training.regularization = 'none'
    await settle()
    expect(updates(fake).at(-1)).toMatchObject({ l1: 0, l2: 0 })
    // One change, one message: switching L1 → L2 does not send an in-between state.
    expect(updates(fake)).toHaveLength(4)

    // The rate can be chosen while off; it applies when a penalty is turned on.
    training.regularizationRate = 0.1
    await settle()
    expect(training.regularization).toBe('none')
    training.regularization = 'l1'
    await settle()
    expect(updates(fake).at(-1)).toMatchObject({ l1: 0.1, l2: 0 })
  })

  it('shows a penalty set from elsewhere (a loaded file) as the selected one', () => {
    const training = useTrainingStore()
    training.l2 = 0.0001
    expect(training.regularization).toBe('l2')
    expect(training.regularizationRate).toBe(0.0001)
  })

  it('sends a constant schedule by default and builds the model file with it', async () => {
    const fake = scriptedApi()
    const training = useTrainingStore()
    await training.connect(fake.api)
    expect((fake.calls.find((c) => c.name === 'loadModel')!.args[0] as ModelFile).training.schedule).toEqual({
      type: 'constant',
    })
    training.learningRate = 0.1
    await settle()
    expect(updates(fake).at(-1)!.schedule).toEqual({ type: 'constant' })
  })

  it('linear decay starts at a tenth of the learning rate over 100 epochs, sent in one change', async () => {
    const fake = scriptedApi()
    const training = useTrainingStore()
    await training.connect(fake.api)
    training.learningRate = 0.003
    await settle()
    training.schedule = 'linear'
    await settle()
    expect(updates(fake)).toHaveLength(2)
    expect(updates(fake).at(-1)!.schedule).toEqual({ type: 'linear', finalLearningRate: 0.0003, epochs: 100 })

    training.finalLearningRate = 0
    await settle()
    expect(updates(fake).at(-1)!.schedule).toEqual({ type: 'linear', finalLearningRate: 0, epochs: 100 })
    training.scheduleEpochs = 1000
    await settle()
    expect(updates(fake).at(-1)!.schedule).toEqual({ type: 'linear', finalLearningRate: 0, epochs: 1000 })
    expect(training.modelFile().training.schedule).toEqual({
      type: 'linear',
      finalLearningRate: 0,
      epochs: 1000,
    })

    training.schedule = 'constant'
    await settle()
    expect(updates(fake).at(-1)!.schedule).toEqual({ type: 'constant' })
    expect(fake.names().filter((n) => n === 'loadModel')).toHaveLength(1)
  })

  it('a final rate left at its default follows the learning rate; a chosen one stays', async () => {
    const fake = scriptedApi()
    const training = useTrainingStore()
    await training.connect(fake.api)
    training.schedule = 'linear'
    training.learningRate = 1
    await settle()
    expect(updates(fake).at(-1)!.schedule).toEqual({ type: 'linear', finalLearningRate: 0.1, epochs: 100 })
    expect(updates(fake)).toHaveLength(1)
    training.finalLearningRate = 0.01
    training.learningRate = 0.3
    await settle()
    expect(updates(fake).at(-1)).toMatchObject({
      optimizer: { learningRate: 0.3 },
      schedule: { type: 'linear', finalLearningRate: 0.01, epochs: 100 },
    })
  })

  it('a tenth of a rate has no binary noise', () => {
    expect(0.003 / 10).not.toBe(0.0003)
    expect(tenthOf(0.003)).toBe(0.0003)
    expect(tenthOf(1)).toBe(0.1)
    expect(tenthOf(0.00001)).toBe(0.000001)
  })

  it('the real trainer takes both mid-run: the reported loss includes the L2 penalty', async () => {
    const worker = inThreadWorker()
    try {
      const api = createWebApi(worker.port)
      const training = useTrainingStore()
      await training.connect(api)
      const waitFor = async (check: () => boolean) => {
        for (let i = 0; i < 600 && !check(); i++) await new Promise((r) => setTimeout(r, 5))
        expect(check()).toBe(true)
      }
      await training.step()
      await waitFor(() => training.epoch === 1)
      const plainLoss = training.latest!.trainLoss
      await training.reset()
      await waitFor(() => training.epoch === 0)

      training.regularization = 'l2'
      training.regularizationRate = 0.1
      training.schedule = 'linear'
      training.scheduleEpochs = 30
      await settle()
      await training.step()
      await waitFor(() => training.epoch === 1)
      // Same initial weights, so the only difference is the penalty 0.1·Σp² > 0.
      expect(training.latest!.trainLoss).toBeGreaterThan(plainLoss)
      const saved = await api.snapshot()
      expect(saved!.training).toMatchObject({
        l1: 0,
        l2: 0.1,
        schedule: { type: 'linear', finalLearningRate: tenthOf(training.learningRate), epochs: 30 },
      })
      expect(training.error).toBeNull()
    } finally {
      worker.dispose()
    }
  })
})

describe('training store and data edits', () => {
  it('sends the first data edit in place, with no reload (the weights are kept)', async () => {
    const fake = scriptedApi()
    const training = useTrainingStore()
    await training.connect(fake.api)
    fake.calls.length = 0
    useDatasetStore().addPoints([[0.1, 0.2]], 0)
    await settle()
    await new Promise((r) => setTimeout(r, 150))
    expect(fake.names()).toEqual(['updateDataset'])
    useDatasetStore().addPoints([[0.3, 0.2]], 1)
    await settle()
    await new Promise((r) => setTimeout(r, 150))
    expect(fake.names()).toEqual(['updateDataset', 'updateDataset'])
  })
})

describe('training store and a refused data edit', () => {
  it('says why the trainer refused the data, and the next edit it takes clears the message', async () => {
    const fake = scriptedApi()
    const training = useTrainingStore()
    await training.connect(fake.api)
    const data = useDatasetStore()
    fake.failNext('updateDataset', 'The training set is empty: add some points before training.')
    data.clearAll()
    await settle()
    await new Promise((r) => setTimeout(r, 150))
    expect(training.error).toMatch(/training set is empty/)
    fake.failNext('updateDataset', '')
    data.addPoints([[0, 0]], 0)
    await settle()
    await new Promise((r) => setTimeout(r, 150))
    expect(training.error).toBeNull()
  })
})

describe('training store putting a saved session back', () => {
  it('shows its settings, trains on exactly where it stopped, and reset starts the model afresh', async () => {
    const worker = inThreadWorker()
    try {
      const api = createWebApi(worker.port)
      const training = useTrainingStore()
      await training.connect(api)
      const waitFor = async (check: () => boolean) => {
        for (let i = 0; i < 600 && !check(); i++) await new Promise((r) => setTimeout(r, 5))
        expect(check()).toBe(true)
      }
      training.optimizer = 'sgd'
      training.learningRate = 0.1
      training.momentum = 0.5
      training.schedule = 'linear'
      training.finalLearningRate = 0.01
      training.batchSize = 20
      await settle()
      for (let i = 0; i < 6; i++) await training.step()
      await waitFor(() => training.epoch === 6)
      const saved = (await api.snapshot())!
      await training.step()
      await waitFor(() => training.epoch === 7)
      const uninterrupted = training.latest!.trainLoss
      // Saved after 6 epochs: now wander off (other settings, more epochs), then open it again.
      training.learningRate = 3
      training.optimizer = 'adam'
      training.batchSize = null
      await settle()
      await training.step()

      expect(await training.loadFile(saved)).toBe(true)
      expect(training.epoch).toBe(6)
      expect(training.history.entries.map((m) => m.epoch)).toEqual([1, 2, 3, 4, 5, 6])
      expect(training.latest).toEqual(saved.history[5])
      expect([training.optimizer, training.learningRate, training.momentum, training.batchSize]).toEqual([
        'sgd',
        0.1,
        0.5,
        20,
      ])
      expect([training.schedule, training.finalLearningRate]).toEqual(['linear', 0.01])
      await settle()
      // Nothing reloaded a fresh model behind its back, and the next epoch is the uninterrupted one.
      await training.step()
      await waitFor(() => training.epoch === 7)
      expect(training.latest!.trainLoss).toBe(uninterrupted)

      await training.reset()
      await waitFor(() => training.epoch === 0)
      expect(training.history.entries).toEqual([])
    } finally {
      worker.dispose()
    }
  })
})

describe('training store and the live weights', () => {
  it('asks for the weights only while a view needs them, and takes only those of the loaded shape', async () => {
    const fake = scriptedApi()
    const training = useTrainingStore()
    await training.connect(fake.api)
    const watches = () => fake.calls.filter((c) => c.name === 'watch').map((c) => c.args[0])
    const off = { parameters: false, neurons: false, points: false, diagnostics: false }
    expect(watches()).toEqual([off])
    const releaseA = training.needParameters()
    const releaseB = training.needParameters()
    await settle()
    expect(watches()).toEqual([off, { ...off, parameters: true }])

    const count = training.loadedNetwork!.layers.reduce(
      (n, l) => n + l.weights.length * (l.weights[0].length + 1),
      0,
    )
    const weights = Float64Array.from({ length: count }, (_, i) => i / 100)
    fake.emit({ ...progress(1, [1]), parameters: weights })
    expect(training.parameters).toBe(weights)
    expect(training.network!.layers[0].weights[0][1]).toBe(0.01)
    // Weights of another shape (a load since) are not this network's.
    fake.emit({ ...progress(2, [2]), parameters: new Float64Array(3) })
    expect(training.parameters).toBe(weights)

    releaseA()
    releaseA()
    await settle()
    expect(watches()).toHaveLength(2)
    releaseB()
    await settle()
    expect(watches().at(-1)).toEqual(off)
    expect(training.parameters).toBeNull()
  })
})

describe('training store and the shape of the data', () => {
  it('switches to softmax cross-entropy with a notice for more than two classes; mse stays selectable', async () => {
    const fake = scriptedApi()
    const training = useTrainingStore()
    await training.connect(fake.api)
    const data = useDatasetStore()
    data.preset = 'gaussians'
    await settle()
    expect(training.loss).toBe('cross_entropy')
    expect(training.lossNotice).toMatch(/3 classes: the loss is now softmax cross-entropy/)
    // tanh would cap softmax's scores at ±1 (a loss floor of 0.24): the rebuilt output layer is linear.
    expect(training.lossNotice).toMatch(/with a linear output activation/)
    expect(useNetworkStore().outputActivation).toBe('linear')
    let last = fake.calls.filter((c) => c.name === 'loadModel').at(-1)!.args[0] as ModelFile
    expect(last.training.loss).toBe('cross_entropy')
    expect(last.network.layers.at(-1)!.weights).toHaveLength(3)
    // A fourth class: the notice says four.
    data.addClass()
    await settle()
    expect(training.lossNotice).toMatch(/^4 classes: the loss is now softmax cross-entropy/)
    data.undo()
    await settle()
    // One-vs-rest mse on three outputs: a live change, no reload, and the notice goes.
    const loads = fake.names().filter((n) => n === 'loadModel').length
    training.setLoss('mse')
    await settle()
    expect(fake.names().at(-1)).toBe('updateTraining')
    expect(fake.names().filter((n) => n === 'loadModel')).toHaveLength(loads)
    expect(training.lossNotice).toBeNull()
    training.setLoss('cross_entropy')
    await settle()
    expect(training.lossNotice).toBeNull()

    // Back to two classes with cross-entropy: two outputs with softmax.
    training.setLoss('cross_entropy')
    data.preset = 'moons'
    await settle()
    expect(training.loss).toBe('cross_entropy')
    expect(training.lossNotice).toBeNull()
    last = fake.calls.filter((c) => c.name === 'loadModel').at(-1)!.args[0] as ModelFile
    expect(last.network.layers.at(-1)!.weights).toHaveLength(2)
    expect(training.error).toBeNull()
  })

  it('two classes: mse, hinge and logistic take one output, cross-entropy two (a rebuilt output layer)', async () => {
    const fake = scriptedApi()
    const training = useTrainingStore()
    await training.connect(fake.api)
    training.setLoss('hinge')
    await settle()
    expect(fake.names().at(-1)).toBe('updateTraining')
    training.setLoss('cross_entropy')
    await settle()
    const last = fake.calls.at(-1)!
    expect(last.name).toBe('loadModel')
    expect((last.args[0] as ModelFile).training.loss).toBe('cross_entropy')
    expect((last.args[0] as ModelFile).network.layers.at(-1)!.weights).toHaveLength(2)
    expect(useNetworkStore().outputUnits).toBe(2)
    expect(useNetworkStore().outputActivation).toBe('linear')
    // The trainer never saw cross-entropy on a one-output model.
    expect(
      fake.calls
        .filter((c) => c.name === 'updateTraining')
        .every((c) => (c.args[0] as { loss: string }).loss !== 'cross_entropy'),
    ).toBe(true)
  })

  it('asks before an architecture edit once trained; "keep" leaves everything as it was', async () => {
    const fake = scriptedApi()
    const training = useTrainingStore()
    await training.connect(fake.api)
    const net = useNetworkStore()
    fake.emit(progress(5, [1, 2, 3, 4, 5], false))
    const confirm = useConfirmStore()
    net.addLayer()
    await settle()
    expect(confirm.pending?.what).toBe('Add hidden layer')
    expect(net.hidden).toHaveLength(2)
    confirm.keep()
    await settle()
    expect(net.hidden).toHaveLength(2)
    expect(fake.names().filter((n) => n === 'loadModel')).toHaveLength(1)
    net.addLayer()
    confirm.accept()
    await settle()
    expect(net.hidden).toHaveLength(3)
    expect(fake.names().at(-1)).toBe('loadModel')
    // Data edits never ask: they keep the weights.
    fake.emit(progress(7, [6, 7], false))
    useDatasetStore().addPoints([[0, 0]], 0)
    expect(confirm.pending).toBeNull()
  })

  it('asks for neuron grids and point outputs only while views need them, and drops stale ones', async () => {
    const fake = scriptedApi()
    const training = useTrainingStore()
    await training.connect(fake.api)
    const release = [training.needNeurons(), training.needPoints()]
    await settle()
    expect(fake.calls.filter((c) => c.name === 'watch').at(-1)!.args[0]).toEqual({
      parameters: false,
      neurons: true,
      points: true,
      diagnostics: false,
    })
    const d = useDatasetStore().dataset
    const stats = (n: number) => ({ predicted: new Uint8Array(n), loss: new Float32Array(n) })
    const units = training.loadedNetwork!.layers.map((l) => l.weights.length)
    const neurons = { size: 2, xMin: 0, xMax: 1, yMin: 0, yMax: 1, units, values: new Float32Array(4 * 17) }
    fake.emit({
      ...progress(1, [1]),
      neurons,
      points: { train: stats(d.train.length), test: stats(d.test.length) },
    })
    expect(training.neurons).toBe(neurons)
    expect(training.points?.train.loss).toHaveLength(d.train.length)
    // Outputs for more points than there are (sent before an erase arrived) are dropped.
    fake.emit({ ...progress(2, [2]), points: { train: stats(d.train.length + 1), test: stats(1) } })
    expect(training.points).toBeNull()
    release.forEach((r) => r())
    await settle()
    expect(training.neurons).toBeNull()
    expect(fake.calls.filter((c) => c.name === 'watch').at(-1)!.args[0]).toEqual({
      parameters: false,
      neurons: false,
      points: false,
      diagnostics: false,
    })
  })
})

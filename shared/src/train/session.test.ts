import { describe, expect, it } from 'vitest'
import { makeMoons } from '../data/moons.ts'
import { MLP, type LayerSpec } from '../nn/mlp.ts'
import type { ModelFile, Point } from '../model-file/types.ts'
import { parseModelFile, serializeModelFile } from '../model-file/index.ts'
import { createRng } from '../random.ts'
import { microgradModelFile, notebookModelFile } from '../testing/fixtures.ts'
import { createModelFile, type NewModelOptions } from './new-model.ts'
import { TrainingSession } from './session.ts'

/** Through the file format itself, as saving and opening in the app does. */
const roundTrip = (file: ModelFile): ModelFile => parseModelFile(serializeModelFile(file))

function moonsFile(n: number, seed: number, rest: Partial<NewModelOptions> = {}): ModelFile {
  const points = makeMoons(n, 0.15, seed)
  const test = rest.dataset ? [] : points.splice(0, Math.floor(n / 4))
  return notebookModelFile({ dataset: { classes: ['blue', 'orange'], train: points, test }, seed, ...rest })
}

const weights = (s: TrainingSession) => s.network.layers

describe('createModelFile', () => {
  it('draws weights from createRng(seed) like new MLP, with the documented defaults', () => {
    const layers: LayerSpec[] = [
      { units: 3, activation: 'relu', init: 'he' },
      { units: 1, activation: 'linear' },
    ]
    const file = createModelFile({ dataset: { classes: ['a', 'b'], train: [], test: [] }, layers, seed: 9 })
    expect(file.network.layers).toEqual(new MLP(2, layers, createRng(9).next).toJSON().layers)
    expect(file.network.layers.map((l) => l.activation)).toEqual(['relu', 'linear'])
    expect(file.network.inputs).toEqual(['x1', 'x2'])
    expect(file.training).toEqual({
      loss: 'mse',
      optimizer: { type: 'sgd', learningRate: 0.01, momentum: 0 },
      schedule: { type: 'constant' },
      batchSize: null,
      l1: 0,
      l2: 0,
      seed: 9,
      epoch: 0,
    })
    expect(file.history).toEqual([])
  })

  it('explains a bad layer or a class the network cannot represent', () => {
    const dataset = { classes: ['a', 'b', 'c'], train: [[0, 0, 2]] as Point[], test: [] }
    expect(() => createModelFile({ dataset, layers: [{ units: 1, activation: 'tanh' }], seed: 1 })).toThrow(
      /class 2.*one unit per class/,
    )
    expect(() => createModelFile({ dataset, layers: [], seed: 1 })).toThrow(/at least one layer/)
  })
})

describe('TrainingSession on the notebook moons', () => {
  it('MLP(2, [4, 1]) tanh + MSE, SGD 0.01, full batch: the loss falls steadily over 100 epochs', () => {
    const file = moonsFile(200, 42, {
      dataset: { classes: ['blue', 'orange'], train: makeMoons(200, 0.15, 42), test: [] },
    })
    const session = TrainingSession.fromModelFile(file)
    const h = session.step(100)
    expect(h).toHaveLength(100)
    expect(h.map((m) => m.epoch)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1))
    expect(h[99].trainLoss).toBeLessThan(0.7 * h[0].trainLoss)
    const rises = h.filter((m, i) => i > 0 && m.trainLoss > h[i - 1].trainLoss).length
    expect(rises).toBeLessThan(5)
    expect(h[99].trainAccuracy).toBeGreaterThan(0.7)
    expect(h[99].testLoss).toBeUndefined()
    expect(session.epoch).toBe(100)
    expect(session.history).toEqual(h)
  })

  it("micrograd's demo: 16-16-1 ReLU, hinge + 1e-4·L2, lr 1.0 → 0.1: ≥ 98 % training accuracy within 100 epochs", () => {
    // Checked for seeds 1–8 while writing this (all reach 98 % by epoch 38); two keep the suite fast.
    for (const seed of [1, 2]) {
      const file = microgradModelFile({
        dataset: { classes: ['a', 'b'], train: makeMoons(100, 0.1, seed), test: [] },
        seed,
      })
      const session = TrainingSession.fromModelFile(file)
      let best = 0
      while (session.epoch < 100 && best < 0.98) best = Math.max(best, session.step(1)[0].trainAccuracy)
      expect(best, `seed ${seed}`).toBeGreaterThanOrEqual(0.98)
    }
  }, 60_000) // the Value engine is slow and this machine is shared: no timing is asserted here
})

describe('saving and continuing', () => {
  const variants: [string, Partial<NewModelOptions>][] = [
    ['full batch, SGD', {}],
    [
      'mini-batches of 7, Adam with weight decay, cross-entropy on 2 outputs, L1 + L2',
      {
        layers: [
          { units: 5, activation: 'tanh' },
          { units: 2, activation: 'linear' },
        ],
        training: {
          loss: 'cross_entropy',
          batchSize: 7,
          l1: 1e-3,
          l2: 1e-3,
          optimizer: {
            type: 'adam',
            learningRate: 0.02,
            beta1: 0.9,
            beta2: 0.999,
            epsilon: 1e-8,
            weightDecay: 0.01,
          },
        },
      },
    ],
    [
      'mini-batches of 8, SGD with momentum, linear schedule, hinge',
      {
        training: {
          loss: 'hinge',
          batchSize: 8,
          optimizer: { type: 'sgd', learningRate: 0.1, momentum: 0.9 },
          schedule: { type: 'linear', finalLearningRate: 0.01, epochs: 60 },
        },
      },
    ],
  ]

  it.each(variants)('50 epochs, save, load, 50 more equals 100 straight (%s)', (_name, options) => {
    const file = moonsFile(40, 5, options)
    const straight = TrainingSession.fromModelFile(file)
    straight.step(100)

    const first = TrainingSession.fromModelFile(roundTrip(file))
    first.step(50)
    const saved = roundTrip(first.toModelFile())
    expect(saved.training.epoch).toBe(50)
    expect(saved.history).toHaveLength(50)
    const resumed = TrainingSession.fromModelFile(saved)
    resumed.step(50)

    expect(resumed.history).toEqual(straight.history)
    expect(weights(resumed)).toEqual(weights(straight))
    expect(resumed.toModelFile()).toEqual(straight.toModelFile())
    expect(straight.history[99].testLoss).toBeTypeOf('number')
  })

  it('mini-batch order comes from the seed: another seed trains differently', () => {
    const opts = { training: { batchSize: 5, seed: 1 } }
    const a = TrainingSession.fromModelFile(moonsFile(40, 5, opts))
    const b = TrainingSession.fromModelFile(moonsFile(40, 5, { training: { batchSize: 5, seed: 2 } }))
    expect(a.step(3)).not.toEqual(b.step(3))
  })

  it('does not share arrays with the file it came from or the file it gives', () => {
    const file = moonsFile(20, 3)
    const before = JSON.stringify(file)
    const session = TrainingSession.fromModelFile(file)
    session.step(2)
    expect(JSON.stringify(file)).toBe(before)
    const out = session.toModelFile()
    out.network.layers[0].weights[0][0] = 1e9
    out.history[0].trainLoss = -1
    expect(session.network.layers[0].weights[0][0]).not.toBe(1e9)
    expect(session.history[0].trainLoss).not.toBe(-1)
    file.dataset.train[0][0] = 99
    expect(session.toModelFile().dataset.train[0][0]).not.toBe(99)
  })
})

describe('divergence', () => {
  function explosive(): ModelFile {
    return moonsFile(30, 4, {
      layers: [
        { units: 8, activation: 'relu' },
        { units: 1, activation: 'linear' },
      ],
      training: { optimizer: { type: 'sgd', learningRate: 1e6, momentum: 0 } },
    })
  }

  it('rolls back the epoch that blew up, explains it, and waits for a change', () => {
    const session = TrainingSession.fromModelFile(explosive())
    const done = session.step(50)
    expect(done.length).toBeLessThan(50)
    expect(session.divergence).not.toBeNull()
    const { epoch, message } = session.divergence!
    expect(epoch).toBe(done.length + 1)
    // Weights of ~1e24 survive the first epochs at this rate, so the message asks for a reset.
    expect(message).toMatch(new RegExp(`at epoch ${epoch}: the weights are already huge`))
    expect(message).toMatch(/learning rate that was too high \(it is 1000000 now\)\. Press reset, lower/)
    for (const m of session.history)
      expect([m.trainLoss, m.trainAccuracy, m.testLoss, m.testAccuracy].every(Number.isFinite)).toBe(true)

    // The weights are those after the last completed epoch.
    const twin = TrainingSession.fromModelFile(explosive())
    twin.step(done.length)
    expect(session.network).toEqual(twin.network)
    expect(session.toModelFile()).toEqual(twin.toModelFile())
    expect(session.epoch).toBe(done.length)

    expect(session.step(10)).toEqual([])
    session.update({ optimizer: { type: 'sgd', learningRate: 1e-12, momentum: 0 } })
    expect(session.divergence).toBeNull()
    // The weights kept are already wrecked by the epochs at 1e6: the message now says to reset.
    session.step(3)
    expect(session.divergence?.message).toMatch(/weights are already huge.*Press reset/)
  })

  it('diverging in the first epoch rolls back to the initial weights; a lower rate then trains', () => {
    const file = explosive()
    file.training.optimizer.learningRate = 1e300
    const session = TrainingSession.fromModelFile(file)
    expect(session.step(5)).toEqual([])
    expect(session.divergence).toMatchObject({ epoch: 1 })
    expect(session.divergence!.message).toMatch(/the learning rate 1e\+300 is probably too high/)
    expect(session.network).toEqual(file.network)
    expect(session.epoch).toBe(0)
    session.update({ optimizer: { type: 'sgd', learningRate: 0.01, momentum: 0 } })
    expect(session.divergence).toBeNull()
    const after = session.step(3)
    expect(after.map((m) => m.epoch)).toEqual([1, 2, 3])
    expect(after.every((m) => Number.isFinite(m.trainLoss) && Number.isFinite(m.testLoss))).toBe(true)
  })
})

describe('update between steps', () => {
  it('changing loss, L2 and batch size mid-run equals starting from a file with those settings', () => {
    const file = moonsFile(40, 6)
    const live = TrainingSession.fromModelFile(file)
    live.step(5)
    const snapshot = live.toModelFile()
    live.update({ loss: 'hinge', l2: 0.01, batchSize: 9 })
    live.step(5)

    const edited = roundTrip(snapshot)
    Object.assign(edited.training, { loss: 'hinge', l2: 0.01, batchSize: 9 })
    const fresh = TrainingSession.fromModelFile(edited)
    fresh.step(5)
    expect(live.history).toEqual(fresh.history)
    expect(live.network).toEqual(fresh.network)
  })

  it('keeps momentum when only the rate changes, and starts a new optimizer afresh', () => {
    const session = TrainingSession.fromModelFile(
      moonsFile(20, 2, { training: { optimizer: { type: 'sgd', learningRate: 0.05, momentum: 0.9 } } }),
    )
    session.step(3)
    const velocities = (session.toModelFile().training.optimizer.state as { velocities: number[] }).velocities
    session.update({ optimizer: { type: 'sgd', learningRate: 0.01, momentum: 0.5 } })
    const kept = session.toModelFile().training.optimizer
    expect(kept).toMatchObject({ learningRate: 0.01, momentum: 0.5, state: { velocities } })
    session.update({
      optimizer: {
        type: 'adam',
        learningRate: 0.01,
        beta1: 0.9,
        beta2: 0.999,
        epsilon: 1e-8,
        weightDecay: 0,
      },
    })
    const adam = session.toModelFile().training.optimizer
    expect(adam.type).toBe('adam')
    expect(adam.state).toEqual({ step: 0, m: velocities.map(() => 0), v: velocities.map(() => 0) })
    expect(session.step(2)).toHaveLength(2)
  })

  it('rejects bad values with a clear message and changes nothing', () => {
    const session = TrainingSession.fromModelFile(moonsFile(20, 2))
    const before = session.toModelFile()
    expect(() =>
      session.update({ l2: 0.1, optimizer: { type: 'sgd', learningRate: -1, momentum: 0 } }),
    ).toThrow(/learning rate must be a number greater than 0, got -1/)
    expect(() => session.update({ loss: 'cross_entropy' })).toThrow(/two output units/)
    expect(() => session.update({ batchSize: 2.5 })).toThrow(/batch size/)
    expect(() => session.update({ schedule: { type: 'linear', finalLearningRate: 0.1, epochs: 0 } })).toThrow(
      /schedule length/,
    )
    expect(() => session.update({ l1: Number.NaN })).toThrow(/L1 strength/)
    expect(() => session.update({ momentum: 0.9 } as never)).toThrow(/Unknown training setting "momentum"/)
    expect(session.toModelFile()).toEqual(before)
  })
})

describe('predict and boundary grid', () => {
  it('predict gives the network outputs for (x1, x2) pairs, featurized by the inputs', () => {
    const file = moonsFile(20, 8, {
      inputs: ['x1', 'x2', 'x1*x2', 'sin(x1)'],
      layers: [
        { units: 3, activation: 'tanh' },
        { units: 2, activation: 'linear' },
      ],
    })
    const session = TrainingSession.fromModelFile(file)
    session.step(2)
    const mlp = MLP.fromJSON(session.network)
    const pairs = Float64Array.of(0.3, -0.4, 1.5, 2)
    const out = session.predict(pairs, 2)
    expect(Array.from(out.subarray(0, 2))).toEqual(
      mlp.forward([0.3, -0.4, 0.3 * -0.4, Math.sin(0.3)]).map((v) => v.data),
    )
    expect(Array.from(out.subarray(2, 4))).toEqual(
      mlp.forward([1.5, 2, 1.5 * 2, Math.sin(1.5)]).map((v) => v.data),
    )
  })

  it('boundaryGrid samples cell centres row by row from the top', () => {
    const session = TrainingSession.fromModelFile(moonsFile(20, 8))
    const grid = session.boundaryGrid(3, { xMin: 0, xMax: 3, yMin: -3, yMax: 0 })
    expect(grid).toBeInstanceOf(Float32Array)
    expect(grid).toHaveLength(9)
    // Row 0 is the top (y = −0.5), column 2 the right (x = 2.5).
    expect(grid[2]).toBe(Math.fround(session.predict(Float64Array.of(2.5, -0.5), 1)[0]))
    expect(grid[6]).toBe(Math.fround(session.predict(Float64Array.of(0.5, -2.5), 1)[0]))
    expect(() => session.boundaryGrid(0, { xMin: 0, xMax: 1, yMin: 0, yMax: 1 })).toThrow(/grid size/)
    expect(() => session.boundaryGrid(4, { xMin: 1, xMax: 1, yMin: 0, yMax: 1 })).toThrow(/xMax > xMin/)
  })

  it('reports the parameter count and a confusion matrix', () => {
    const session = TrainingSession.fromModelFile(moonsFile(20, 8))
    expect(session.parameterCount).toBe(2 * 4 + 4 + 4 + 1)
    const m = session.confusion('train')
    expect(m.flat().reduce((a, b) => a + b, 0)).toBe(15)
    expect(
      session
        .confusion('test')
        .flat()
        .reduce((a, b) => a + b, 0),
    ).toBe(5)
  })
})

describe('bad files and calls', () => {
  it('names what is wrong', () => {
    const file = moonsFile(10, 1)
    const broken = (edit: (f: ModelFile) => void) => {
      const f = roundTrip(file)
      edit(f)
      return () => TrainingSession.fromModelFile(f)
    }
    expect(broken((f) => (f.network.inputs = ['x1', 'x3']))).toThrow(/Unknown input feature "x3"/)
    expect(broken((f) => f.network.layers[1].weights[0].pop())).toThrow(/Layer 2, unit 1 has 3 weights/)
    expect(broken((f) => (f.dataset.train[0][2] = 2))).toThrow(/class 2/)
    expect(broken((f) => (f.training.optimizer.state = { velocities: [1] }))).toThrow(/does not belong/)
    expect(broken((f) => (f.training.epoch = -1))).toThrow(/training.epoch/)
  })

  it('step refuses a bad count and an empty training set', () => {
    const session = TrainingSession.fromModelFile(moonsFile(10, 1))
    expect(() => session.step(1.5)).toThrow(/whole number/)
    expect(session.step(0)).toEqual([])
    const empty = createModelFile({
      dataset: { classes: ['a', 'b'], train: [], test: [] },
      layers: [{ units: 1, activation: 'tanh' }],
      seed: 1,
    })
    expect(() => TrainingSession.fromModelFile(empty).step(1)).toThrow(/training set is empty/)
  })
})

describe('a new dataset in place (setDataset)', () => {
  const adam = {
    type: 'adam',
    learningRate: 0.01,
    beta1: 0.9,
    beta2: 0.999,
    epsilon: 1e-8,
    weightDecay: 0,
  } as const

  it('keeps weights, optimizer state, generator, epoch and history; trains on the new points from then on', () => {
    const file = moonsFile(40, 1, { training: { optimizer: { ...adam }, batchSize: 8 } })
    const session = TrainingSession.fromModelFile(file)
    session.step(3)
    const before = session.toModelFile()
    const next = { classes: ['blue', 'orange'], train: makeMoons(60, 0.1, 9), test: makeMoons(6, 0.1, 8) }
    session.setDataset(next)
    const after = session.toModelFile()
    expect(after.network).toEqual(before.network)
    expect(after.training).toEqual(before.training) // optimizer state, rngState and epoch included
    expect(after.history).toEqual(before.history)
    expect(after.dataset).toEqual(next)
    expect(after.dataset.train).not.toBe(next.train) // copied, not shared

    // The next epoch is exactly the one a session starting from that state with those points trains.
    const continued = TrainingSession.fromModelFile({ ...before, dataset: next })
    expect(session.step(2)).toEqual(continued.step(2))
  })

  it('refuses points the network cannot classify and changes nothing', () => {
    const session = TrainingSession.fromModelFile(moonsFile(20, 2))
    const before = session.toModelFile()
    expect(() => session.setDataset({ classes: ['a', 'b', 'c'], train: [[0, 0, 2]], test: [] })).toThrow(
      /class 2, but a network with 1 output unit can only tell 2 classes apart/,
    )
    expect(() => session.setDataset({ classes: ['a', 'b'], train: [[NaN, 0, 0]], test: [] })).toThrow(
      /finite numbers/,
    )
    expect(session.toModelFile()).toEqual(before)
  })
})

describe('looking inside: neuron grids and point outputs', () => {
  it("neuronGrids gives every neuron's own output over the grid cells, the output layer last", () => {
    const file = moonsFile(20, 3, {
      layers: [
        { units: 3, activation: 'relu' },
        { units: 1, activation: 'tanh' },
      ],
    })
    const session = TrainingSession.fromModelFile(file)
    const bounds = { xMin: -2, xMax: 2, yMin: -1, yMax: 3 }
    const values = session.neuronGrids(4, bounds)
    expect(values).toHaveLength(4 * 16)
    const mlp = MLP.fromJSON(file.network)
    // Cell (row 1, column 2): x = -2 + 2.5 / 4 · 4, y = 3 - 1.5 / 4 · 4.
    const [x, y] = [0.5, 1.5]
    const hidden = mlp.layers[0].forward([x, y]).map((v) => v.data)
    const out = mlp.forward([x, y])[0].data
    const cell = 1 * 4 + 2
    hidden.forEach((h, j) => expect(values[j * 16 + cell]).toBeCloseTo(h, 6))
    expect(values[3 * 16 + cell]).toBeCloseTo(out, 6)
    // The output neuron's grid is the boundary grid.
    expect([...values.subarray(48)]).toEqual([...session.boundaryGrid(4, bounds)])
    expect(session.layerUnits).toEqual([3, 1])
  })

  it("pointOutputs gives each point's predicted class and its own loss, train and test", () => {
    const file = moonsFile(24, 4, { training: { loss: 'hinge' } })
    const session = TrainingSession.fromModelFile(file)
    session.step(5)
    const { train, test } = session.pointOutputs()
    expect(train.predicted).toHaveLength(file.dataset.train.length)
    expect(test.loss).toHaveLength(file.dataset.test.length)
    const mlp = MLP.fromJSON(session.network)
    file.dataset.train.forEach(([x1, x2, c], i) => {
      const o = mlp.forward([x1, x2])[0].data
      expect(train.predicted[i]).toBe(o > 0 ? 1 : 0)
      expect(train.loss[i]).toBeCloseTo(Math.max(0, 1 - (c === 1 ? 1 : -1) * o), 5)
    })
    // The mean of the points' losses is the epoch's loss without regularization.
    const mean = train.loss.reduce((a, b) => a + b, 0) / train.loss.length
    const next = session.step(1)[0]
    expect(next.trainLoss).toBeCloseTo(mean, 5)
  })
})

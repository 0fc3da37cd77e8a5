/** Bad input to the public networks and sessions: a clear error, never NaN or a TypeError later. */
import { describe, it, expect } from 'vitest'
import { MLP, TrainingSession, type Activation, type ModelFile, type NetworkJSON } from './index.ts'

describe('MLP refuses what it cannot compute', () => {
  it('a network without layers', () => {
    expect(() => new MLP(2, [])).toThrow(/at least one layer/)
  })

  it('an unknown activation or init (from plain JavaScript)', () => {
    expect(() => new MLP(2, [{ units: 1, activation: 'swish' as Activation }])).toThrow(
      /unknown activation "swish"/,
    )
    expect(() => new MLP(2, [{ units: 1, activation: 'tanh', init: 'zeros' as 'he' }])).toThrow(
      /unknown init "zeros"/,
    )
    const bad = { inputs: ['x1'], layers: [{ activation: 'nope', weights: [[1]], biases: [0] }] }
    expect(() => MLP.fromJSON(bad as unknown as NetworkJSON)).toThrow(/unknown activation "nope"/)
  })

  it('forward with too few or too many inputs', () => {
    const mlp = new MLP(2, [{ units: 1, activation: 'tanh' }], () => 0.3)
    expect(() => mlp.forward([1])).toThrow(/takes 2 inputs, but forward got 1/)
    expect(() => mlp.forward([1, 2, 3])).toThrow(/takes 2 inputs, but forward got 3/)
    expect(Number.isFinite(mlp.forward([1, 2])[0].data)).toBe(true)
  })

  it('fromJSON with rows or biases that do not fit', () => {
    const layer = (weights: number[][], biases: number[]) => ({
      inputs: ['x1', 'x2'],
      layers: [{ activation: 'tanh' as const, weights, biases }],
    })
    expect(() => MLP.fromJSON(layer([[1]], [0]))).toThrow(/unit 1 needs 2 weights/)
    expect(() => MLP.fromJSON(layer([[1, 2, 3]], [0]))).toThrow(/unit 1 needs 2 weights/)
    expect(() => MLP.fromJSON(layer([[1, 2]], []))).toThrow(/1 units but 0 biases/)
    expect(MLP.fromJSON(layer([[1, 2]], [0.5])).forward([1, 1])[0].data).toBe(Math.tanh(3.5))
  })
})

describe('TrainingSession refuses a hand-built file with a clear error', () => {
  it('a layer that is not an object', () => {
    const file: ModelFile = {
      format: 'backprop-studio/model',
      version: 1,
      name: 'hand-built',
      network: { inputs: ['x1', 'x2'], layers: [null as unknown as NetworkJSON['layers'][0]] },
      dataset: { classes: ['a', 'b'], train: [[0, 1, 0]], test: [] },
      training: {
        loss: 'mse',
        optimizer: { type: 'sgd', learningRate: 0.1, momentum: 0 },
        schedule: { type: 'constant' },
        batchSize: null,
        l1: 0,
        l2: 0,
        seed: 1,
        epoch: 0,
      },
      history: [],
    }
    expect(() => TrainingSession.fromModelFile(file)).toThrow(/Layer 1 is not a layer/)
  })
})

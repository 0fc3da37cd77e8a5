// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { generatePresetDataset } from '../../shared/src/data/index.ts'
import type { ModelFile } from '../../shared/src/model-file/types.ts'
import { createModelFile, defaultOptimizer } from '../../shared/src/train/index.ts'
import { runDifferences, runLabel } from './run-label.ts'

const base = (): ModelFile =>
  createModelFile({
    dataset: generatePresetDataset('moons', { n: 50, seed: 1, testFraction: 0.2 }),
    layers: [
      { units: 8, activation: 'tanh' },
      { units: 1, activation: 'tanh' },
    ],
    training: { optimizer: { ...defaultOptimizer('adam'), learningRate: 0.03 } },
    seed: 1,
  })

describe('runLabel', () => {
  it('says "same settings" for the same run, whatever its weights or history', () => {
    const a = base()
    const b = base()
    b.training.epoch = 40
    b.network.layers[0].weights[0][0] = 5
    expect(runLabel(a, b)).toBe('same settings')
  })

  it('names each setting that differs, as a learner reads it', () => {
    const a = base()
    a.training.optimizer.learningRate = 0.3
    a.training.batchSize = 10
    a.network.layers[0].activation = 'relu'
    expect(runLabel(a, base())).toBe('lr 0.3, batch 10, relu')
    const b = base()
    b.training.optimizer = { type: 'sgd', learningRate: 0.03, momentum: 0.9 }
    b.training.l2 = 0.001
    b.training.schedule = { type: 'linear', finalLearningRate: 0.003, epochs: 100 }
    expect(runDifferences(b, base())).toEqual(['SGD', 'momentum 0.9', 'decay to 0.003 over 100', 'L2 0.001'])
  })

  it('tells other data, another shape and other inputs apart', () => {
    const a = base()
    a.dataset.train[0] = [9, 9, 0]
    expect(runLabel(a, base())).toBe('other data')
    const wide = createModelFile({
      dataset: base().dataset,
      inputs: ['x1', 'x2', 'x1^2'],
      layers: [{ units: 1, activation: 'tanh' }],
      training: { optimizer: { ...defaultOptimizer('adam'), learningRate: 0.03 } },
      seed: 1,
    })
    expect(runDifferences(wide, base())).toEqual(['3-1', 'linear model', 'x1, x2, x1^2'])
  })
})

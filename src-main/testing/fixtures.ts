/**
 * Small, valid model files for tests: a 2-4-1 tanh network on two separable clusters, written
 * out by hand so the tests do not depend on the dataset or training helpers.
 */
import { createRng } from '../../shared/src/random.ts'
import type { ModelFile, Point } from '../../shared/src/model-file/types.ts'

/** A model file in the DESIGN.md format with `points` training points, seeded so it is the same every run. */
export function tinyModelFile(points = 40, seed = 7): ModelFile {
  const rng = createRng(seed)
  const cluster = (label: number, cx: number, cy: number): Point => [
    cx + 0.3 * rng.normal(),
    cy + 0.3 * rng.normal(),
    label,
  ]
  const train: Point[] = []
  for (let i = 0; i < points; i++) train.push(i % 2 === 0 ? cluster(0, -1, -1) : cluster(1, 1, 1))
  const test: Point[] = [cluster(0, -1, -1), cluster(1, 1, 1)]
  const weights = (rows: number, cols: number) =>
    Array.from({ length: rows }, () => Array.from({ length: cols }, () => rng.uniform(-1, 1)))
  return {
    format: 'backprop-studio/model',
    version: 1,
    name: 'two clusters, 2-4-1 tanh',
    network: {
      inputs: ['x1', 'x2'],
      layers: [
        { activation: 'tanh', weights: weights(4, 2), biases: [0, 0, 0, 0] },
        { activation: 'tanh', weights: weights(1, 4), biases: [0] },
      ],
    },
    dataset: { classes: ['blue', 'orange'], train, test },
    training: {
      loss: 'mse',
      optimizer: { type: 'sgd', learningRate: 0.05, momentum: 0 },
      schedule: { type: 'constant' },
      batchSize: null,
      l1: 0,
      l2: 0,
      seed,
      epoch: 0,
    },
    history: [],
  }
}

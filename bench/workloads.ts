/**
 * The benchmark's workloads, identical for every implementation: same data, same initial
 * weights, same loss, regularization and learning-rate schedule.
 */
import { makeMoons } from '../shared/src/data/moons.ts'
import type { ModelFile, Point } from '../shared/src/model-file/types.ts'
import type { LayerSpec } from '../shared/src/nn/mlp.ts'
import { createModelFile } from '../shared/src/train/new-model.ts'

export type WorkloadName = 'W1' | 'W2'
export const WORKLOADS: readonly WorkloadName[] = ['W1', 'W2']

/** The notebook's data: make_moons(200, noise 0.15, seed 42). */
export function moons(n = 200): Point[] {
  return makeMoons(n, 0.15, 42)
}

/**
 * W1, the notebook: MLP(2, [4, 1]) tanh, MSE, full batch, SGD 0.01.
 * W2, micrograd's demo: MLP(2, [16, 16, 1]) ReLU hidden, linear output, hinge + 1e-4·L2, lr linear
 * 1.0 → 0.1 over 100 epochs, weights U(−1, 1) and biases 0 as micrograd starts them.
 */
export function workloadFile(name: WorkloadName, points: Point[] = moons(), layers?: LayerSpec[]): ModelFile {
  const dataset = { classes: ['0', '1'], train: points, test: [] }
  if (name === 'W1')
    return createModelFile({
      name: 'W1',
      dataset,
      layers: layers ?? [
        { units: 4, activation: 'tanh' },
        { units: 1, activation: 'tanh' },
      ],
      training: { loss: 'mse', optimizer: { type: 'sgd', learningRate: 0.01, momentum: 0 } },
      seed: 1,
    })
  const file = createModelFile({
    name: 'W2',
    dataset,
    layers: layers ?? [
      { units: 16, activation: 'relu' },
      { units: 16, activation: 'relu' },
      { units: 1, activation: 'linear' },
    ],
    training: {
      loss: 'hinge',
      l2: 1e-4,
      optimizer: { type: 'sgd', learningRate: 1, momentum: 0 },
      schedule: { type: 'linear', finalLearningRate: 0.1, epochs: 100 },
    },
    seed: 1,
  })
  for (const layer of file.network.layers) layer.biases.fill(0)
  return file
}

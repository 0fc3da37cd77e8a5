/**
 * The benchmark's workloads, identical for every implementation: same data, same initial
 * weights, same loss, regularization and learning-rate schedule.
 */
import { makeMoons } from '../shared/src/data/moons.ts'
import type { ModelFile, Point } from '../shared/src/model-file/types.ts'
import type { LayerSpec } from '../shared/src/nn/mlp.ts'
import { microgradModelFile, notebookModelFile } from '../shared/src/testing/fixtures.ts'

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
  const options = { name, dataset: { classes: ['0', '1'], train: points, test: [] }, layers, seed: 1 }
  return name === 'W1' ? notebookModelFile(options) : microgradModelFile(options)
}

/**
 * What tests and the benchmark build again and again: the lesson's first graph, the notebook's network
 * and micrograd's demo. Only for tests and the benchmark: not exported from shared/src/index.ts.
 */
import { Value } from '../engine/value.ts'
import type { ModelFile } from '../model-file/types.ts'
import { MLP, type Activation, type LayerSpec, type NetworkJSON } from '../nn/mlp.ts'
import { createRng } from '../random.ts'
import { createModelFile, type NewModelOptions } from '../train/new-model.ts'

/** The lesson's graph L = tanh(a·b + c), a = 2, b = −3, c = 10 (e = a·b, d = e + c); no grads yet. */
export function tanhLesson() {
  const a = new Value(2, undefined, '', 'a')
  const b = new Value(-3, undefined, '', 'b')
  const c = new Value(10, undefined, '', 'c')
  const e = a.mul(b)
  const d = e.add(c)
  const L = d.tanh()
  L.label = 'L'
  return { a, b, c, e, d, L }
}

/** createModelFile's options with the layers optional: a recipe brings its own. */
export type RecipeOptions = Omit<NewModelOptions, 'layers'> & { layers?: LayerSpec[] }

/** The notebook's network, MLP(2, [4, 1]), with `activation` in both layers (tanh in the notebook). */
export function notebookLayers(activation: Activation = 'tanh'): LayerSpec[] {
  return [
    { units: 4, activation },
    { units: 1, activation },
  ]
}

/** A small network to draw: MLP(2, [3, 1]) tanh, weights from seed 2 (a graph of a few dozen Values). */
export function smallTanhNetwork(): NetworkJSON {
  return new MLP(
    2,
    [
      { units: 3, activation: 'tanh' },
      { units: 1, activation: 'tanh' },
    ],
    createRng(2).next,
  ).toJSON()
}

/** micrograd's demo network: MLP(2, [16, 16, 1]), ReLU hidden layers, linear output. */
export function microgradLayers(): LayerSpec[] {
  return [
    { units: 16, activation: 'relu' },
    { units: 16, activation: 'relu' },
    { units: 1, activation: 'linear' },
  ]
}

/** The notebook's model: MLP(2, [4, 1]) tanh, MSE, full batch, SGD 0.01, unless `options` say otherwise. */
export function notebookModelFile(options: RecipeOptions): ModelFile {
  return createModelFile({
    ...options,
    layers: options.layers ?? notebookLayers(),
    training: {
      loss: 'mse',
      optimizer: { type: 'sgd', learningRate: 0.01, momentum: 0 },
      ...options.training,
    },
  })
}

/**
 * micrograd's demo: MLP(2, [16, 16, 1]) ReLU, hinge + 1e-4·L2, SGD lr linear 1.0 → 0.1 over 100 epochs,
 * weights U(−1, 1) and biases 0 as micrograd starts them, unless `options` say otherwise.
 */
export function microgradModelFile(options: RecipeOptions): ModelFile {
  const file = createModelFile({
    ...options,
    layers: options.layers ?? microgradLayers(),
    training: {
      loss: 'hinge',
      l2: 1e-4,
      optimizer: { type: 'sgd', learningRate: 1, momentum: 0 },
      schedule: { type: 'linear', finalLearningRate: 0.1, epochs: 100 },
      ...options.training,
    },
  })
  for (const layer of file.network.layers) layer.biases.fill(0)
  return file
}

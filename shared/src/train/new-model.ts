/** Making a fresh model file: layers drawn from a seed, sensible training defaults. */
import { MLP, type LayerSpec } from '../nn/mlp.ts'
import { createRng } from '../random.ts'
import type { AdamConfig, DatasetJSON, ModelFile, OptimizerConfig, SgdConfig } from '../model-file/types.ts'
import { MODEL_FORMAT, MODEL_VERSION } from '../model-file/types.ts'
import { checkDataset, checkNetwork, checkSettings, type Settings } from './validate.ts'

/** The optimizer settings a learner starts from: SGD lr 0.01 without momentum; Adam lr 0.01 with PyTorch's betas. */
export function defaultOptimizer(type: 'sgd'): SgdConfig
export function defaultOptimizer(type: 'adam'): AdamConfig
export function defaultOptimizer(type: OptimizerConfig['type']): OptimizerConfig
export function defaultOptimizer(type: OptimizerConfig['type']): OptimizerConfig {
  if (type === 'adam')
    return { type: 'adam', learningRate: 0.01, beta1: 0.9, beta2: 0.999, epsilon: 1e-8, weightDecay: 0 }
  return { type: 'sgd', learningRate: 0.01, momentum: 0 }
}

export interface NewModelOptions {
  name?: string
  dataset: DatasetJSON
  /** Feature names, default ['x1', 'x2']. */
  inputs?: string[]
  layers: LayerSpec[]
  /** Any training settings to change from the defaults (mse, sgd 0.01, constant, full batch, no L1/L2). */
  training?: Partial<Settings>
  /** Seeds the initial weights (and, unless training.seed is given, the mini-batch order). */
  seed: number
}

/** A new model file at epoch 0 whose weights are drawn by each layer's init from createRng(seed). */
export function createModelFile(options: NewModelOptions): ModelFile {
  const inputs = options.inputs ?? ['x1', 'x2']
  if (!Array.isArray(options.layers) || options.layers.length === 0)
    throw new Error('A network needs at least one layer: add an output layer.')
  if (!Number.isFinite(options.seed))
    throw new Error(`The seed must be a finite number, got ${options.seed}.`)
  const mlp = new MLP(inputs.length, options.layers, createRng(options.seed).next)
  mlp.inputNames = [...inputs]
  const network = mlp.toJSON()
  checkNetwork(network)
  const outputs = options.layers[options.layers.length - 1].units
  checkDataset(options.dataset, outputs)
  const training: Settings = {
    loss: 'mse',
    optimizer: defaultOptimizer('sgd'),
    schedule: { type: 'constant' },
    batchSize: null,
    l1: 0,
    l2: 0,
    seed: options.seed,
    ...options.training,
  }
  checkSettings(training, outputs)
  const units = options.layers.map((l) => l.units).join('-')
  return {
    format: MODEL_FORMAT,
    version: MODEL_VERSION,
    name: options.name ?? `${inputs.length}-${units} ${options.layers[0].activation}`,
    network,
    dataset: {
      classes: [...options.dataset.classes],
      train: options.dataset.train.map((p) => [p[0], p[1], p[2]]),
      test: options.dataset.test.map((p) => [p[0], p[1], p[2]]),
    },
    training: { ...training, epoch: 0 },
    history: [],
  }
}

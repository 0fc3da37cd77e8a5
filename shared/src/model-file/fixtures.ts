/** Model files for tests and examples: the one in DESIGN.md, and a fuller one using every optional field. */
import type { ModelFile } from './types.ts'

/** The example from DESIGN.md, word for word: a 2-4-1 tanh network on two points. */
export const DESIGN_EXAMPLE_TEXT = `{
  "format": "backprop-studio/model",
  "version": 1,
  "name": "moons, 2-4-1 tanh",
  "network": {
    "inputs": ["x1", "x2"],
    "layers": [
      { "activation": "tanh", "weights": [[0.12, -0.5], [0.3, 0.9], [-0.7, 0.1], [0.05, 0.4]], "biases": [0, 0.1, -0.2, 0.3] },
      { "activation": "tanh", "weights": [[0.2, -0.1, 0.6, 0.3]], "biases": [0] }
    ]
  },
  "dataset": { "classes": ["blue", "orange"], "train": [[0.1, 0.9, 0], [1.2, -0.4, 1]], "test": [] },
  "training": {
    "loss": "mse",
    "optimizer": { "type": "sgd", "learningRate": 0.01, "momentum": 0 },
    "schedule": { "type": "constant" },
    "batchSize": null,
    "l1": 0, "l2": 0,
    "seed": 42,
    "epoch": 0
  },
  "history": [{ "epoch": 1, "trainLoss": 0.98, "trainAccuracy": 0.5 }]
}
`

/**
 * Three classes, engineered inputs, Adam with its saved state, a linear schedule, mini-batches,
 * a generator state and test metrics: every optional part of the format filled in.
 */
export function fullModelFile(): ModelFile {
  return {
    format: 'backprop-studio/model',
    version: 1,
    name: 'spiral, 3 classes',
    network: {
      inputs: ['x1', 'x2', 'x1*x2'],
      layers: [
        {
          activation: 'relu',
          weights: [
            [0.1, -0.2, 0.3],
            [-0.4, 0.5, -0.6],
          ],
          biases: [0.01, -0.02],
        },
        {
          activation: 'linear',
          weights: [
            [0.7, -0.8],
            [0.9, 1.0],
            [-1.1, 1.2],
          ],
          biases: [0, -0, 0.5],
        },
      ],
    },
    dataset: {
      classes: ['red', 'green', 'blue'],
      train: [
        [0.5, -0.5, 0],
        [1e-300, 2.5e300, 1],
        [-3, 4, 2],
      ],
      test: [[0.25, 0.75, 2]],
    },
    training: {
      loss: 'cross_entropy',
      optimizer: {
        type: 'adam',
        learningRate: 0.001,
        beta1: 0.9,
        beta2: 0.999,
        epsilon: 1e-8,
        weightDecay: 0.01,
        state: {
          step: 6,
          m: [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1, 1.1, 1.2, 1.3, 1.4, 1.5, 1.6, 1.7],
          v: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17],
        },
      },
      schedule: { type: 'linear', finalLearningRate: 0.0001, epochs: 100 },
      batchSize: 2,
      l1: 0.001,
      l2: 0.0001,
      seed: 7,
      epoch: 2,
      rngState: [1, 2, 3, 4294967295],
    },
    history: [
      { epoch: 1, trainLoss: 1.2, trainAccuracy: 1 / 3, testLoss: 1.1, testAccuracy: 0 },
      { epoch: 2, trainLoss: 0.9, trainAccuracy: 2 / 3, testLoss: 0.8, testAccuracy: 1 },
    ],
  }
}

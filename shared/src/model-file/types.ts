/** The `.bpmodel` file, format version 1 (see DESIGN.md): the types the parser promises. */
import type { NetworkJSON } from '../nn/mlp.ts'
import type { RngState } from '../random.ts'

export const MODEL_FORMAT = 'backprop-studio/model'
export const MODEL_VERSION = 1

export type LossName = 'mse' | 'hinge' | 'bce' | 'cross_entropy'
export const LOSSES: readonly LossName[] = ['mse', 'hinge', 'bce', 'cross_entropy']

/** Feature names a network input may be, each computed from a point (x1, x2). */
export const FEATURES = ['x1', 'x2', 'x1^2', 'x2^2', 'x1*x2', 'sin(x1)', 'sin(x2)'] as const
export type FeatureName = (typeof FEATURES)[number]

/** SGD state: one velocity per parameter, in MLP.parameters() order. */
export interface SgdState {
  velocities: number[]
}
/** Adam state: step count and first/second moments per parameter, in MLP.parameters() order. */
export interface AdamState {
  step: number
  m: number[]
  v: number[]
}

export interface SgdConfig {
  type: 'sgd'
  learningRate: number
  momentum: number
  state?: SgdState
}
export interface AdamConfig {
  type: 'adam'
  learningRate: number
  beta1: number
  beta2: number
  epsilon: number
  /** Decoupled weight decay, as in AdamW. */
  weightDecay: number
  state?: AdamState
}
export type OptimizerConfig = SgdConfig | AdamConfig

export type ScheduleConfig =
  { type: 'constant' } | { type: 'linear'; finalLearningRate: number; epochs: number }

export interface TrainingConfig {
  loss: LossName
  optimizer: OptimizerConfig
  schedule: ScheduleConfig
  /** null: full batch in dataset order; n: seeded mini-batches of n points. */
  batchSize: number | null
  l1: number
  l2: number
  seed: number
  /** Epochs done. */
  epoch: number
  /** The mini-batch generator's state, so continued training is exact. */
  rngState?: RngState
}

/** A point: [x1, x2, classIndex]. */
export type Point = [number, number, number]

export interface DatasetJSON {
  classes: string[]
  train: Point[]
  test: Point[]
}

export interface EpochMetrics {
  epoch: number
  trainLoss: number
  trainAccuracy: number
  testLoss?: number
  testAccuracy?: number
}

export interface ModelFile {
  format: typeof MODEL_FORMAT
  version: typeof MODEL_VERSION
  name: string
  network: NetworkJSON
  dataset: DatasetJSON
  training: TrainingConfig
  history: EpochMetrics[]
}

/**
 * What a training session reports besides its metrics, and the hyperparameter change it takes:
 * types the session shares with the IPC contract, defined here below both (ipc.ts re-exports them).
 */
import type { TrainingConfig } from '../model-file/types.ts'

/** What may change between epochs without restarting: every training hyperparameter. */
export type TrainingPatch = Partial<
  Pick<TrainingConfig, 'loss' | 'optimizer' | 'schedule' | 'batchSize' | 'l1' | 'l2'>
>

/** The square of the input plane a grid covers: x from xMin to xMax, y from yMin to yMax. */
export interface GridBounds {
  xMin: number
  xMax: number
  yMin: number
  yMax: number
}

/** The decision-boundary grid: outputs over a square of the input plane, row by row from the top. */
export interface BoundaryGrid extends GridBounds {
  /** Cells per side. */
  size: number
  /** Per cell, per output unit: size * size * outputs numbers (the raw network outputs). */
  values: Float32Array
  outputs: number
}

/**
 * Every neuron's output over a coarse grid of the plane: layer after layer (the output layer
 * last), unit after unit, each a size × size block of cells row by row from the top.
 */
export interface NeuronGrids extends GridBounds {
  size: number
  /** Units per layer, hidden layers first, the output layer last. */
  units: number[]
  /** size * size numbers per neuron, neurons in the order of `units`. */
  values: Float32Array
}

/** Per point of one set: the class the network predicts and the point's loss (without L1/L2). */
export interface PointStats {
  predicted: Uint8Array
  loss: Float32Array
}

/** How the current weights do on every point, in dataset order. */
export interface PointOutputs {
  train: PointStats
  test: PointStats
}

/**
 * The contract between the renderer and whatever trains for it: the Electron main process
 * (through the preload) or, in a plain browser, the web bridge. One list of channels per
 * direction, typed arguments and results; both sides implement `AppApi`.
 */
import type { EpochMetrics, ModelFile, TrainingConfig } from './model-file/types.ts'

/** What may change between epochs without restarting: every training hyperparameter. */
export type TrainingPatch = Partial<
  Pick<TrainingConfig, 'loss' | 'optimizer' | 'schedule' | 'batchSize' | 'l1' | 'l2'>
>

/** Most epochs one 'trainer:step' may ask for (the worker answers nothing else meanwhile). */
export const MAX_STEP_EPOCHS = 10_000
/** Most epochs a session trains: its history (one entry per epoch) must stay small enough to save. */
export const MAX_EPOCHS = 100_000
export const MAX_EPOCHS_PER_SECOND = 1_000_000

/**
 * How play runs: how many epochs a second (null: as fast as the machine can) and at which epoch
 * it stops by itself, so a run left alone ends and its history stays small enough to save.
 */
export interface Pace {
  epochsPerSecond: number | null
  stopAtEpoch: number
}

/** The decision-boundary grid: outputs over a square of the input plane, row by row from the top. */
export interface BoundaryGrid {
  /** Cells per side. */
  size: number
  /** Plane covered: x from xMin to xMax, y from yMin to yMax. */
  xMin: number
  xMax: number
  yMin: number
  yMax: number
  /** Per cell, per output unit: size * size * outputs numbers (the raw network outputs). */
  values: Float32Array
  outputs: number
}

export type TrainerEvent =
  /** Sent about every 50 ms while training, and once after every command that changes state. */
  | {
      type: 'progress'
      running: boolean
      epoch: number
      /** Epochs finished since the last progress event (may be empty). */
      metrics: EpochMetrics[]
      grid: BoundaryGrid
    }
  /** Training stopped because the loss or a parameter became NaN or infinite. */
  | { type: 'diverged'; epoch: number; message: string }
  | { type: 'error'; message: string }

/** Renderer → trainer commands, request/response. */
export interface InvokeChannels {
  'trainer:load': { args: [file: ModelFile]; ret: void }
  'trainer:play': { args: []; ret: void }
  'trainer:pause': { args: []; ret: void }
  'trainer:step': { args: [epochs: number]; ret: void }
  'trainer:reset': { args: []; ret: void }
  'trainer:update': { args: [patch: TrainingPatch]; ret: void }
  /** Kept across loads and resets; takes effect at once, also while playing. */
  'trainer:pace': { args: [pace: Pace]; ret: void }
  /** The session as a model file (weights, optimizer and generator state, history). */
  'trainer:snapshot': { args: []; ret: ModelFile | null }
}

/** Trainer → renderer events. */
export interface EventChannels {
  'trainer:event': TrainerEvent
}

export type InvokeChannel = keyof InvokeChannels
export const INVOKE_CHANNELS: readonly InvokeChannel[] = [
  'trainer:load',
  'trainer:play',
  'trainer:pause',
  'trainer:step',
  'trainer:reset',
  'trainer:update',
  'trainer:pace',
  'trainer:snapshot',
]

/** What the renderer sees: intent-level, no channels or raw IPC. */
export interface AppApi {
  readonly platform: 'electron' | 'web'
  loadModel(file: ModelFile): Promise<void>
  play(): Promise<void>
  pause(): Promise<void>
  step(epochs: number): Promise<void>
  reset(): Promise<void>
  updateTraining(patch: TrainingPatch): Promise<void>
  setPace(pace: Pace): Promise<void>
  snapshot(): Promise<ModelFile | null>
  /** Subscribes to trainer events; returns the unsubscribe function. */
  onTrainerEvent(cb: (e: TrainerEvent) => void): () => void
}

/** Sends one request on a channel and resolves with its result: IPC in Electron, a worker in the browser. */
export type Invoke = <C extends InvokeChannel>(
  channel: C,
  ...args: InvokeChannels[C]['args']
) => Promise<InvokeChannels[C]['ret']>

/** The one mapping from intents to channels, so the preload and the web bridge cannot drift apart. */
export function intentApi(
  platform: AppApi['platform'],
  invoke: Invoke,
  onTrainerEvent: AppApi['onTrainerEvent'],
): AppApi {
  return {
    platform,
    loadModel: (file) => invoke('trainer:load', file),
    play: () => invoke('trainer:play'),
    pause: () => invoke('trainer:pause'),
    step: (epochs) => invoke('trainer:step', epochs),
    reset: () => invoke('trainer:reset'),
    updateTraining: (patch) => invoke('trainer:update', patch),
    setPace: (pace) => invoke('trainer:pace', pace),
    snapshot: () => invoke('trainer:snapshot'),
    onTrainerEvent,
  }
}

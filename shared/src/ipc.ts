/**
 * The contract between the renderer and whatever trains for it: the Electron main process
 * (through the preload) or, in a plain browser, the web bridge. One list of channels per
 * direction, typed arguments and results; both sides implement `AppApi`.
 */
import type { DatasetJSON, EpochMetrics, ModelFile } from './model-file/types.ts'
import type {
  BoundaryGrid,
  GridBounds,
  NeuronGrids,
  PointOutputs,
  PointStats,
  TrainingPatch,
} from './train/reports.ts'

// Defined below the session, which reports them too (see DESIGN.md, "Dependency direction").
export type { BoundaryGrid, GridBounds, NeuronGrids, PointOutputs, PointStats, TrainingPatch }

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

export type TrainerEvent =
  /** Sent about every 50 ms while training, and once after every command that changes state. */
  | {
      type: 'progress'
      running: boolean
      epoch: number
      /** Epochs finished since the last progress event (may be empty). */
      metrics: EpochMetrics[]
      grid: BoundaryGrid
      /**
       * The current weights and biases, flat in MLP.parameters() order, when asked for with
       * 'trainer:watch': on every event after a command, and while playing at most every
       * PARAMETERS_EVERY_MS.
       */
      parameters?: Float64Array
      /** Every neuron's output over a coarse grid, when asked for with 'trainer:watch' (bounded rate). */
      neurons?: NeuronGrids
      /** Every point's prediction and loss, when asked for with 'trainer:watch' (bounded rate). */
      points?: PointOutputs
    }
  /** Training stopped because the loss or a parameter became NaN or infinite. */
  | { type: 'diverged'; epoch: number; message: string }
  | { type: 'error'; message: string }

/** What progress events carry besides metrics and the boundary: only what a visible view needs. */
export interface Watch {
  /** The flat weights and biases (for the network diagram and the graph view). */
  parameters: boolean
  /** Every neuron's output over a coarse grid (the diagram's heatmaps); off when absent. */
  neurons?: boolean
  /** Every point's predicted class and loss (mistakes, confusion matrix, hardest points); off when absent. */
  points?: boolean
}

/** While playing, parameters are attached to progress events at most this often. */
export const PARAMETERS_EVERY_MS = 100
/**
 * While playing, neuron grids and point outputs are attached at most this often, and never more
 * often than every 4 × the time they take, so they cost the trainer at most a fifth of its time.
 */
export const NEURONS_EVERY_MS = 150
export const POINTS_EVERY_MS = 250
/** Cells per side of the neuron grids. */
export const NEURON_GRID_SIZE = 32

/** What can be exported to a file the learner picks (desktop) or downloads (browser). */
export type ExportKind = 'csv' | 'png' | 'svg' | 'py' | 'ts'
export const EXPORT_KINDS: readonly ExportKind[] = ['csv', 'png', 'svg', 'py', 'ts']
/** The largest export accepted, in bytes (or UTF-16 code units for text). */
export const MAX_EXPORT_BYTES = 64 * 1024 * 1024

export interface ExportRequest {
  kind: ExportKind
  /** A plain file name without folders, e.g. "moons.csv"; the extension follows `kind`. */
  suggestedName: string
  /** Text (csv, svg, py, ts) or bytes (png). */
  data: string | Uint8Array
}

/** Renderer → main (or the web bridge) requests, request/response. `trainer:*` go to the trainer. */
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
  /** Which extras progress events carry from now on (kept across loads and resets). */
  'trainer:watch': { args: [watch: Watch]; ret: void }
  /**
   * Trains on these points from now on, in place: weights, optimizer state, epoch and history stay.
   * Their classes must fit the loaded network's outputs.
   */
  'trainer:dataset': { args: [dataset: DatasetJSON]; ret: void }
  /** The square the boundary and neuron grids cover (kept across loads and resets). */
  'trainer:view': { args: [view: GridBounds]; ret: void }
  /** Saves a file: a save dialog on the desktop, a download in the browser. The name saved, or null if cancelled. */
  'file:export': { args: [request: ExportRequest]; ret: string | null }
}

/** Trainer → renderer events. */
export interface EventChannels {
  'trainer:event': TrainerEvent
}

export type InvokeChannel = keyof InvokeChannels
/** The channels the training worker answers. */
export type TrainerChannel = Extract<InvokeChannel, `trainer:${string}`>
/** The channels the app itself answers (main in Electron, the web bridge in a browser). */
export type AppChannel = Exclude<InvokeChannel, TrainerChannel>

export const TRAINER_CHANNELS: readonly TrainerChannel[] = [
  'trainer:load',
  'trainer:play',
  'trainer:pause',
  'trainer:step',
  'trainer:reset',
  'trainer:update',
  'trainer:pace',
  'trainer:snapshot',
  'trainer:watch',
  'trainer:dataset',
  'trainer:view',
]
export const APP_CHANNELS: readonly AppChannel[] = ['file:export']
export const INVOKE_CHANNELS: readonly InvokeChannel[] = [...TRAINER_CHANNELS, ...APP_CHANNELS]

/** True for a channel the training worker answers. */
export function isTrainerChannel(channel: InvokeChannel): channel is TrainerChannel {
  return (TRAINER_CHANNELS as readonly string[]).includes(channel)
}

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
  watch(watch: Watch): Promise<void>
  updateDataset(dataset: DatasetJSON): Promise<void>
  setView(view: GridBounds): Promise<void>
  exportFile(request: ExportRequest): Promise<string | null>
  /** Subscribes to trainer events; returns the unsubscribe function. */
  onTrainerEvent(cb: (e: TrainerEvent) => void): () => void
}

/** Sends one request on a channel and resolves with its result: IPC in Electron, a worker in the browser. */
export type Invoke = <C extends InvokeChannel>(
  channel: C,
  ...args: InvokeChannels[C]['args']
) => Promise<InvokeChannels[C]['ret']>

/** Sends a request to the training worker. */
export type TrainerInvoke = <C extends TrainerChannel>(
  channel: C,
  ...args: InvokeChannels[C]['args']
) => Promise<InvokeChannels[C]['ret']>

/** How the app answers its own requests (main's dialogs on the desktop, the web bridge in a browser). */
export type AppHandlers = {
  [C in AppChannel]: (...args: InvokeChannels[C]['args']) => Promise<InvokeChannels[C]['ret']>
}

/** One Invoke from the two halves: `trainer:*` requests to the worker, the rest to the app's handlers. */
export function routeInvoke(trainer: TrainerInvoke, app: AppHandlers): Invoke {
  return ((channel: InvokeChannel, ...args: unknown[]) =>
    isTrainerChannel(channel)
      ? (trainer as (c: InvokeChannel, ...a: unknown[]) => Promise<unknown>)(channel, ...args)
      : (app[channel] as (...a: unknown[]) => Promise<unknown>)(...args)) as Invoke
}

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
    watch: (watch) => invoke('trainer:watch', watch),
    updateDataset: (dataset) => invoke('trainer:dataset', dataset),
    setView: (view) => invoke('trainer:view', view),
    exportFile: (request) => invoke('file:export', request),
    onTrainerEvent,
  }
}

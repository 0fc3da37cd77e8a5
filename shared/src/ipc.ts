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

import type { LayerDiagnostics } from './train/diagnostics.ts'
import type { SavedTimeline } from './train/timeline-file.ts'

// Defined below the session, which reports them too (see DESIGN.md, "Dependency direction").
export type { BoundaryGrid, GridBounds, NeuronGrids, PointOutputs, PointStats, TrainingPatch }
export type { LayerDiagnostics, SavedTimeline }

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
      /** Each layer's gradient norm, dead and saturated units, when watched (bounded rate). */
      diagnostics?: LayerDiagnostics[]
      /**
       * While diagnostics are watched, those of each epoch snapshotted since the last event, oldest
       * first: the panel's charts over time follow the snapshots' spacing (every early epoch, then
       * sparser) instead of the few a second `diagnostics` comes at, which at full speed are
       * thousands of epochs apart.
       */
      diagnosticsSeries?: DiagnosticsAt[]
      /** The epochs that have a snapshot: new ones since the last event, or the whole list when `fresh`. */
      timeline?: TimelineUpdate
      /**
       * The whole history again, when it was replaced rather than extended (a fork or its undo): the
       * renderer redraws the curves from it. Thinned to at most about MAX_REPLACED_HISTORY entries
       * (every 2^k-th epoch from the first, and the last).
       */
      history?: EpochMetrics[]
      /** Whether 'trainer:undo-fork' has a fork to undo; sent when that changes. */
      canUndoFork?: boolean
    }
  /** Training stopped because the loss or a parameter became NaN or infinite. */
  | { type: 'diverged'; epoch: number; message: string }
  | { type: 'error'; message: string }

/** One epoch's diagnostics, per layer. */
export interface DiagnosticsAt {
  epoch: number
  layers: LayerDiagnostics[]
}

/** Which epochs have a snapshot (see SnapshotTimeline), as progress events report them. */
export interface TimelineUpdate {
  /** True: `epochs` is the whole list (after a load, reset, fork, undo or a timeline put back). */
  fresh: boolean
  /** Oldest first. */
  epochs: number[]
}

/** Most entries of a replaced history a progress event carries. */
export const MAX_REPLACED_HISTORY = 2000

/** A past moment of the run, as 'trainer:look-back' shows it: what the views draw for that epoch. */
export interface PastView {
  /** The snapshot's epoch: the latest at or before the epoch asked for. */
  epoch: number
  /** Its weights and biases, flat in MLP.parameters() order. */
  parameters: Float64Array
  grid: BoundaryGrid
  /** That epoch's entry of the history; null for the run's start (epoch 0, or where a file began). */
  metrics: EpochMetrics | null
  /** When watched (see Watch), as the progress events carry them. */
  neurons?: NeuronGrids
  points?: PointOutputs
  diagnostics?: LayerDiagnostics[]
}

/** What continuing from a snapshot did. */
export interface ForkResult {
  /** The epoch the run continues from. */
  epoch: number
  /** Epochs of the history after it that were dropped. */
  replaced: number
}

/** What progress events carry besides metrics and the boundary: only what a visible view needs. */
export interface Watch {
  /** The flat weights and biases (for the network diagram and the graph view). */
  parameters: boolean
  /** Every neuron's output over a coarse grid (the diagram's heatmaps); off when absent. */
  neurons?: boolean
  /** Every point's predicted class and loss (mistakes, confusion matrix, hardest points); off when absent. */
  points?: boolean
  /** Each layer's diagnostics (session.diagnostics()); off when absent. */
  diagnostics?: boolean
}

/** While playing, parameters are attached to progress events at most this often. */
export const PARAMETERS_EVERY_MS = 100
/**
 * While playing, neuron grids and point outputs are attached at most this often, and never more
 * often than every 4 × the time they take, so they cost the trainer at most a fifth of its time.
 */
export const NEURONS_EVERY_MS = 150
export const POINTS_EVERY_MS = 250
/** While playing, diagnostics are attached at most this often (4 a second). */
export const DIAGNOSTICS_EVERY_MS = 250
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

/** The files the app opens: model files and datasets. */
export type OpenKind = 'bpmodel' | 'csv'
export const OPEN_KINDS: readonly OpenKind[] = ['bpmodel', 'csv']
/** The largest file the app opens or saves, in bytes (or UTF-16 code units for text). */
export const MAX_OPEN_BYTES = 64 * 1024 * 1024

/**
 * A file the learner opened. `id` is an opaque handle main (or the web bridge) minted for a file
 * that came from a dialog, a drop, the recent list or the OS: the page never sees a path. Saving
 * to an id writes back to that file.
 */
export interface OpenedFile {
  id: number
  /** The file's name without folders, e.g. "moons.bpmodel". */
  name: string
  kind: OpenKind
  text: string
}

/** The parts of a DOM File the bridges read (shared/ has no DOM types; a File is one). */
export interface DroppedFile {
  readonly name: string
  readonly size: number
  text(): Promise<string>
}

/** Where a model was saved: the handle to save to next time, and the file's name. */
export interface SavedFile {
  id: number
  name: string
}

/**
 * Save (as: false, fileId set): write back to that file (desktop: atomically; browser: through
 * its FileSystemFileHandle if it has one, else a download). Save as, or no fileId: ask where.
 */
export interface SaveModelRequest {
  /** The serialized model file. */
  text: string
  /** A plain file name ending in .bpmodel, offered in the save dialog. */
  suggestedName: string
  fileId: number | null
  as: boolean
}

/** The copy of unsaved work kept every few seconds, offered back after a crash. */
export interface RecoveryCopy {
  /** The document's name as the title shows it, e.g. "moons.bpmodel" or "Untitled". */
  name: string
  /** When the copy was taken, in ms since 1970 (Date.now()). */
  savedAt: number
  /** The serialized model file. */
  text: string
}

export type Theme = 'system' | 'light' | 'dark'
export const THEMES: readonly Theme[] = ['system', 'light', 'dark']

/**
 * What the window shows of the document, sent by the renderer whenever it changes. Desktop: title
 * bar extras (setDocumentEdited, setRepresentedFilename), menu item states (Pause while playing,
 * Save disabled when clean), whether close and quit must ask first. Browser: nothing to do.
 */
export interface DocumentState {
  /** The open file's name, null for a new model. */
  fileName: string | null
  /** The open file's handle (from OpenedFile or SavedFile), null for a new model. */
  fileId: number | null
  dirty: boolean
  running: boolean
  canUndo: boolean
  canRedo: boolean
}

/** The state of a new, untouched model (what main assumes until the page says otherwise). */
export const NEW_DOCUMENT: Readonly<DocumentState> = {
  fileName: null,
  fileId: null,
  dirty: false,
  running: false,
  canUndo: false,
  canRedo: false,
}

/** Menu commands that carry nothing but their name. */
export type PlainMenuCommand =
  | 'new'
  | 'open'
  | 'save-as'
  | 'import-csv'
  | 'export-csv'
  | 'export-png'
  | 'export-svg'
  | 'undo'
  | 'redo'
  | 'play-pause'
  | 'step'
  | 'reset'
  | 'shortcuts'
  | 'about'

/**
 * Main → renderer: what the learner asked for through the native menus, the OS or a second launch.
 *
 * The close/quit protocol: when the window is closed (or the app quit) while the last
 * DocumentState said dirty, main asks with a native Save / Don't Save / Cancel box. Don't Save
 * closes; Cancel keeps everything open. Save sends `{ type: 'save', then: 'close' | 'quit' }`:
 * the renderer saves as for Save (asking where for a new model) and, once saved, calls
 * `confirmClose()`; main then closes or quits. If the save is cancelled or fails, the renderer
 * simply does not call it and the window stays open (the next close asks again).
 *
 * Files that came from the OS (double-click, command line), the recent list or a second launch
 * arrive as `open-file`, already read; main holds them until the renderer's first
 * `setDocumentState`, so subscribe with onMenuCommand before sending it. A file that could not be
 * opened arrives as `open-failed` with a message for the learner.
 */
export type MenuCommand =
  | { type: PlainMenuCommand }
  | { type: 'save'; then?: 'close' | 'quit' }
  | { type: 'theme'; theme: Theme }
  | { type: 'open-file'; file: OpenedFile }
  | { type: 'open-failed'; message: string }

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
  /**
   * The session as the text of a .bpmodel file with the app's `studio` object beside it (plain JSON
   * data), or null before a load. The worker writes it: a big model takes most of a second.
   */
  'trainer:serialize': { args: [studio: unknown]; ret: string | null }
  /** The run at the latest snapshot at or before this epoch (null before a model is loaded). Training goes on. */
  'trainer:look-back': { args: [epoch: number]; ret: PastView | null }
  /**
   * Continues from the latest snapshot at or before this epoch (a fork): its weights, optimizer and
   * generator state; the later history and snapshots are dropped, kept once for 'trainer:undo-fork'.
   */
  'trainer:fork': { args: [epoch: number]; ret: ForkResult }
  /** Undoes the last fork: back to the state, history and snapshots it replaced. */
  'trainer:undo-fork': { args: []; ret: void }
  /** The run's snapshots as JSON for the model file (thinned to stay small), or null before a load. */
  'trainer:timeline': { args: []; ret: SavedTimeline | null }
  /** Puts a saved timeline back into the run just loaded from the same file (checked field by field). */
  'trainer:set-timeline': { args: [timeline: SavedTimeline]; ret: void }
  /** Saves a file: a save dialog on the desktop, a download in the browser. The name saved, or null if cancelled. */
  'file:export': { args: [request: ExportRequest]; ret: string | null }
  /** Asks which file to open (dialog / picker); null when cancelled. */
  'file:open': { args: [kind: OpenKind]; ret: OpenedFile | null }
  /** Desktop only: a file dropped on the window, by the path the preload read from the dropped File. */
  'file:open-dropped': { args: [path: string]; ret: OpenedFile }
  'file:save-model': { args: [request: SaveModelRequest]; ret: SavedFile | null }
  'recovery:write': { args: [copy: RecoveryCopy]; ret: void }
  'recovery:read': { args: []; ret: RecoveryCopy | null }
  'recovery:clear': { args: []; ret: void }
  'app:document-state': { args: [state: DocumentState]; ret: void }
  'app:theme': { args: [theme: Theme]; ret: void }
  /** After a `{ type: 'save', then }` menu command: saved, go on closing or quitting. */
  'app:confirm-close': { args: []; ret: void }
}

/** Trainer → renderer events. */
export interface EventChannels {
  'trainer:event': TrainerEvent
  'menu:command': MenuCommand
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
  'trainer:serialize',
  'trainer:look-back',
  'trainer:fork',
  'trainer:undo-fork',
  'trainer:timeline',
  'trainer:set-timeline',
]
export const APP_CHANNELS: readonly AppChannel[] = [
  'file:export',
  'file:open',
  'file:open-dropped',
  'file:save-model',
  'recovery:write',
  'recovery:read',
  'recovery:clear',
  'app:document-state',
  'app:theme',
  'app:confirm-close',
]
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
  serializeModel(studio: unknown): Promise<string | null>
  lookBack(epoch: number): Promise<PastView | null>
  continueFrom(epoch: number): Promise<ForkResult>
  undoContinue(): Promise<void>
  exportTimeline(): Promise<SavedTimeline | null>
  importTimeline(timeline: SavedTimeline): Promise<void>
  exportFile(request: ExportRequest): Promise<string | null>
  /** Subscribes to trainer events; returns the unsubscribe function. */
  onTrainerEvent(cb: (e: TrainerEvent) => void): () => void
  /** Asks which file to open (desktop: a dialog; browser: showOpenFilePicker); null when cancelled. */
  openFile(kind: OpenKind): Promise<OpenedFile | null>
  /** Opens a dropped File (or, in a browser, one from the page's <input type=file>). */
  openDroppedFile(file: DroppedFile): Promise<OpenedFile>
  /** Saves a model file (see SaveModelRequest); null when cancelled. */
  saveModel(request: SaveModelRequest): Promise<SavedFile | null>
  /** False in a browser without showOpenFilePicker: the page then clicks its own file input. */
  nativeFilePicker(): boolean
  writeRecovery(copy: RecoveryCopy): Promise<void>
  /** The recovery copy left by the last session, or null. */
  readRecovery(): Promise<RecoveryCopy | null>
  clearRecovery(): Promise<void>
  setDocumentState(state: DocumentState): Promise<void>
  /** Desktop: nativeTheme.themeSource (and the View menu's choice); browser: nothing. */
  setTheme(theme: Theme): Promise<void>
  /** Saved after a `{ type: 'save', then }` menu command: main goes on closing or quitting. */
  confirmClose(): Promise<void>
  /** Subscribes to menu commands (see MenuCommand); returns the unsubscribe function. */
  onMenuCommand(cb: (command: MenuCommand) => void): () => void
}

/** The parts of AppApi each platform does in its own process rather than through a channel. */
export type LocalIntents = Pick<AppApi, 'openDroppedFile' | 'nativeFilePicker' | 'onMenuCommand'>

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
  local: LocalIntents,
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
    serializeModel: (studio) => invoke('trainer:serialize', studio),
    lookBack: (epoch) => invoke('trainer:look-back', epoch),
    continueFrom: (epoch) => invoke('trainer:fork', epoch),
    undoContinue: () => invoke('trainer:undo-fork'),
    exportTimeline: () => invoke('trainer:timeline'),
    importTimeline: (timeline) => invoke('trainer:set-timeline', timeline),
    exportFile: (request) => invoke('file:export', request),
    onTrainerEvent,
    openFile: (kind) => invoke('file:open', kind),
    openDroppedFile: local.openDroppedFile,
    saveModel: (request) => invoke('file:save-model', request),
    nativeFilePicker: local.nativeFilePicker,
    writeRecovery: (copy) => invoke('recovery:write', copy),
    readRecovery: () => invoke('recovery:read'),
    clearRecovery: () => invoke('recovery:clear'),
    setDocumentState: (state) => invoke('app:document-state', state),
    setTheme: (theme) => invoke('app:theme', theme),
    confirmClose: () => invoke('app:confirm-close'),
    onMenuCommand: local.onMenuCommand,
  }
}

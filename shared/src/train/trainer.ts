/**
 * The training loop a worker runs, independent of the worker kind: the Node worker_thread in the
 * desktop app and the Web Worker in the browser both wrap it in a few lines. It owns one
 * TrainingSession, trains in slices of about `frameMs`, and after each slice that finished epochs
 * posts one progress event with their metrics and the decision-boundary grid, so the UI hears
 * from it at most about 20 times a second however fast training is, and commands (pause) are
 * answered between slices. Every request is checked as strictly as the Electron main process
 * checks it, since in the browser nothing stands between the page and this loop.
 */
import type { BoundaryGrid, Pace, TrainerEvent, TrainingPatch, Watch } from '../ipc.ts'
import { MAX_EPOCHS, PARAMETERS_EVERY_MS } from '../ipc.ts'
import { validateInvokeArgs } from '../ipc-validate.ts'
import type { EpochMetrics, ModelFile } from '../model-file/types.ts'
import type { WorkerMessage, WorkerRequest } from '../worker-protocol.ts'
import { dataBounds, type Bounds } from '../data/bounds.ts'
import { TrainingSession } from './session.ts'

export interface TrainerHost {
  now(): number
  setTimer(fn: () => void, ms: number): unknown
  clearTimer(handle: unknown): void
  post(msg: WorkerMessage, transfer?: ArrayBuffer[]): void
}

export interface TrainerOptions {
  /** Cells per side of the decision-boundary grid. */
  gridSize?: number
  /** How long one training slice runs before progress is posted, in ms. */
  frameMs?: number
}

export interface Trainer {
  handle(req: WorkerRequest): void
  dispose(): void
}

/** Full speed, stopping by itself after 10,000 epochs (a few seconds on the presets). */
export const DEFAULT_PACE: Pace = { epochsPerSecond: null, stopAtEpoch: 10_000 }

export function createTrainer(host: TrainerHost, options: TrainerOptions = {}): Trainer {
  const gridSize = options.gridSize ?? 100
  const frameMs = options.frameMs ?? 50
  let session: TrainingSession | null = null
  let initial: ModelFile | null = null
  /** Hyperparameter changes since load: a reset keeps them, it only rewinds the weights. */
  let patches: TrainingPatch = {}
  let pace: Pace = DEFAULT_PACE
  let running = false
  let timer: unknown = null
  /** With a set pace: epochs owed (fractional) and when the debt was last counted. */
  let owed = 0
  let lastSlice = 0
  let bounds: Bounds = { xMin: -1, xMax: 1, yMin: -1, yMax: 1 }
  let pending: EpochMetrics[] = []
  let watch: Watch = { parameters: false }
  /** When parameters last went out (-Infinity: the next progress event carries them). */
  let parametersSent = -Infinity

  const emit = (event: TrainerEvent, transfer?: ArrayBuffer[]) =>
    host.post({ type: 'event', event }, transfer)

  function requireSession(): TrainingSession {
    if (!session) throw new Error('No model is loaded yet: load one before training.')
    return session
  }

  function grid(s: TrainingSession): BoundaryGrid {
    return { size: gridSize, ...bounds, outputs: s.outputCount, values: s.boundaryGrid(gridSize, bounds) }
  }

  function postProgress(): void {
    const s = requireSession()
    const g = grid(s)
    const event: TrainerEvent = { type: 'progress', running, epoch: s.epoch, metrics: pending, grid: g }
    const transfer = [g.values.buffer as ArrayBuffer]
    // While playing, at most every PARAMETERS_EVERY_MS; after a command (running false) always.
    const now = host.now()
    if (watch.parameters && (!running || now - parametersSent >= PARAMETERS_EVERY_MS)) {
      event.parameters = s.parameterValues()
      transfer.push(event.parameters.buffer as ArrayBuffer)
      parametersSent = now
    }
    emit(event, transfer)
    pending = []
  }

  /** The epoch play stops at: the pace's, never past what a history may hold. */
  const stopEpoch = () => Math.min(pace.stopAtEpoch, MAX_EPOCHS)

  /**
   * Runs a slice; one that throws (a model the session cannot train) ends the run with an error
   * event instead of escaping the timer, which would kill a Node worker or leave play stuck.
   */
  function slice(): void {
    try {
      runSlice()
    } catch (e) {
      stop()
      if (session) postProgress()
      emit({ type: 'error', message: e instanceof Error ? e.message : String(e) })
    }
  }

  /** Runs the epochs one slice may (by time and pace), reports them, and schedules the next slice. */
  function runSlice(): void {
    timer = null
    if (!running || !session) return
    const start = host.now()
    if (pace.epochsPerSecond !== null) {
      // Owe epochs for the time since the last slice; never more than one slice's worth, so a
      // busy machine slows training down instead of making it burst.
      owed = Math.min(
        owed + ((start - lastSlice) / 1000) * pace.epochsPerSecond,
        1 + (pace.epochsPerSecond * frameMs) / 1000,
      )
    }
    lastSlice = start
    const deadline = start + frameMs
    const before = pending.length
    while (
      session.epoch < stopEpoch() &&
      !session.divergence &&
      (pace.epochsPerSecond === null || owed >= 1) &&
      host.now() < deadline
    ) {
      pending.push(...session.step(1))
      owed--
    }
    if (session.divergence) stopDiverged()
    else if (session.epoch >= stopEpoch()) stop()
    if (pending.length > before || !running) postProgress()
    if (running) timer = host.setTimer(slice, pace.epochsPerSecond === null ? 0 : frameMs / 2)
  }

  function stop(): void {
    running = false
    if (timer !== null) host.clearTimer(timer)
    timer = null
  }

  /** Stops on a divergence just found: said once, not again by every later stop (reset, load, pause). */
  function stopDiverged(): void {
    stop()
    const d = session?.divergence
    if (d) emit({ type: 'diverged', epoch: d.epoch, message: d.message })
  }

  function load(file: ModelFile): void {
    // Built first: a model that cannot be built leaves the current run as it was.
    const next = TrainingSession.fromModelFile(file)
    stop()
    session = next
    initial = file
    patches = {}
    pending = []
    // The plot's extent: the renderer draws points and grid in the bounds each grid carries.
    bounds = dataBounds([...file.dataset.train, ...file.dataset.test])
  }

  const commands: { [C in WorkerRequest['channel']]: (...args: never[]) => unknown } = {
    'trainer:load'(file: ModelFile) {
      load(file)
      postProgress()
    },
    'trainer:play'() {
      const s = requireSession()
      if (s.divergence) throw new Error(s.divergence.message)
      if (s.epoch >= stopEpoch())
        throw new Error(
          `Training stops at epoch ${stopEpoch().toLocaleString('en')}, and this model is there. ` +
            (stopEpoch() < MAX_EPOCHS
              ? 'Raise "Stop at" or press reset to train again.'
              : 'Press reset to train again.'),
        )
      if (running) return
      running = true
      owed = 0
      lastSlice = host.now()
      timer = host.setTimer(slice, 0)
    },
    'trainer:pause'() {
      stop()
      if (session) postProgress()
    },
    'trainer:step'(epochs: number) {
      const s = requireSession()
      const room = MAX_EPOCHS - s.epoch
      if (room <= 0)
        throw new Error(
          `This model has trained ${MAX_EPOCHS.toLocaleString('en')} epochs, the most a history holds. Press reset to train again.`,
        )
      pending.push(...s.step(Math.min(epochs, room)))
      if (s.divergence) stopDiverged()
      postProgress()
    },
    'trainer:reset'() {
      if (!initial) throw new Error('No model is loaded yet: load one before resetting.')
      const keep = patches
      load(initial)
      if (Object.keys(keep).length > 0) requireSession().update(keep)
      patches = keep
      postProgress()
    },
    'trainer:update'(patch: TrainingPatch) {
      requireSession().update(patch)
      patches = { ...patches, ...patch }
    },
    'trainer:pace'(next: Pace) {
      pace = next
      owed = 0
      lastSlice = host.now()
    },
    'trainer:snapshot'() {
      return session ? session.toModelFile() : null
    },
    'trainer:watch'(next: Watch) {
      watch = next
      parametersSent = -Infinity
      if (session && !running) postProgress()
    },
  }

  return {
    handle(req) {
      try {
        const args = validateInvokeArgs(req.channel, req.args) as unknown[]
        const command = commands[req.channel] as (...args: unknown[]) => unknown
        host.post({ type: 'reply', id: req.id, result: command(...args) })
      } catch (e) {
        host.post({ type: 'reply', id: req.id, error: e instanceof Error ? e.message : String(e) })
      }
    },
    dispose() {
      stop()
      session = null
    },
  }
}

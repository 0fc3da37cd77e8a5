/**
 * The training loop a worker runs, independent of the worker kind: the Node worker_thread in the
 * desktop app and the Web Worker in the browser both wrap it in a few lines. It owns one
 * TrainingSession, trains in slices of about `frameMs`, and after each slice posts one progress
 * event with the finished epochs' metrics and the decision-boundary grid, so the UI hears from
 * it about 20 times a second however fast training is, and commands (pause) are answered between
 * slices.
 */
import type { BoundaryGrid, TrainerEvent, TrainingPatch } from '../ipc.ts'
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

/** Most epochs one 'trainer:step' command may ask for. */
export const MAX_STEP_EPOCHS = 10_000

export function createTrainer(host: TrainerHost, options: TrainerOptions = {}): Trainer {
  const gridSize = options.gridSize ?? 100
  const frameMs = options.frameMs ?? 50
  let session: TrainingSession | null = null
  let initial: ModelFile | null = null
  /** Hyperparameter changes since load: a reset keeps them, it only rewinds the weights. */
  let patches: TrainingPatch = {}
  let running = false
  let timer: unknown = null
  let bounds: Bounds = { xMin: -1, xMax: 1, yMin: -1, yMax: 1 }
  let pending: EpochMetrics[] = []

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
    emit({ type: 'progress', running, epoch: s.epoch, metrics: pending, grid: g }, [
      g.values.buffer as ArrayBuffer,
    ])
    pending = []
  }

  /** Runs epochs for one slice, reports them, and schedules the next slice. */
  function slice(): void {
    timer = null
    if (!running || !session) return
    const deadline = host.now() + frameMs
    do pending.push(...session.step(1))
    while (host.now() < deadline && !session.divergence)
    if (session.divergence) stop()
    postProgress()
    if (running) timer = host.setTimer(slice, 0)
  }

  function stop(): void {
    running = false
    if (timer !== null) host.clearTimer(timer)
    timer = null
    const d = session?.divergence
    if (d) emit({ type: 'diverged', epoch: d.epoch, message: d.message })
  }

  function load(file: ModelFile): void {
    stop()
    session = TrainingSession.fromModelFile(file)
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
      if (running) return
      running = true
      timer = host.setTimer(slice, 0)
    },
    'trainer:pause'() {
      stop()
      if (session) postProgress()
    },
    'trainer:step'(epochs: number) {
      if (!Number.isInteger(epochs) || epochs < 1 || epochs > MAX_STEP_EPOCHS)
        throw new Error(`Step takes a whole number of epochs from 1 to ${MAX_STEP_EPOCHS}, got ${epochs}.`)
      const s = requireSession()
      pending.push(...s.step(epochs))
      if (s.divergence) stop()
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
    'trainer:snapshot'() {
      return session ? session.toModelFile() : null
    },
  }

  return {
    handle(req) {
      try {
        const command = commands[req.channel] as ((...args: unknown[]) => unknown) | undefined
        if (!command) throw new Error(`Unknown trainer command "${String(req.channel)}".`)
        host.post({ type: 'reply', id: req.id, result: command(...req.args) })
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

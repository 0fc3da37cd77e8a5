/**
 * The training loop a worker runs, independent of the worker kind: the Node worker_thread in the
 * desktop app and the Web Worker in the browser both wrap it in a few lines. It owns one
 * TrainingSession, trains in slices of about `frameMs`, and after each slice that finished epochs
 * posts one progress event with their metrics and the decision-boundary grid, so the UI hears
 * from it at most about 20 times a second however fast training is, and commands (pause) are
 * answered between slices. Every request is checked as strictly as the Electron main process
 * checks it, since in the browser nothing stands between the page and this loop.
 *
 * It also keeps the run's snapshots (a SnapshotTimeline from the run's start, offered every epoch),
 * so the renderer can look back at a past epoch, continue from it (a fork, undoable once) and save
 * the timeline in the model file.
 */
import type {
  BoundaryGrid,
  DiagnosticsAt,
  ForkResult,
  GridBounds,
  Pace,
  PastView,
  SavedTimeline,
  TrainerEvent,
  TrainingPatch,
  Watch,
} from '../ipc.ts'
import {
  DIAGNOSTICS_EVERY_MS,
  MAX_EPOCHS,
  MAX_REPLACED_HISTORY,
  NEURONS_EVERY_MS,
  NEURON_GRID_SIZE,
  PARAMETERS_EVERY_MS,
  POINTS_EVERY_MS,
} from '../ipc.ts'
import { validateInvokeArgs } from '../ipc-validate.ts'
import type { DatasetJSON, EpochMetrics, ModelFile } from '../model-file/types.ts'
import type { WorkerMessage, WorkerRequest } from '../worker-protocol.ts'
import { dataBounds, type Bounds } from '../data/bounds.ts'
import { TrainingSession } from './session.ts'
import { serializeModelFile } from '../model-file/serialize.ts'
import { SNAPSHOT_BUDGET_BYTES, SnapshotTimeline, snapshotBytes, type Snapshot } from './snapshots.ts'
import { decodeTimeline, encodeTimeline, evenlySpread } from './timeline-file.ts'

export interface TrainerHost {
  now(): number
  setTimer(fn: () => void, ms: number): unknown
  clearTimer(handle: unknown): void
  post(msg: WorkerMessage, transfer?: ArrayBuffer[]): void
}

export interface TrainerOptions {
  /** Most cells per side of the decision-boundary grid (fewer for big networks, see boundarySize). */
  gridSize?: number
  /** How long one training slice runs before progress is posted, in ms. */
  frameMs?: number
  /** Keep snapshots for time travel (default true; off only to measure what they cost). */
  snapshots?: boolean
}

export interface Trainer {
  handle(req: WorkerRequest): void
  dispose(): void
}

/** Full speed, stopping by itself after 10,000 epochs (a few seconds on the presets). */
export const DEFAULT_PACE: Pace = { epochsPerSecond: null, stopAtEpoch: 10_000 }

/**
 * Cells per side of the boundary grid for a network: the full size up to 500 parameters, then
 * fewer so that cells × parameters stays near 5 million (a 100 × 100 grid of an 8 × 64 network
 * takes about half a second here), never below 40.
 */
export function boundarySize(parameters: number, max = 100): number {
  return Math.min(
    max,
    Math.max(Math.min(40, max), Math.floor(Math.sqrt(5_000_000 / Math.max(1, parameters)))),
  )
}

/**
 * Cells per side of the neuron grids: NEURON_GRID_SIZE, or half that past 5,000 parameters (8 × 64
 * neurons over 32 × 32 cells take over 0.1 s, one unbroken wait for a command; the diagram shows
 * those wide layers collapsed, as small squares).
 */
export function neuronGridSize(parameters: number): number {
  return parameters > 5_000 ? NEURON_GRID_SIZE / 2 : NEURON_GRID_SIZE
}

/**
 * A replaced history as a progress event carries it: all of it up to MAX_REPLACED_HISTORY entries,
 * else every 2^k-th epoch from the first (the spacing the renderer's EpochLog keeps) and the last.
 */
export function thinHistory(history: readonly EpochMetrics[], max = MAX_REPLACED_HISTORY): EpochMetrics[] {
  if (history.length <= max) return history.map((m) => ({ ...m }))
  let stride = 1
  while (history.length / stride > max) stride *= 2
  const first = history[0].epoch
  const out = history.filter((m) => (m.epoch - first) % stride === 0).map((m) => ({ ...m }))
  if (out.at(-1) !== history.at(-1)) out.push({ ...history.at(-1)! })
  return out
}

/**
 * When an extra that costs `costMs` to compute, last computed at `at`, is due again while
 * playing: after `everyMs`, and after 4 × its cost, so it takes at most a fifth of the trainer's time.
 */
export function isDue(now: number, at: number, costMs: number, everyMs: number): boolean {
  return now - at >= Math.max(everyMs, 4 * costMs)
}

export function createTrainer(host: TrainerHost, options: TrainerOptions = {}): Trainer {
  const gridSize = options.gridSize ?? 100
  const frameMs = options.frameMs ?? 50
  const recording = options.snapshots ?? true
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
  /** The square the learner's plot shows, once set: kept across loads, so a reload never moves it. */
  let view: GridBounds | null = null
  let pending: EpochMetrics[] = []
  let watch: Watch = { parameters: false }
  /** When parameters last went out (-Infinity: the next progress event carries them). */
  let parametersSent = -Infinity
  /** The extras that cost real time: when each was last computed and how long that took. */
  const costs = {
    grid: { at: -Infinity, ms: 0 },
    neurons: { at: -Infinity, ms: 0 },
    points: { at: -Infinity, ms: 0 },
    diagnostics: { at: -Infinity, ms: 0 },
  }
  let lastGrid: BoundaryGrid | null = null
  /** The run's snapshots (null with recording off, or before a load). */
  let timeline: SnapshotTimeline | null = null
  /** Snapshot epochs taken since the last progress event; null: the next one sends the whole list. */
  let newSnapshots: number[] | null = null
  /** What the last fork replaced, kept once so that it can be undone. */
  let forkUndo: { state: Snapshot; history: EpochMetrics[]; snapshots: readonly Snapshot[] } | null = null
  /** Memory the undo holds besides the timeline: the replaced snapshots after the fork's epoch. */
  let forkUndoBytes = 0
  /** What the last progress event said about undoing a fork. */
  let undoSent = false
  /** The next progress event carries the whole history (it was replaced, not extended). */
  let historyReplaced = false
  /** Diagnostics of the epochs snapshotted since the last progress event (see keep). */
  let diagnosticsSeries: DiagnosticsAt[] = []
  /** Buffers the reply of the command being handled may transfer instead of copy. */
  let replyTransfer: ArrayBuffer[] = []

  const emit = (event: TrainerEvent, transfer?: ArrayBuffer[]) =>
    host.post({ type: 'event', event }, transfer)

  function requireSession(): TrainingSession {
    if (!session) throw new Error('No model is loaded yet: load one before training.')
    return session
  }

  /** Runs `compute`, noting when and how long it took, if it is due (always after a command). */
  function timed<T>(what: keyof typeof costs, everyMs: number, compute: () => T): T | null {
    const c = costs[what]
    const start = host.now()
    if (running && !isDue(start, c.at, c.ms, everyMs)) return null
    const result = compute()
    c.at = start
    c.ms = host.now() - start
    return result
  }

  function grid(s: TrainingSession): BoundaryGrid {
    const size = boundarySize(s.parameterCount, gridSize)
    const fresh = timed('grid', 0, () => ({
      size,
      ...bounds,
      outputs: s.outputCount,
      values: s.boundaryGrid(size, bounds),
    }))
    if (fresh) lastGrid = fresh
    // Sent as a copy: the copy is transferred away, the original stays to be sent again while a
    // new one is not due.
    const g = lastGrid!
    return { ...g, values: g.values.slice() }
  }

  /** A fresh timeline for the run now loaded, holding its starting point. */
  function startTimeline(s: TrainingSession): void {
    forkUndo = null
    newSnapshots = null
    diagnosticsSeries = []
    if (!recording) return void (timeline = null)
    // Sized for Adam's state (the larger), so the budget holds whichever optimizer the run switches to.
    timeline = new SnapshotTimeline(s.parameterCount, 1 + 2 * s.parameterCount)
    timeline.offer(s.snapshot())
  }

  /**
   * Takes a snapshot of the epoch just finished if the timeline keeps that epoch (a cheap check
   * first), and that epoch's diagnostics while they are watched.
   */
  function keep(s: TrainingSession): void {
    if (!timeline?.wants(s.epoch)) return
    timeline.offer(s.snapshot())
    newSnapshots?.push(s.epoch)
    if (watch.diagnostics) diagnosticsSeries.push({ epoch: s.epoch, layers: s.diagnostics() })
    // An undo that would take the memory past the budget is let go.
    if (forkUndo && timeline.bytes + forkUndoBytes > SNAPSHOT_BUDGET_BYTES) forkUndo = null
  }

  /** Trains up to `epochs` epochs one at a time, keeping snapshots; their metrics go out with the next progress. */
  function train(s: TrainingSession, epochs: number): void {
    for (let i = 0; i < epochs; i++) {
      const done = s.step(1)
      if (done.length === 0) return
      pending.push(done[0])
      keep(s)
    }
  }

  function requireSnapshot(epoch: number): Snapshot {
    if (!timeline) throw new Error('This trainer keeps no snapshots, so there is no past to go back to.')
    const snap = timeline.at(epoch)
    if (!snap)
      throw new Error(
        `There is no snapshot at or before epoch ${epoch}: this run starts at epoch ${timeline.epochs()[0]}.`,
      )
    return snap
  }

  function postProgress(): void {
    const s = requireSession()
    if (!running) for (const c of Object.values(costs)) c.at = -Infinity
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
    if (watch.neurons) {
      const size = neuronGridSize(s.parameterCount)
      const values = timed('neurons', NEURONS_EVERY_MS, () => s.neuronGrids(size, bounds))
      if (values) {
        event.neurons = { size, ...bounds, units: s.layerUnits, values }
        transfer.push(values.buffer as ArrayBuffer)
      }
    }
    if (watch.points) {
      const points = timed('points', POINTS_EVERY_MS, () => s.pointOutputs())
      if (points) {
        event.points = points
        for (const set of [points.train, points.test])
          transfer.push(set.predicted.buffer as ArrayBuffer, set.loss.buffer as ArrayBuffer)
      }
    }
    if (watch.diagnostics) {
      const diagnostics = timed('diagnostics', DIAGNOSTICS_EVERY_MS, () => s.diagnostics())
      if (diagnostics) event.diagnostics = diagnostics
    }
    if (diagnosticsSeries.length > 0) {
      event.diagnosticsSeries = diagnosticsSeries
      diagnosticsSeries = []
    }
    if (timeline) {
      if (newSnapshots === null) event.timeline = { fresh: true, epochs: timeline.epochs() }
      else if (newSnapshots.length > 0) event.timeline = { fresh: false, epochs: newSnapshots }
      newSnapshots = []
    }
    if (historyReplaced) {
      event.history = thinHistory(s.history)
      historyReplaced = false
    }
    if ((forkUndo !== null) !== undoSent) {
      undoSent = forkUndo !== null
      event.canUndoFork = undoSent
    }
    emit(event, transfer)
    pending = []
  }

  /** The run as it was at a snapshot, for the views; transfers its buffers with the reply. */
  function lookAt(s: TrainingSession, snap: Snapshot): PastView {
    return s.withParameters(snap.parameters, () => {
      const size = boundarySize(s.parameterCount, gridSize)
      const parameters = snap.parameters.slice()
      const grid = { size, ...bounds, outputs: s.outputCount, values: s.boundaryGrid(size, bounds) }
      const view: PastView = { epoch: snap.epoch, parameters, grid, metrics: s.metricsAt(snap.epoch) }
      replyTransfer = [parameters.buffer as ArrayBuffer, grid.values.buffer as ArrayBuffer]
      if (watch.neurons) {
        const cells = neuronGridSize(s.parameterCount)
        const values = s.neuronGrids(cells, bounds)
        view.neurons = { size: cells, ...bounds, units: s.layerUnits, values }
        replyTransfer.push(values.buffer as ArrayBuffer)
      }
      if (watch.points) {
        view.points = s.pointOutputs()
        for (const set of [view.points.train, view.points.test])
          replyTransfer.push(set.predicted.buffer as ArrayBuffer, set.loss.buffer as ArrayBuffer)
      }
      if (watch.diagnostics) view.diagnostics = s.diagnostics()
      return view
    })
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
      train(session, 1)
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
    bounds = view ?? dataBounds([...file.dataset.train, ...file.dataset.test])
    lastGrid = null
    startTimeline(next)
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
      train(s, Math.min(epochs, room))
      if (s.divergence) stopDiverged()
      postProgress()
    },
    'trainer:reset'() {
      if (!initial) throw new Error('No model is loaded yet: load one before resetting.')
      const kept = patches
      load(initial)
      if (Object.keys(kept).length > 0) requireSession().update(kept)
      patches = kept
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
    'trainer:serialize'(studio: unknown) {
      return session ? serializeModelFile(session.toModelFile(), studio) : null
    },
    'trainer:watch'(next: Watch) {
      watch = next
      parametersSent = -Infinity
      for (const c of Object.values(costs)) c.at = -Infinity
      if (session && !running) postProgress()
    },
    'trainer:dataset'(dataset: DatasetJSON) {
      requireSession().setDataset(dataset)
      // A reset rewinds the weights, not the learner's edits.
      if (initial) initial = { ...initial, dataset }
      costs.points.at = -Infinity
      if (!running) postProgress()
    },
    'trainer:view'(next: GridBounds) {
      view = next
      bounds = next
      costs.grid.at = costs.neurons.at = -Infinity
      if (session && !running) postProgress()
    },
    'trainer:look-back'(epoch: number): PastView | null {
      if (!session) return null
      return lookAt(session, requireSnapshot(epoch))
    },
    'trainer:fork'(epoch: number): ForkResult {
      const s = requireSession()
      const snap = requireSnapshot(epoch)
      const t = timeline!
      const all = t.snapshots()
      forkUndo = { state: s.snapshot(), history: s.history.slice(), snapshots: all.slice() }
      forkUndoBytes = 0
      for (const k of all)
        if (k.epoch > snap.epoch) forkUndoBytes += snapshotBytes(k.parameters.length, k.optimizer.length)
      const replaced = s.epoch - snap.epoch
      s.restore(snap)
      t.truncateAfter(snap.epoch)
      pending = []
      newSnapshots = null
      historyReplaced = true
      postProgress()
      return { epoch: snap.epoch, replaced }
    },
    'trainer:undo-fork'() {
      const s = requireSession()
      const undo = forkUndo
      if (!undo || !timeline) throw new Error('There is no “Continue from here” to undo.')
      forkUndo = null
      s.restore(undo.state, undo.history)
      timeline.replaceWith(undo.snapshots)
      pending = []
      newSnapshots = null
      historyReplaced = true
      postProgress()
    },
    'trainer:timeline'(): SavedTimeline | null {
      return session && timeline ? encodeTimeline(timeline.snapshots()) : null
    },
    'trainer:set-timeline'(saved: SavedTimeline) {
      const s = requireSession()
      const snaps = decodeTimeline(saved)
      const n = s.parameterCount
      const other = snaps.find((k) => k.parameters.length !== n)
      if (other)
        throw new Error(
          `The saved timeline is of a network with ${other.parameters.length} parameters, but this one has ${n}.`,
        )
      const last = snaps.at(-1)
      if (last && last.epoch > s.epoch)
        throw new Error(
          `The saved timeline goes to epoch ${last.epoch}, past the model's own epoch ${s.epoch}.`,
        )
      if (!timeline) return
      // The model's own state stands for its epoch, whatever a snapshot of that epoch says.
      const list = [...snaps.filter((k) => k.epoch < s.epoch), s.snapshot()]
      timeline.replaceWith(evenlySpread(list.length, timeline.capacity).map((i) => list[i]))
      forkUndo = null
      newSnapshots = null
      if (!running) postProgress()
    },
  }

  return {
    handle(req) {
      try {
        const args = validateInvokeArgs(req.channel, req.args) as unknown[]
        const command = commands[req.channel] as (...args: unknown[]) => unknown
        replyTransfer = []
        const result = command(...args)
        host.post({ type: 'reply', id: req.id, result }, replyTransfer.length > 0 ? replyTransfer : undefined)
        replyTransfer = []
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

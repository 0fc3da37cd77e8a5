/**
 * Training: the hyperparameters the learner sets, and what the trainer (worker) reports back.
 * The store talks to the trainer only through AppApi, so it is the same in Electron and the browser.
 */
import { defineStore } from 'pinia'
import { computed, markRaw, nextTick, ref, shallowRef, watch } from 'vue'
import type {
  AppApi,
  BoundaryGrid,
  ExportRequest,
  LayerDiagnostics,
  NeuronGrids,
  Pace,
  PastView,
  PointOutputs,
  SavedTimeline,
  TrainerEvent,
  TrainingPatch,
  Watch,
} from '../../shared/src/ipc.ts'
import type { NetworkJSON } from '../../shared/src/nn/mlp.ts'
import { shapeOf, shapeParameterCount, unflattenParameters } from '../../shared/src/train/evaluator.ts'
import type {
  EpochMetrics,
  LossName,
  ModelFile,
  OptimizerConfig,
  ScheduleConfig,
} from '../../shared/src/model-file/types.ts'
import { createModelFile } from '../../shared/src/train/index.ts'
import { DEFAULT_PACE } from '../../shared/src/train/trainer.ts'
import { decodeTimeline } from '../../shared/src/train/timeline-file.ts'
import { squashes } from '../../shared/src/train/diagnostics.ts'
import { DiagnosticsLog } from '../charts/diagnostics-log.ts'
import { EpochLog } from '../charts/epoch-log.ts'
import { useConfirmStore } from './confirm.ts'
import { useDatasetStore } from './dataset.ts'
import { useNetworkStore } from './network.ts'

export type OptimizerName = OptimizerConfig['type']

/** The optimizer settings the controls show, as the model file wants them. */
export function optimizerConfig(
  type: OptimizerName,
  learningRate: number,
  momentum: number,
): OptimizerConfig {
  return type === 'sgd'
    ? { type, learningRate, momentum }
    : { type, learningRate, beta1: 0.9, beta2: 0.999, epsilon: 1e-8, weightDecay: 0 }
}

export type ScheduleName = ScheduleConfig['type']
export type RegularizationName = 'none' | 'l1' | 'l2'

/** The schedule the controls show, as the model file wants it. */
export function scheduleConfig(
  type: ScheduleName,
  finalLearningRate: number,
  epochs: number,
): ScheduleConfig {
  return type === 'constant' ? { type } : { type, finalLearningRate, epochs }
}

/** A tenth of a learning rate, without the binary noise (0.003 / 10 is 0.00030000000000000003). */
export function tenthOf(learningRate: number): number {
  return Number((learningRate / 10).toPrecision(12))
}

/** Edited data goes to the trainer at most this often while a stroke goes on (the last edit always). */
export const DATASET_EVERY_MS = 100

/** While scrubbing, the epoch looked at brings its point outputs and diagnostics at most this often. */
export const LOOK_EXTRAS_EVERY_MS = 250

/** What the last "Continue from here" did, for the notice beside the timeline (with its Undo). */
export type ForkNotice =
  { kind: 'forked'; epoch: number; replaced: number } | { kind: 'undone'; epoch: number }

export const useTrainingStore = defineStore('training', () => {
  // Made here, before any watcher below reads them: a store first made inside a watcher's getter
  // runs its setup there, and everything that setup reads becomes the watcher's dependency too
  // (the network watcher then reloaded the model at the first data edit).
  useDatasetStore()
  useNetworkStore()
  const loss = ref<LossName>('mse')
  const optimizer = ref<OptimizerName>('adam')
  const learningRate = ref(0.03)
  const momentum = ref(0.9)
  /** null: the whole training set per update (full batch). */
  const batchSize = ref<number | null>(null)
  const l1 = ref(0)
  const l2 = ref(0)
  // The rate the regularization controls offer while regularization is off, so that turning it on
  // (or switching L1 ↔ L2) keeps the rate the learner chose.
  const chosenRegularizationRate = ref(0.001)
  /** The penalty's factor (l1 or l2); kept while regularization is off. */
  const regularizationRate = computed<number>({
    get: () => (l1.value > 0 ? l1.value : l2.value > 0 ? l2.value : chosenRegularizationRate.value),
    set: (rate) => {
      chosenRegularizationRate.value = rate
      if (l1.value > 0) l1.value = rate
      else if (l2.value > 0) l2.value = rate
    },
  })
  /** Which penalty is on; one at a time (a loaded file with both shows L1 until changed). */
  const regularization = computed<RegularizationName>({
    get: () => (l1.value > 0 ? 'l1' : l2.value > 0 ? 'l2' : 'none'),
    set: (kind) => {
      const rate = regularizationRate.value
      l1.value = kind === 'l1' ? rate : 0
      l2.value = kind === 'l2' ? rate : 0
    },
  })
  const schedule = ref<ScheduleName>('constant')
  /**
   * Where a linear schedule ends: a tenth of the learning rate (set when linear is chosen, and
   * following the learning rate) until the learner picks another.
   */
  const finalLearningRate = ref(tenthOf(0.03))
  /** Epochs a linear schedule takes to reach its final rate (then it stays there). */
  const scheduleEpochs = ref(100)
  /** Epochs per second while playing; null: as fast as the machine can. */
  const speed = ref<number | null>(DEFAULT_PACE.epochsPerSecond)
  /** Play stops by itself at this epoch. */
  const stopAt = ref(DEFAULT_PACE.stopAtEpoch)

  const running = ref(false)
  const epoch = ref(0)
  const latest = shallowRef<EpochMetrics | null>(null)
  /**
   * The run's epochs for the curves: all of them while the run is short, then evenly thinned (see
   * EpochLog). Not reactive (it changes every frame): watch `historyVersion` instead.
   */
  const history = markRaw(new EpochLog())
  const historyVersion = ref(0)
  /** Counts fresh starts (load, reset): a chart seeing it change starts its curves over. */
  const run = ref(0)
  const grid = shallowRef<BoundaryGrid | null>(null)
  /** A message for the banner: divergence, a refused command, a worker that failed. */
  const error = ref<string | null>(null)
  /** The divergence message the banner shows, if that is what it shows. */
  const divergence = ref<string | null>(null)
  /** Whether the trainer holds a model built from the current data and network. */
  const loaded = ref(false)
  /** The network last handed to the trainer (its shape and initial weights). */
  const loadedNetwork = shallowRef<NetworkJSON | null>(null)
  /**
   * The trainer's current weights and biases, flat in MLP.parameters() order, while some view
   * needs them (see needParameters); null otherwise or before the first report.
   */
  const parameters = shallowRef<Float64Array | null>(null)
  /** The loaded network with these weights, or null when they are not its own. */
  function withWeights(p: Float64Array | null): NetworkJSON | null {
    const net = loadedNetwork.value
    if (!net || !p || p.length !== shapeParameterCount(shapeOf(net))) return null
    return unflattenParameters(shapeOf(net), net.inputs, p)
  }
  /** The loaded network with the trainer's current weights, while parameters are watched. */
  const network = computed<NetworkJSON | null>(() => withWeights(parameters.value))
  /** The network of a load on its way: the progress event it answers with arrives before the reply. */
  let loading: NetworkJSON | null = null
  /** How many views want the weights live: the trainer sends them only while someone does. */
  const parameterWatchers = ref(0)
  /** Every neuron's output over a coarse grid, while some view needs it (the diagram); else null. */
  const neurons = shallowRef<NeuronGrids | null>(null)
  const neuronWatchers = ref(0)
  /** Every point's prediction and loss for the current data, while some view needs them; else null. */
  const points = shallowRef<PointOutputs | null>(null)
  const pointWatchers = ref(0)
  /**
   * The switch to softmax cross-entropy that more than two classes made, while it holds: whether the
   * output activation was made linear too. Null before one, and once the data is back to two classes.
   */
  const softmaxSwitch = ref<{ squashed: boolean } | null>(null)
  /**
   * A short notice about the loss the data asked for ("3 classes: softmax cross-entropy"), or null.
   * It follows the data and the loss: the count of now, and gone once another loss is chosen.
   */
  const lossNotice = computed(() => {
    const k = useDatasetStore().classes.length
    if (!softmaxSwitch.value || loss.value !== 'cross_entropy' || k <= 2) return null
    return (
      `${k} classes: the loss is now softmax cross-entropy, one output per class` +
      (softmaxSwitch.value.squashed
        ? ', with a linear output activation (softmax needs raw scores; tanh would cap them at ±1)'
        : '') +
      '. Mean squared error (one-vs-rest) stays selectable.'
    )
  })
  /** Each layer's latest diagnostics, while some view needs them (the Diagnostics panel); else null. */
  const diagnostics = shallowRef<LayerDiagnostics[] | null>(null)
  const diagnosticsWatchers = ref(0)
  /** Diagnostics over the run, per layer (not reactive: watch `diagnosticsVersion`). */
  const diagnosticsLog = markRaw(new DiagnosticsLog())
  const diagnosticsVersion = ref(0)
  /** The diagnostics series as it was before the last fork, to put back if it is undone. */
  let diagnosticsBeforeFork: DiagnosticsLog | null = null

  // ---------- time travel: the snapshots and the epoch the views show ----------

  /** The epochs that have a snapshot, oldest first (the timeline's stops). */
  const timelineEpochs = shallowRef<readonly number[]>([])
  /**
   * The past epoch the views show while the learner looks back (see lookBack), or null: they show
   * now. Everything the views read below (epoch, latest, grid, network, neurons, points,
   * diagnostics) answers for it; the live values stay under live*.
   */
  const viewing = shallowRef<PastView | null>(null)
  /** The point outputs and diagnostics the views show for the epoch looked at (see show). */
  const viewingExtras = shallowRef<Pick<PastView, 'points' | 'diagnostics'> | null>(null)
  /** The epoch asked for last, ahead of its reply (the timeline's value); null: now. */
  const lookingAt = ref<number | null>(null)
  /** Whether the last fork can still be undone (the trainer says). */
  const canUndoFork = ref(false)
  const forkNotice = ref<ForkNotice | null>(null)
  /** Why a file's saved timeline was not used, for the learner; null when nothing to say. */
  const timelineNotice = ref<string | null>(null)

  let api: AppApi | null = null
  let unsubscribe: (() => void) | null = null

  function receive(e: TrainerEvent): void {
    if (e.type === 'progress') {
      let changed = e.metrics.length > 0
      if (e.history) {
        // A fork or its undo: the same run with another history, not a fresh start.
        history.clear()
        for (const m of e.history) history.add(m)
        diagnosticsLog.truncateAfter(e.epoch)
        diagnosticsVersion.value++
        changed = true
      } else if (e.epoch === 0 || e.epoch < (history.latest?.epoch ?? 0)) {
        if (history.latest) changed = true
        history.clear()
        run.value++
      }
      if (e.timeline) {
        const { fresh, epochs } = e.timeline
        timelineEpochs.value = fresh ? epochs : [...timelineEpochs.value, ...epochs]
        // A new run (load, reset) or a new list: what was looked at may be gone.
        if (fresh) backToNow()
        if (fresh && !e.history) {
          forkNotice.value = null
          diagnosticsLog.clear()
          diagnosticsVersion.value++
        }
      }
      if (e.canUndoFork !== undefined) canUndoFork.value = e.canUndoFork
      // The snapshotted epochs' diagnostics first (older), then the latest.
      for (const d of e.diagnosticsSeries ?? []) diagnosticsLog.add(d.epoch, d.layers)
      if (e.diagnostics) {
        diagnostics.value = e.diagnostics
        diagnosticsLog.add(e.epoch, e.diagnostics)
      }
      if (e.diagnostics || e.diagnosticsSeries) diagnosticsVersion.value++
      for (const m of e.metrics) history.add(m)
      running.value = e.running
      epoch.value = e.epoch
      latest.value = history.latest
      grid.value = e.grid
      // Weights of a model loaded since (another shape) are not this network's: wait for the next.
      const net = loading ?? loadedNetwork.value
      if (e.parameters && net && e.parameters.length === shapeParameterCount(shapeOf(net)))
        parameters.value = e.parameters
      if (e.neurons && net && e.neurons.units.join() === net.layers.map((l) => l.weights.length).join())
        neurons.value = e.neurons
      if (e.points) {
        // Outputs computed before an edit reached the trainer: after points were added they still
        // describe the first ones (adding appends); after points were erased they index nothing.
        const d = useDatasetStore().dataset
        const fits =
          e.points.train.loss.length <= d.train.length && e.points.test.loss.length <= d.test.length
        points.value = fits ? e.points : null
      }
      // The curves redraw only when there is something new to draw (edits bring epoch-less reports).
      if (changed) historyVersion.value++
    } else {
      running.value = false
      // An error event means the worker failed or died (main restarts it empty): the next play
      // or step loads the model again instead of being refused with "No model is loaded".
      if (e.type === 'error') loaded.value = false
      error.value = e.message
      divergence.value = e.type === 'diverged' ? e.message : null
    }
  }

  /** Sends a command; a refusal becomes the banner message instead of an unhandled rejection. */
  async function call(command: (api: AppApi) => Promise<void>): Promise<boolean> {
    if (!api) {
      error.value = 'The trainer is not connected yet. Reload the page and try again.'
      return false
    }
    try {
      await command(api)
      return true
    } catch (e) {
      error.value = e instanceof Error ? e.message : String(e)
      return false
    }
  }

  function patch(): TrainingPatch {
    return {
      loss: loss.value,
      optimizer: optimizerConfig(optimizer.value, learningRate.value, momentum.value),
      schedule: scheduleConfig(schedule.value, finalLearningRate.value, scheduleEpochs.value),
      batchSize: batchSize.value,
      l1: l1.value,
      l2: l2.value,
    }
  }

  function pace(): Pace {
    return { epochsPerSecond: speed.value, stopAtEpoch: stopAt.value }
  }

  /** A fresh model file from the current data, network and hyperparameters. */
  function modelFile(): ModelFile {
    const data = useDatasetStore()
    const net = useNetworkStore()
    return createModelFile({
      name: `${data.preset}, ${net.shape}`,
      dataset: data.dataset,
      inputs: [...net.inputs],
      layers: net.layers,
      training: patch(),
      seed: net.seed,
    })
  }

  /** Counts loads: only the latest one may say whether the trainer holds the current model. */
  let loads = 0
  /**
   * True while a saved session is being put back (loadFile): the watchers that would hand the
   * trainer a fresh epoch-0 model for the "new" settings and data must stand still.
   */
  let restoring = false
  /** Whether the trainer holds a session opened from a file (reset then starts the model afresh). */
  let fromFile = false

  /** Hands the trainer a fresh model: epoch 0, the initial weights for the network's seed. */
  async function load(): Promise<boolean> {
    const mine = ++loads
    fromFile = false
    timelineNotice.value = null
    let file: ModelFile
    try {
      file = modelFile()
    } catch (e) {
      error.value = `Could not build the network: ${e instanceof Error ? e.message : String(e)}`
      // The trainer still holds the previous model; commands must not pretend it is this one.
      loaded.value = false
      return false
    }
    loading = file.network
    const ok = await call((a) => a.loadModel(file))
    if (mine === loads) {
      loading = null
      loaded.value = ok
      if (ok) {
        loadedNetwork.value = file.network
        // What the load's own progress event brought is this network's; anything else is not.
        const units = file.network.layers.map((l) => l.weights.length).join()
        if (parameters.value?.length !== shapeParameterCount(shapeOf(file.network))) parameters.value = null
        if (neurons.value && neurons.value.units.join() !== units) neurons.value = null
      }
    }
    return ok && mine === loads
  }

  async function play(): Promise<void> {
    if (!loaded.value && !(await load())) return
    if (await call((a) => a.play())) running.value = true
  }

  async function pause(): Promise<void> {
    if (await call((a) => a.pause())) running.value = false
  }

  async function toggle(): Promise<void> {
    await (running.value ? pause() : play())
  }

  async function step(): Promise<void> {
    if (!loaded.value && !(await load())) return
    await call((a) => a.step(1))
  }

  /** Back to epoch 0 and the same initial weights (hyperparameter changes are kept). */
  async function reset(): Promise<void> {
    // The trainer's own reset would go back to where the file was opened, not to the start.
    if (!loaded.value || fromFile) {
      await load()
      return
    }
    if (await call((a) => a.reset())) running.value = false
  }

  /** Shows a saved run's settings in the controls (set in an order the linked controls keep). */
  function applySettings(t: ModelFile['training']): void {
    loss.value = t.loss
    optimizer.value = t.optimizer.type
    learningRate.value = t.optimizer.learningRate
    if (t.optimizer.type === 'sgd') momentum.value = t.optimizer.momentum
    batchSize.value = t.batchSize
    l1.value = t.l1
    l2.value = t.l2
    if (t.l1 > 0 || t.l2 > 0) chosenRegularizationRate.value = t.l1 > 0 ? t.l1 : t.l2
    // The schedule's own watchers set a default final rate: the saved one goes in after them.
    schedule.value = t.schedule.type
    if (t.schedule.type === 'linear') {
      finalLearningRate.value = t.schedule.finalLearningRate
      scheduleEpochs.value = t.schedule.epochs
    }
  }

  /**
   * Puts a saved session back: its settings in the controls, the file itself in the trainer (its
   * weights, optimizer and generator state, so training continues exactly), its history in the
   * curves. `arrange` sets the other stores (data, network) while the reload watchers stand still.
   */
  async function loadFile(
    file: ModelFile,
    arrange: () => void = () => {},
    nextPace?: Pace,
    timeline?: unknown,
  ): Promise<boolean> {
    const mine = ++loads
    restoring = true
    try {
      applySettings(file.training)
      if (nextPace) {
        speed.value = nextPace.epochsPerSecond
        stopAt.value = nextPace.stopAtEpoch
      }
      arrange()
      // Let the watchers see the new values (and return) while restoring is still set.
      await nextTick()
      await nextTick()
    } finally {
      restoring = false
    }
    if (nextPace) await call((a) => a.setPace(pace()))
    loading = file.network
    const ok = await call((a) => a.loadModel(file))
    if (mine !== loads) return false
    loading = null
    loaded.value = ok
    if (!ok) return false
    fromFile = true
    loadedNetwork.value = file.network
    // What the load's own progress event brought is this network's; anything else is not.
    if (parameters.value?.length !== shapeParameterCount(shapeOf(file.network))) parameters.value = null
    const units = file.network.layers.map((l) => l.weights.length).join()
    if (neurons.value && neurons.value.units.join() !== units) neurons.value = null
    running.value = false
    history.clear()
    for (const m of file.history) history.add(m)
    latest.value = history.latest
    epoch.value = file.training.epoch
    run.value++
    historyVersion.value++
    timelineNotice.value = null
    if (timeline !== undefined && timeline !== null) await putTimelineBack(timeline, file.training.epoch)
    return true
  }

  /**
   * Hands the trainer a file's saved timeline (the `studio` object's); a damaged one is dropped with
   * a notice (timelineNotice) and the model stays open as loaded, its timeline starting at its epoch.
   */
  async function putTimelineBack(saved: unknown, fileEpoch: number): Promise<boolean> {
    const drop = (why: string) => {
      timelineNotice.value =
        `The snapshots saved in this file could not be used (${why.replace(/\.$/, '')}), so the timeline ` +
        `starts at epoch ${fileEpoch.toLocaleString('en')}. The model itself opened as saved.`
      return false
    }
    try {
      // Checked here first: the message then names the bad field without a round trip.
      decodeTimeline(saved)
    } catch (e) {
      return drop(e instanceof Error ? e.message : String(e))
    }
    if (!api) return drop('the trainer is not connected')
    try {
      await api.importTimeline(saved as SavedTimeline)
      return true
    } catch (e) {
      return drop(e instanceof Error ? e.message : String(e))
    }
  }

  /**
   * The run's snapshots as plain JSON for the model file's `studio` object (thinned evenly to stay
   * within a few MB), or null when there is no run; loadFile's `timeline` takes it back.
   */
  async function timelineForFile(): Promise<SavedTimeline | null> {
    if (!api) return null
    try {
      return await api.exportTimeline()
    } catch (e) {
      error.value = e instanceof Error ? e.message : String(e)
      return null
    }
  }

  /**
   * Shows the run at the latest snapshot at or before `at` (the views follow; training goes on).
   * While a look is on its way only the latest request waits, so dragging never queues requests.
   */
  let looking = false
  let lookAsked = 0
  async function lookBack(at: number): Promise<void> {
    lookingAt.value = at
    lookAsked++
    if (looking || !api) return
    looking = true
    const target = api
    try {
      let served = -1
      while (lookingAt.value !== null && served !== lookAsked) {
        served = lookAsked
        const past = await target.lookBack(lookingAt.value)
        // Back to now meanwhile (letting go, a reset): the reply is old news.
        if (lookingAt.value === null) break
        if (past && withWeights(past.parameters)) show(past)
        // At most one look per frame (the views draw the newest one when their turn comes).
        if (served !== lookAsked) await new Promise((r) => requestAnimationFrame(r))
      }
    } catch (e) {
      backToNow()
      error.value = e instanceof Error ? e.message : String(e)
    } finally {
      looking = false
    }
  }

  /**
   * Shows a look's reply. Its point outputs and diagnostics (the confusion matrix, the hardest
   * points, the Diagnostics panel) follow at most every LOOK_EXTRAS_EVERY_MS while the learner
   * scrubs, as the live ones do while training, the last one always: redrawing all of them for
   * every epoch dragged past is what made scrubbing slow.
   */
  let extrasAt = -Infinity
  let extrasTimer: ReturnType<typeof setTimeout> | null = null
  function show(past: PastView): void {
    viewing.value = markRaw(past)
    if (extrasTimer !== null) clearTimeout(extrasTimer)
    const apply = () => {
      extrasTimer = null
      viewingExtras.value = { points: past.points, diagnostics: past.diagnostics }
      extrasAt = performance.now()
    }
    const wait = extrasAt + LOOK_EXTRAS_EVERY_MS - performance.now()
    if (wait <= 0) apply()
    else extrasTimer = setTimeout(apply, wait)
  }

  /** The views show now again. */
  function backToNow(): void {
    lookingAt.value = null
    viewing.value = null
    viewingExtras.value = null
    if (extrasTimer !== null) clearTimeout(extrasTimer)
    extrasTimer = null
    extrasAt = -Infinity
  }

  /** Asks again for the epoch looked at (what the trainer attaches, or the view, changed). */
  function refreshLook(): void {
    if (lookingAt.value !== null) void lookBack(lookingAt.value)
  }

  /**
   * "Continue from here": the run goes on from the snapshot shown (its later history is replaced,
   * and the curves keep the part before it). Undoable once with undoContinue.
   */
  async function continueFromHere(): Promise<boolean> {
    const at = viewing.value?.epoch ?? lookingAt.value
    if (at === null || !api) return false
    const before = diagnosticsLog.clone()
    try {
      const result = await api.continueFrom(at)
      diagnosticsBeforeFork = before
      forkNotice.value = { kind: 'forked', ...result }
      // Going back before a blow-up is how a divergence is mended.
      if (divergence.value !== null && error.value === divergence.value) dismissError()
      return true
    } catch (e) {
      error.value = e instanceof Error ? e.message : String(e)
      return false
    } finally {
      backToNow()
    }
  }

  /** Undoes the last "Continue from here": back to the run, history and snapshots it replaced. */
  async function undoContinue(): Promise<boolean> {
    if (!(await call((a) => a.undoContinue()))) return false
    if (diagnosticsBeforeFork) diagnosticsLog.replaceWith(diagnosticsBeforeFork)
    diagnosticsBeforeFork = null
    diagnosticsVersion.value++
    forkNotice.value = { kind: 'undone', epoch: epoch.value }
    backToNow()
    return true
  }

  /** The trainer's session as a model file (weights, optimizer and generator state, history), or null. */
  async function snapshot(): Promise<ModelFile | null> {
    if (!api) return null
    try {
      return await api.snapshot()
    } catch (e) {
      error.value = e instanceof Error ? e.message : String(e)
      return null
    }
  }

  function dismissError(): void {
    error.value = null
    divergence.value = null
  }

  function watching(): Watch {
    return {
      parameters: parameterWatchers.value > 0,
      neurons: neuronWatchers.value > 0,
      points: pointWatchers.value > 0,
      diagnostics: diagnosticsWatchers.value > 0,
    }
  }

  /** A counter of views needing something live: returns the release function (idempotent). */
  function need(counter: typeof parameterWatchers): () => void {
    counter.value++
    let released = false
    return () => {
      if (released) return
      released = true
      counter.value--
    }
  }

  /**
   * Asks for the weights live (a view that shows them calls this when it appears); returns the
   * function to call when it goes away. The trainer sends them only while someone needs them.
   */
  function needParameters(): () => void {
    return need(parameterWatchers)
  }

  /** Asks for the neuron grids live (the network diagram); returns the release function. */
  function needNeurons(): () => void {
    return need(neuronWatchers)
  }

  /** Asks for every point's prediction and loss (mistakes, confusion matrix, hardest points). */
  function needPoints(): () => void {
    return need(pointWatchers)
  }

  /** Asks for each layer's diagnostics live (the Diagnostics panel); returns the release function. */
  function needDiagnostics(): () => void {
    return need(diagnosticsWatchers)
  }

  // Keyed by a string: a fresh array would count as a change whenever a counter moves.
  watch(
    () => JSON.stringify(watching()),
    () => {
      const w = watching()
      if (!w.parameters) parameters.value = null
      if (!w.neurons) neurons.value = null
      if (!w.points) points.value = null
      if (!w.diagnostics) diagnostics.value = null
      // A past epoch looked at gets what is now watched too.
      if (api) void call((a) => a.watch(w)).then(refreshLook)
    },
  )

  /** Connects to a trainer and loads the first model; call once at start-up. */
  async function connect(next: AppApi): Promise<void> {
    unsubscribe?.()
    api = next
    unsubscribe = next.onTrainerEvent(receive)
    await call((a) => a.setPace(pace()))
    await call((a) => a.watch(watching()))
    await call((a) => a.setView(useDatasetStore().view))
    await load()
  }

  function disconnect(): void {
    unsubscribe?.()
    unsubscribe = null
    api = null
  }

  /**
   * Chooses the loss. With two classes, softmax cross-entropy takes two outputs and the others one:
   * switching between them rebuilds the output layer (asked first once trained); with more classes
   * every loss works on one output per class and the change is live.
   */
  function setLoss(next: LossName): void {
    // The learner's own choice: the notice of the data's switch is old news, even if they come back.
    if (next !== loss.value) softmaxSwitch.value = null
    const net = useNetworkStore()
    const outputs = next === 'cross_entropy' ? 2 : 1
    if (useDatasetStore().classes.length > 2 || outputs === net.binaryOutputs) {
      loss.value = next
      return
    }
    net.propose(
      `Loss ${next === 'cross_entropy' ? 'softmax cross-entropy (two outputs)' : `${next} (one output)`}`,
      (a) => {
        a.binaryOutputs = outputs
        // The output layer is rebuilt anyway: softmax gets raw scores, not ones squashed into ±1.
        if (next === 'cross_entropy' && squashes(a.outputActivation)) a.outputActivation = 'linear'
      },
      () => (loss.value = next),
    )
  }

  // The output layer follows the data: more than two classes switch to softmax cross-entropy (mse
  // one-vs-rest stays selectable); back to two, the loss chosen decides one output or two.
  // Synchronous, so the model rebuilt for the new data already has a loss it can use.
  watch(
    () => useDatasetStore().classes.length,
    (k, before) => {
      const net = useNetworkStore()
      if (k > 2 && before <= 2 && loss.value !== 'cross_entropy') {
        loss.value = 'cross_entropy'
        // The output layer is rebuilt for the new class count anyway; tanh would cap softmax's scores.
        const squashed = squashes(net.outputActivation)
        if (squashed) net.outputActivation = 'linear'
        softmaxSwitch.value = { squashed }
      } else if (k <= 2) {
        softmaxSwitch.value = null
        net.binaryOutputs = loss.value === 'cross_entropy' ? 2 : 1
      }
    },
    { flush: 'sync' },
  )

  // The confirm dialog asks before throwing away a model that has trained.
  watch(epoch, (e) => (useConfirmStore().trained = e > 0), { flush: 'sync' })

  // Micrograd's demo decays 1.0 → 0.1: choosing linear starts from a tenth of the current rate.
  // Synchronous, so the change reaches the trainer as one patch with the final rate already set.
  watch(
    schedule,
    (type) => {
      if (type === 'linear') finalLearningRate.value = tenthOf(learningRate.value)
    },
    { flush: 'sync' },
  )

  // A final rate still at its default follows the learning rate; one the learner chose stays.
  watch(
    learningRate,
    (lr, before) => {
      if (finalLearningRate.value === tenthOf(before)) finalLearningRate.value = tenthOf(lr)
    },
    { flush: 'sync' },
  )

  /**
   * Whether the trainer holds a model of the current architecture (same output count): data and
   * hyperparameters then go to it in place; otherwise a reload is on its way and they wait for it.
   */
  function sameOutputs(): boolean {
    const net = loadedNetwork.value
    return loaded.value && net !== null && net.layers.at(-1)!.weights.length === useNetworkStore().outputUnits
  }

  // Hyperparameters change while training, without a restart.
  const hyperparameters = [
    loss,
    optimizer,
    learningRate,
    momentum,
    schedule,
    finalLearningRate,
    scheduleEpochs,
  ]
  watch([...hyperparameters, batchSize, l1, l2], async () => {
    if (!sameOutputs() || restoring) return
    // A new setting answers a divergence (the trainer clears it too); other messages stay.
    const diverged = divergence.value
    if ((await call((a) => a.updateTraining(patch()))) && diverged !== null && error.value === diverged) {
      error.value = null
      divergence.value = null
    }
  })

  // Speed and the stop epoch apply at once, also mid-run.
  watch([speed, stopAt], () => {
    if (api && !restoring) void call((a) => a.setPace(pace()))
  })

  // A new network means a new model: the trainer stops and starts over at epoch 0.
  watch(
    () => {
      const net = useNetworkStore()
      // By value: the layers are recomputed (a new array) whenever anything they read changes.
      return JSON.stringify([net.layers, net.inputs, net.seed])
    },
    () => {
      if (api && !restoring) void load()
    },
  )

  // Edited data goes to the trainer in place (weights kept). While a stroke sends edits faster than
  // the trainer answers, only the latest waits: one request in flight at a time.
  // And at most every DATASET_EVERY_MS: each one costs a copy of every point and a report back.
  let sending = false
  let sendAgain = false
  /** The message of the last data edit the trainer refused, while it is the latest word on the data. */
  let datasetRefusal: string | null = null
  let lastSent = -Infinity
  async function pushDataset(): Promise<void> {
    if (sending) {
      sendAgain = true
      return
    }
    sending = true
    do {
      sendAgain = false
      const wait = lastSent + DATASET_EVERY_MS - performance.now()
      if (wait > 0) await new Promise((r) => setTimeout(r, wait))
      if (!sameOutputs()) break
      const d = useDatasetStore().dataset
      lastSent = performance.now()
      // A refusal (an empty training set) is said; the next edit the trainer takes answers it.
      const refusedBefore = datasetRefusal
      if (await call((a) => a.updateDataset(d))) {
        if (refusedBefore !== null && error.value === refusedBefore) error.value = null
        datasetRefusal = null
      } else datasetRefusal = error.value
    } while (sendAgain)
    sending = false
  }
  watch(
    () => useDatasetStore().dataset,
    () => {
      if (api && !restoring) void pushDataset()
    },
  )

  /** Resolves once every data edit made so far has reached the trainer (say, before its session is saved). */
  async function datasetSent(): Promise<void> {
    await nextTick()
    while (sending) await new Promise((r) => setTimeout(r, 10))
  }
  watch(
    () => useDatasetStore().view,
    (view) => {
      if (api) void call((a) => a.setView(view)).then(refreshLook)
    },
  )

  /** Saves a file through the platform (a save dialog on the desktop, a download in the browser). */
  async function exportFile(request: ExportRequest): Promise<string | null> {
    if (!api) {
      error.value = 'The app is not connected yet. Reload the page and try again.'
      return null
    }
    try {
      return await api.exportFile(request)
    } catch (e) {
      error.value = `Could not export: ${e instanceof Error ? e.message : String(e)}`
      return null
    }
  }

  // ---------- what the views read: the epoch looked at, or now ----------

  const shownEpoch = computed(() => viewing.value?.epoch ?? epoch.value)
  const shownLatest = computed(() => (viewing.value ? viewing.value.metrics : latest.value))
  const shownGrid = computed(() => viewing.value?.grid ?? grid.value)
  const shownParameters = computed(() => viewing.value?.parameters ?? parameters.value)
  const shownNetwork = computed(() => (viewing.value ? withWeights(viewing.value.parameters) : network.value))
  const shownNeurons = computed(() => (viewing.value ? (viewing.value.neurons ?? null) : neurons.value))
  const shownPoints = computed(() => {
    if (!viewing.value) return points.value
    const p = viewingExtras.value?.points
    // Outputs for points since erased index nothing (see receive).
    const d = useDatasetStore().dataset
    return p && p.train.loss.length <= d.train.length && p.test.loss.length <= d.test.length ? p : null
  })
  const shownDiagnostics = computed(() =>
    viewing.value ? (viewingExtras.value?.diagnostics ?? null) : diagnostics.value,
  )

  return {
    loss,
    optimizer,
    learningRate,
    momentum,
    batchSize,
    l1,
    l2,
    regularization,
    regularizationRate,
    schedule,
    finalLearningRate,
    scheduleEpochs,
    speed,
    stopAt,
    running,
    /** The epoch the views show: the one looked back at, else now (liveEpoch). */
    epoch: shownEpoch,
    latest: shownLatest,
    history,
    historyVersion,
    run,
    grid: shownGrid,
    error,
    loaded,
    loadedNetwork,
    parameters: shownParameters,
    network: shownNetwork,
    neurons: shownNeurons,
    points: shownPoints,
    diagnostics: shownDiagnostics,
    liveEpoch: epoch,
    liveLatest: latest,
    liveGrid: grid,
    liveNetwork: network,
    liveDiagnostics: diagnostics,
    diagnosticsLog,
    diagnosticsVersion,
    timelineEpochs,
    viewing,
    lookingAt,
    canUndoFork,
    forkNotice,
    timelineNotice,
    lookBack,
    backToNow,
    continueFromHere,
    undoContinue,
    timelineForFile,
    lossNotice,
    needParameters,
    needNeurons,
    needPoints,
    needDiagnostics,
    setLoss,
    exportFile,
    receive,
    modelFile,
    load,
    play,
    pause,
    toggle,
    step,
    reset,
    loadFile,
    applySettings,
    datasetSent,
    snapshot,
    dismissError,
    connect,
    disconnect,
  }
})

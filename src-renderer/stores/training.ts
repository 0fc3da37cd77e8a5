/**
 * Training: the hyperparameters the learner sets, and what the trainer (worker) reports back.
 * The store talks to the trainer only through AppApi, so it is the same in Electron and the browser.
 */
import { defineStore } from 'pinia'
import { computed, markRaw, nextTick, ref, shallowRef, watch } from 'vue'
import type { AppApi, BoundaryGrid, Pace, TrainerEvent, TrainingPatch, Watch } from '../../shared/src/ipc.ts'
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
import { EpochLog } from '../charts/epoch-log.ts'
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

export const useTrainingStore = defineStore('training', () => {
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
  /** The loaded network with the trainer's current weights, while parameters are watched. */
  const network = computed<NetworkJSON | null>(() => {
    const net = loadedNetwork.value
    const p = parameters.value
    if (!net || !p) return null
    return unflattenParameters(shapeOf(net), net.inputs, p)
  })
  /** How many views want the weights live: the trainer sends them only while someone does. */
  const parameterWatchers = ref(0)

  let api: AppApi | null = null
  let unsubscribe: (() => void) | null = null

  function receive(e: TrainerEvent): void {
    if (e.type === 'progress') {
      if (e.epoch === 0 || e.epoch < (history.latest?.epoch ?? 0)) {
        history.clear()
        run.value++
      }
      for (const m of e.metrics) history.add(m)
      running.value = e.running
      epoch.value = e.epoch
      latest.value = history.latest
      grid.value = e.grid
      // Weights of a model loaded since (another shape) are not this network's: wait for the next.
      const net = loadedNetwork.value
      if (e.parameters && net && e.parameters.length === shapeParameterCount(shapeOf(net)))
        parameters.value = e.parameters
      historyVersion.value++
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
    let file: ModelFile
    try {
      file = modelFile()
    } catch (e) {
      error.value = `Could not build the network: ${e instanceof Error ? e.message : String(e)}`
      // The trainer still holds the previous model; commands must not pretend it is this one.
      loaded.value = false
      return false
    }
    const ok = await call((a) => a.loadModel(file))
    if (mine === loads) {
      loaded.value = ok
      if (ok) {
        loadedNetwork.value = file.network
        parameters.value = null
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
    const ok = await call((a) => a.loadModel(file))
    if (mine !== loads) return false
    loaded.value = ok
    if (!ok) return false
    fromFile = true
    loadedNetwork.value = file.network
    parameters.value = null
    running.value = false
    history.clear()
    for (const m of file.history) history.add(m)
    latest.value = history.latest
    epoch.value = file.training.epoch
    run.value++
    historyVersion.value++
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
    return { parameters: parameterWatchers.value > 0 }
  }

  /**
   * Asks for the weights live (a view that shows them calls this when it appears); returns the
   * function to call when it goes away. The trainer sends them only while someone needs them.
   */
  function needParameters(): () => void {
    parameterWatchers.value++
    let released = false
    return () => {
      if (released) return
      released = true
      parameterWatchers.value--
    }
  }

  watch(
    () => parameterWatchers.value > 0,
    (on) => {
      if (!on) parameters.value = null
      if (api) void call((a) => a.watch(watching()))
    },
  )

  /** Connects to a trainer and loads the first model; call once at start-up. */
  async function connect(next: AppApi): Promise<void> {
    unsubscribe?.()
    api = next
    unsubscribe = next.onTrainerEvent(receive)
    await call((a) => a.setPace(pace()))
    await call((a) => a.watch(watching()))
    await load()
  }

  function disconnect(): void {
    unsubscribe?.()
    unsubscribe = null
    api = null
  }

  // Softmax cross-entropy needs one output per class: back to MSE when the data becomes binary.
  // Synchronous, so the model rebuilt for the new data already has a loss it can use.
  watch(
    () => useNetworkStore().outputUnits,
    (units) => {
      if (units === 1 && loss.value === 'cross_entropy') loss.value = 'mse'
    },
    { flush: 'sync' },
  )

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
    if (!loaded.value || restoring) return
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

  // New data or a new network means a new model: the trainer stops and starts over at epoch 0.
  watch(
    () => {
      const net = useNetworkStore()
      // Each part is replaced (not mutated) when it changes, so no deep watch over every point.
      return [useDatasetStore().dataset, net.layers, net.inputs.join(','), net.seed]
    },
    () => {
      if (api && !restoring) void load()
    },
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
    epoch,
    latest,
    history,
    historyVersion,
    run,
    grid,
    error,
    loaded,
    loadedNetwork,
    parameters,
    network,
    needParameters,
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
    snapshot,
    dismissError,
    connect,
    disconnect,
  }
})

/**
 * A training run, headless and synchronous: load a model file, step epochs, change
 * hyperparameters between steps, save a model file that continues exactly where it stopped.
 *
 * All parameters live in one flat Float64Array (MLP.parameters() order); the data is featurized
 * once into row-major typed arrays. Loss and gradient come from an Evaluator (by default the
 * compiled tape, which gives the Value engine's numbers bit for bit), so engines plug in without
 * changing the loop.
 */
import type {
  DatasetJSON,
  EpochMetrics,
  ModelFile,
  OptimizerConfig,
  ScheduleConfig,
  TrainingConfig,
} from '../model-file/types.ts'
import { MODEL_FORMAT, MODEL_VERSION } from '../model-file/types.ts'
import type { GridBounds, PointOutputs, TrainingPatch } from './reports.ts'
import type { NetworkJSON } from '../nn/mlp.ts'
import { createRng, isRngState, type Rng } from '../random.ts'
import { featurize, featurizeAll, labelsOf } from '../data/features.ts'
import type { Evaluator, EvaluatorFactory, NetworkShape } from './evaluator.ts'
import { flattenParameters, outputCount, shapeOf, unflattenParameters } from './evaluator.ts'
import { confusionMatrix } from './metrics.ts'
import { neuronOutputs, pointStats } from './inspect.ts'
import { createOptimizer, optimizerConfigWithState, type Optimizer } from './optimizers.ts'
import { learningRateAt } from './schedule.ts'
import { tapeEvaluator } from '../tape/evaluator.ts'
import { checkDataset, checkNetwork, checkSettings, type Settings } from './validate.ts'
import type { Snapshot } from './snapshots.ts'
import { diagnoseLayers, type LayerDiagnostics } from './diagnostics.ts'

export interface SessionOptions {
  /** Which engine computes loss and gradients (default: the compiled tape; `valueEvaluator` is the reference). */
  evaluator?: EvaluatorFactory
}

/** Why training stopped on its own: the epoch that blew up and what to do about it. */
export interface Divergence {
  epoch: number
  message: string
}

/** The plane a boundary grid covers. */
export type { GridBounds }

const PATCH_KEYS = ['loss', 'optimizer', 'schedule', 'batchSize', 'l1', 'l2'] as const

/** One featurized set of points: features row-major, labels, and rows 0..n-1 in order. */
interface Rows {
  x: Float64Array
  y: Int32Array
  order: Int32Array
  count: number
}

export class TrainingSession {
  /** The file loaded, for fields this session does not manage (kept as they were). */
  private readonly source: ModelFile
  private dataset: DatasetJSON
  private readonly shape: NetworkShape
  private readonly inputNames: string[]
  private readonly outputs: number
  private readonly params: Float64Array
  private readonly grad: Float64Array
  private train: Rows
  private test: Rows
  private readonly factory: EvaluatorFactory
  private evaluator: Evaluator
  private settings: Settings
  private optimizer: Optimizer
  private rng: Rng
  private epochsDone: number
  private readonly metrics: EpochMetrics[]
  private diverged: Divergence | null = null
  /** Where the current epoch started, to roll back to if it diverges. */
  private readonly savedParams: Float64Array
  private featureScratch = new Float64Array(0)

  /** A session that continues exactly where the file stopped (weights, optimizer, generator, history). */
  static fromModelFile(file: ModelFile, options: SessionOptions = {}): TrainingSession {
    return new TrainingSession(file, options)
  }

  private constructor(file: ModelFile, options: SessionOptions) {
    if (typeof file !== 'object' || file === null) throw new Error('Expected a model file object.')
    checkNetwork(file.network)
    this.shape = shapeOf(file.network)
    this.outputs = outputCount(this.shape)
    checkDataset(file.dataset, this.outputs)
    const t = file.training
    if (typeof t !== 'object' || t === null) throw new Error('The model file has no training settings.')
    const settings: Settings = {
      loss: t.loss,
      optimizer: withoutState(t.optimizer),
      schedule: { ...t.schedule },
      batchSize: t.batchSize,
      l1: t.l1,
      l2: t.l2,
      seed: t.seed,
    }
    checkSettings(settings, this.outputs)
    if (!Number.isInteger(t.epoch) || t.epoch < 0)
      throw new Error(`training.epoch counts epochs done: a whole number ≥ 0, got ${t.epoch}.`)
    if (t.rngState !== undefined && !isRngState(t.rngState))
      throw new Error(
        'training.rngState must be four whole numbers from 0 to 4294967295: the file is damaged.',
      )

    this.source = file
    this.dataset = copyDataset(file.dataset)
    this.settings = settings
    this.inputNames = [...file.network.inputs]
    this.params = flattenParameters(file.network)
    this.grad = new Float64Array(this.params.length)
    this.savedParams = new Float64Array(this.params.length)
    this.train = featurizeRows(this.inputNames, file.dataset.train)
    this.test = featurizeRows(this.inputNames, file.dataset.test)
    this.factory = options.evaluator ?? tapeEvaluator
    this.evaluator = this.factory(this.shape, { loss: settings.loss, l1: settings.l1, l2: settings.l2 })
    this.optimizer = createOptimizer(t.optimizer, this.params.length)
    this.rng = createRng(t.rngState ?? settings.seed)
    this.epochsDone = t.epoch
    this.metrics = (file.history ?? []).map((m) => ({ ...m }))
  }

  /** One entry per epoch done, oldest first. */
  get history(): readonly EpochMetrics[] {
    return this.metrics
  }

  /** Epochs done. */
  get epoch(): number {
    return this.epochsDone
  }

  /** Set when the last step stopped because the loss or a weight became NaN or infinite; `update` clears it. */
  get divergence(): Divergence | null {
    return this.diverged
  }

  /** The current weights and biases as a stored network. */
  get network(): NetworkJSON {
    return unflattenParameters(this.shape, this.inputNames, this.params)
  }

  /** A copy of the weights and biases, flat in MLP.parameters() order. */
  parameterValues(): Float64Array {
    return this.params.slice()
  }

  /** Number of weights and biases. */
  get parameterCount(): number {
    return this.params.length
  }

  /** Units per layer, the output layer last. */
  get layerUnits(): number[] {
    return this.shape.layers.map((l) => l.units)
  }

  /** Output units of the network (1: binary, K: one per class). */
  get outputCount(): number {
    return this.outputs
  }

  /** The current hyperparameters (a copy, without optimizer state). */
  get training(): Omit<TrainingConfig, 'rngState'> {
    return { ...cloneSettings(this.settings), epoch: this.epochsDone }
  }

  /**
   * Trains `epochs` more epochs and returns their metrics. Stops early, returning only the
   * completed epochs, if the loss or a weight stops being finite (see `divergence`).
   */
  step(epochs = 1): EpochMetrics[] {
    if (!Number.isInteger(epochs) || epochs < 0)
      throw new Error(`step() takes a whole number of epochs ≥ 0, got ${epochs}.`)
    const done: EpochMetrics[] = []
    if (this.diverged !== null) return done
    if (epochs > 0 && this.train.count === 0)
      throw new Error('The training set is empty: add some points before training.')
    for (let e = 0; e < epochs; e++) {
      const m = this.runEpoch()
      if (m === null) break
      // Entries for this epoch or later come from a run the file's epoch count was set back from
      // (DESIGN.md's own example: epoch 0 with an entry for epoch 1): this run replaces them, so the
      // history keeps one entry per epoch done, in order, and the file still saves.
      while (this.metrics.length > 0 && !(this.metrics[this.metrics.length - 1].epoch < m.epoch))
        this.metrics.pop()
      this.metrics.push(m)
      done.push(m)
    }
    return done
  }

  /** Changes hyperparameters between steps (all checked before any is applied); clears a divergence. */
  update(patch: TrainingPatch): void {
    if (typeof patch !== 'object' || patch === null)
      throw new Error('update() expects an object of settings.')
    for (const key of Object.keys(patch))
      if (!(PATCH_KEYS as readonly string[]).includes(key))
        throw new Error(`Unknown training setting "${key}": you can change ${PATCH_KEYS.join(', ')}.`)
    const next: Settings = { ...cloneSettings(this.settings) }
    if (patch.loss !== undefined) next.loss = patch.loss
    if (patch.optimizer !== undefined) next.optimizer = withoutState(patch.optimizer)
    if (patch.schedule !== undefined) next.schedule = { ...patch.schedule }
    if (patch.batchSize !== undefined) next.batchSize = patch.batchSize
    if (patch.l1 !== undefined) next.l1 = patch.l1
    if (patch.l2 !== undefined) next.l2 = patch.l2
    checkSettings(next, this.outputs)

    const previous = this.settings
    if (next.loss !== previous.loss || next.l1 !== previous.l1 || next.l2 !== previous.l2)
      this.evaluator = this.factory(this.shape, { loss: next.loss, l1: next.l1, l2: next.l2 })
    if (next.optimizer.type !== previous.optimizer.type) {
      // A different optimizer's state means nothing to this one: start it afresh.
      this.optimizer = createOptimizer(next.optimizer, this.params.length)
    } else {
      // Same kind: keep velocities/moments, take the new coefficients.
      const state = this.optimizer.state()
      this.optimizer = createOptimizer({ ...next.optimizer, state } as OptimizerConfig, this.params.length)
    }
    this.settings = next
    this.diverged = null
  }

  /** The state now (weights, optimizer, generator, epoch): `restore` of it continues exactly from here. */
  snapshot(): Snapshot {
    return {
      epoch: this.epochsDone,
      parameters: this.params.slice(),
      optimizerType: this.optimizer.type,
      optimizer: this.optimizer.stateVector(),
      rng: this.rng.state(),
    }
  }

  /**
   * Goes back (or forward) to a snapshot of this run: its weights, its epoch, and the history up to
   * it; later history is dropped. The optimizer takes the snapshot's state when it is still of the
   * same kind, else it starts afresh, as when changing optimizers. The settings stay the current ones:
   * continuing from an earlier epoch with other settings is the point of a fork.
   */
  restore(snapshot: Snapshot, history?: readonly EpochMetrics[]): void {
    if (snapshot.parameters.length !== this.params.length)
      throw new Error(
        `This snapshot has ${snapshot.parameters.length} parameters but the network has ${this.params.length}: it belongs to another network.`,
      )
    if (!Number.isInteger(snapshot.epoch) || snapshot.epoch < 0)
      throw new Error(`A snapshot's epoch must be a whole number ≥ 0, got ${snapshot.epoch}.`)
    if (!isRngState(snapshot.rng)) throw new Error('The snapshot’s generator state is damaged.')
    const optimizer = createOptimizer(this.settings.optimizer, this.params.length)
    if (snapshot.optimizerType === optimizer.type) optimizer.restoreVector(snapshot.optimizer)
    this.params.set(snapshot.parameters)
    this.optimizer = optimizer
    this.rng = createRng(snapshot.rng)
    this.epochsDone = snapshot.epoch
    if (history) {
      // Going forward again (undoing a fork): the history that led to the snapshot comes with it.
      this.metrics.length = 0
      for (const m of history) if (m.epoch <= snapshot.epoch) this.metrics.push({ ...m })
    }
    while (this.metrics.length > 0 && this.metrics[this.metrics.length - 1].epoch > snapshot.epoch)
      this.metrics.pop()
    this.diverged = null
  }

  /** The history's entry for `epoch`, or null (before the first epoch, or not in the history). */
  metricsAt(epoch: number): EpochMetrics | null {
    const h = this.metrics
    let lo = 0
    let hi = h.length - 1
    while (lo <= hi) {
      const mid = (lo + hi) >> 1
      if (h[mid].epoch === epoch) return { ...h[mid] }
      if (h[mid].epoch < epoch) lo = mid + 1
      else hi = mid - 1
    }
    return null
  }

  /**
   * Runs `look` as if the weights were `parameters` (a snapshot's), then puts the current ones
   * back: grids, point outputs and diagnostics of a past epoch, without disturbing the run.
   */
  withParameters<T>(parameters: Float64Array, look: () => T): T {
    if (parameters.length !== this.params.length)
      throw new Error(
        `These weights are for ${parameters.length} parameters but the network has ${this.params.length}.`,
      )
    const current = this.params.slice()
    this.params.set(parameters)
    try {
      return look()
    } finally {
      this.params.set(current)
    }
  }

  /**
   * How each layer is doing at the current weights (gradient norm, dead and saturated units), on the
   * training points, or on `maxRows` of them spread evenly when there are more (it runs often).
   */
  diagnostics(maxRows = 512): LayerDiagnostics[] {
    const { train } = this
    const stride = Math.max(1, Math.ceil(train.count / maxRows))
    const count = Math.ceil(train.count / stride)
    const rows = new Int32Array(count)
    for (let i = 0; i < count; i++) rows[i] = i * stride
    const grad = new Float64Array(this.params.length)
    const width = this.inputNames.length
    const x = new Float64Array(count * width)
    for (let i = 0; i < count; i++) x.set(train.x.subarray(rows[i] * width, (rows[i] + 1) * width), i * width)
    if (count > 0) this.evaluator.lossAndGrad(this.params, train.x, train.y, rows, count, grad)
    return diagnoseLayers(this.shape, this.params, grad, x, count)
  }

  /** Raw outputs (count × outputs, row-major) for `count` points given as x1, x2 pairs. */
  predict(x1x2: Float64Array, count: number): Float64Array {
    if (!Number.isInteger(count) || count < 0 || x1x2.length < 2 * count)
      throw new Error(`predict() needs ${count} (x1, x2) pairs, but got an array of ${x1x2.length} numbers.`)
    const out = new Float64Array(count * this.outputs)
    this.evaluator.predict(this.params, this.featuresOf(x1x2, count), count, out)
    return out
  }

  /**
   * Raw outputs over a size × size grid covering `bounds`, at cell centres, row by row from the top
   * (largest y first), each row left to right: size × size × outputs numbers.
   */
  boundaryGrid(size: number, bounds: GridBounds): Float32Array {
    return Float32Array.from(this.predict(gridPoints(size, bounds), size * size))
  }

  /**
   * Every neuron's output over the same size × size grid as boundaryGrid: neuron after neuron
   * (hidden layers first, the output layer last), size × size numbers each.
   */
  neuronGrids(size: number, bounds: GridBounds): Float32Array {
    const cells = size * size
    const x = this.featuresOf(gridPoints(size, bounds), cells)
    return neuronOutputs(this.shape, this.params, x, cells)
  }

  /** Every point's predicted class and loss (without L1/L2) under the current weights, train and test. */
  pointOutputs(): PointOutputs {
    const stats = (rows: Rows) => {
      const out = new Float64Array(rows.count * this.outputs)
      if (rows.count > 0) this.evaluator.predict(this.params, rows.x, rows.count, out)
      return pointStats(this.settings.loss, out, rows.y, this.outputs)
    }
    return { train: stats(this.train), test: stats(this.test) }
  }

  /**
   * Trains on new points from now on: weights, optimizer state, generator, epoch count and history
   * stay as they are (a learner editing the data while it trains). Checked before anything changes.
   */
  setDataset(dataset: DatasetJSON): void {
    checkDataset(dataset, this.outputs)
    const train = featurizeRows(this.inputNames, dataset.train)
    const test = featurizeRows(this.inputNames, dataset.test)
    this.dataset = copyDataset(dataset)
    this.train = train
    this.test = test
  }

  /** The confusion matrix (rows = true class) of the current weights on the train or test set. */
  confusion(set: 'train' | 'test' = 'train'): number[][] {
    const rows = set === 'train' ? this.train : this.test
    const out = new Float64Array(rows.count * this.outputs)
    this.evaluator.predict(this.params, rows.x, rows.count, out)
    return confusionMatrix(out, rows.y, this.outputs, this.dataset.classes.length)
  }

  /** The session as a model file; `fromModelFile` of it continues bit for bit. */
  toModelFile(): ModelFile {
    const s = this.settings
    return {
      ...this.source,
      format: MODEL_FORMAT,
      version: MODEL_VERSION,
      name: this.source.name,
      network: this.network,
      dataset: copyDataset(this.dataset),
      training: {
        ...this.source.training,
        loss: s.loss,
        optimizer: optimizerConfigWithState(s.optimizer, this.optimizer),
        schedule: { ...s.schedule },
        batchSize: s.batchSize,
        l1: s.l1,
        l2: s.l2,
        seed: s.seed,
        epoch: this.epochsDone,
        rngState: this.rng.state(),
      },
      history: this.metrics.map((m) => ({ ...m })),
    }
  }

  /** One pass over the training set; null (and everything rolled back) if it diverged. */
  private runEpoch(): EpochMetrics | null {
    const { params, grad, train, settings } = this
    const epoch = this.epochsDone + 1
    this.savedParams.set(params)
    this.optimizer.checkpoint()
    const savedRng = this.rng.state()
    const lr = learningRateAt(settings.optimizer.learningRate, settings.schedule, this.epochsDone)

    const order = train.order
    const n = train.count
    const batchSize = settings.batchSize === null ? n : Math.min(settings.batchSize, n)
    if (settings.batchSize !== null) shuffle(order, this.rng)
    else for (let i = 0; i < n; i++) order[i] = i // dataset order, even after mini-batch epochs
    let lossSum = 0
    let accuracySum = 0
    let batches = 0
    for (let start = 0; start < n; start += batchSize) {
      const count = Math.min(batchSize, n - start)
      const rows = start === 0 && count === n ? order : order.subarray(start, start + count)
      const { loss, correct } = this.evaluator.lossAndGrad(params, train.x, train.y, rows, count, grad)
      if (!Number.isFinite(loss)) return this.rollback(epoch, `Loss became ${describe(loss)}`, lr, savedRng)
      this.optimizer.step(params, grad, lr)
      if (!allFinite(params))
        return this.rollback(epoch, `A weight became ${describe(firstNonFinite(params))}`, lr, savedRng)
      lossSum += loss
      accuracySum += correct / count
      batches++
    }
    const metrics: EpochMetrics = {
      epoch,
      trainLoss: lossSum / batches,
      trainAccuracy: accuracySum / batches,
    }
    if (this.test.count > 0) {
      const { loss, correct } = this.evaluator.lossAndGrad(
        params,
        this.test.x,
        this.test.y,
        this.test.order,
        this.test.count,
        null,
      )
      if (!Number.isFinite(loss))
        return this.rollback(epoch, `The test loss became ${describe(loss)}`, lr, savedRng)
      metrics.testLoss = loss
      metrics.testAccuracy = correct / this.test.count
    }
    this.epochsDone = epoch
    return metrics
  }

  private rollback(epoch: number, what: string, lr: number, rngState: ReturnType<Rng['state']>): null {
    this.params.set(this.savedParams)
    this.optimizer.rewind()
    this.rng = createRng(rngState)
    this.train.order.forEach((_, i, order) => (order[i] = i))
    this.diverged = { epoch, message: divergenceMessage(what, epoch, lr, largestMagnitude(this.params)) }
    return null
  }

  /** x1, x2 pairs → feature rows in the network's input order (reusing one buffer). */
  private featuresOf(x1x2: Float64Array, count: number): Float64Array {
    const names = this.inputNames
    if (names.length === 2 && names[0] === 'x1' && names[1] === 'x2') return x1x2
    const width = names.length
    if (this.featureScratch.length < count * width) this.featureScratch = new Float64Array(count * width)
    for (let i = 0; i < count; i++)
      featurize(names, x1x2[2 * i], x1x2[2 * i + 1], this.featureScratch, i * width)
    return this.featureScratch
  }
}

/** The centres of a size × size grid over `bounds` as x1, x2 pairs, row by row from the top. */
function gridPoints(size: number, bounds: GridBounds): Float64Array {
  if (!Number.isInteger(size) || size < 1 || size > 2000)
    throw new Error(`The grid size must be a whole number from 1 to 2000, got ${size}.`)
  const { xMin, xMax, yMin, yMax } = bounds
  if (![xMin, xMax, yMin, yMax].every(Number.isFinite) || !(xMax > xMin) || !(yMax > yMin))
    throw new Error('The grid bounds must be finite numbers with xMax > xMin and yMax > yMin.')
  const points = new Float64Array(size * size * 2)
  for (let r = 0; r < size; r++) {
    const y = yMax - ((r + 0.5) / size) * (yMax - yMin)
    for (let c = 0; c < size; c++) {
      const i = (r * size + c) * 2
      points[i] = xMin + ((c + 0.5) / size) * (xMax - xMin)
      points[i + 1] = y
    }
  }
  return points
}

/** Fisher–Yates from dataset order, so an epoch's batches depend only on the generator's state. */
function shuffle(order: Int32Array, rng: Rng): void {
  for (let i = 0; i < order.length; i++) order[i] = i
  for (let i = order.length - 1; i > 0; i--) {
    const j = rng.int(i + 1)
    const t = order[i]
    order[i] = order[j]
    order[j] = t
  }
}

function featurizeRows(names: readonly string[], points: DatasetJSON['train']): Rows {
  let x: Float64Array
  try {
    x = featurizeAll(names, points)
  } catch (e) {
    throw new Error(`The network's inputs cannot be computed: ${e instanceof Error ? e.message : String(e)}.`)
  }
  const order = new Int32Array(points.length)
  for (let i = 0; i < order.length; i++) order[i] = i
  return { x, y: labelsOf(points), order, count: points.length }
}

function withoutState(config: OptimizerConfig): OptimizerConfig {
  if (typeof config !== 'object' || config === null) return config
  const { state: _state, ...rest } = config
  return { ...rest } as OptimizerConfig
}

function cloneSettings(s: Settings): Settings {
  return { ...s, optimizer: { ...s.optimizer }, schedule: { ...s.schedule } as ScheduleConfig }
}

function copyDataset(d: DatasetJSON): DatasetJSON {
  return {
    ...d,
    classes: [...d.classes],
    train: d.train.map((p) => [p[0], p[1], p[2]]),
    test: d.test.map((p) => [p[0], p[1], p[2]]),
  }
}

function allFinite(a: Float64Array): boolean {
  for (let i = 0; i < a.length; i++) if (!Number.isFinite(a[i])) return false
  return true
}

function firstNonFinite(a: Float64Array): number {
  for (let i = 0; i < a.length; i++) if (!Number.isFinite(a[i])) return a[i]
  return 0
}

function largestMagnitude(a: Float64Array): number {
  let m = 0
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]))
  return m
}

/** Beyond this, weights are wrecked and lowering the rate alone will not save the run. */
const HUGE_WEIGHT = 1e6

function divergenceMessage(what: string, epoch: number, lr: number, largestWeight: number): string {
  const rate = Number(lr.toPrecision(4))
  if (largestWeight > HUGE_WEIGHT)
    return (
      `${what} at epoch ${epoch}: the weights are already huge (up to ${largestWeight.toPrecision(2)}), most ` +
      `likely from a learning rate that was too high (it is ${rate} now). Press reset, lower the learning rate and ` +
      'train again.'
    )
  return `${what} at epoch ${epoch}: the learning rate ${rate} is probably too high. Lower it and press play again.`
}

function describe(x: number): string {
  return Number.isNaN(x) ? 'NaN' : 'infinite'
}

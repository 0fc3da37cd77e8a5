/**
 * Checks an already-parsed value against the model file format, version 1 (DESIGN.md), and returns
 * a fresh copy holding only the fields the format knows. Unknown fields are ignored; everything
 * else wrong is a ModelFileError naming the field.
 *
 * Only the format's own fixed shape is walked, never an unknown field, so no input can make this
 * recurse deeply; every loop is over a list whose length is capped or already paid for by JSON.parse.
 */
import { ACTIVATIONS, type Activation, type LayerJSON, type NetworkJSON } from '../nn/mlp.ts'
import { isRngState, type RngState } from '../random.ts'
import { ModelFileError, MODEL_FILE_LIMITS as LIMITS, describe, formatCount } from './errors.ts'
import {
  FEATURES,
  LOSSES,
  MODEL_FORMAT,
  MODEL_VERSION,
  type DatasetJSON,
  type EpochMetrics,
  type LossName,
  type ModelFile,
  type OptimizerConfig,
  type SgdConfig,
  type AdamConfig,
  type Point,
  type ScheduleConfig,
  type TrainingConfig,
} from './types.ts'

/** Every field name the format uses (the JSON scan counts any other name as unknown). */
export const KNOWN_FIELDS: ReadonlySet<string> = new Set([
  ...['format', 'version', 'name', 'network', 'dataset', 'training', 'history'],
  ...['inputs', 'layers', 'activation', 'weights', 'biases', 'classes', 'train', 'test'],
  ...['loss', 'optimizer', 'schedule', 'batchSize', 'l1', 'l2', 'seed', 'epoch', 'rngState'],
  ...['type', 'learningRate', 'momentum', 'beta1', 'beta2', 'epsilon', 'weightDecay', 'state'],
  ...['velocities', 'step', 'm', 'v', 'finalLearningRate', 'epochs'],
  ...['trainLoss', 'trainAccuracy', 'testLoss', 'testAccuracy'],
])

type Obj = Record<string, unknown>

const fail = (path: string, message: string): never => {
  throw new ModelFileError(path, message)
}
const join = (path: string, key: string) => (path === '' ? key : `${path}.${key}`)
const isObject = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v)

/** An own field only: a value's prototype chain never supplies a field. */
const get = (o: Obj, key: string): unknown => (Object.hasOwn(o, key) ? o[key] : undefined)

/** `path must be <expected>, got <what was there>`, or `path is missing` when nothing was. */
function wrong(path: string, expected: string, got: unknown): never {
  return got === undefined
    ? fail(path, `${path} is missing: it must be ${expected}`)
    : fail(path, `${path} must be ${expected}, got ${describe(got)}`)
}

function object(parent: Obj, key: string, path: string): Obj {
  const v = get(parent, key)
  return isObject(v) ? v : wrong(join(path, key), 'an object { … }', v)
}

function list(v: unknown, path: string, expected = 'a list [ … ]'): unknown[] {
  return Array.isArray(v) ? v : wrong(path, expected, v)
}

function text(v: unknown, path: string, maxLength: number): string {
  if (typeof v !== 'string') return wrong(path, 'text in quotes', v)
  if (v.length > maxLength)
    fail(
      path,
      `${path} is ${formatCount(v.length)} characters long; at most ${formatCount(maxLength)} are allowed`,
    )
  return v
}

/** A finite number satisfying `ok`, described to the learner as `expected`. */
function number(v: unknown, path: string, expected: string, ok: (x: number) => boolean): number {
  return typeof v === 'number' && Number.isFinite(v) && ok(v) ? v : wrong(path, expected, v)
}
const finite = (v: unknown, path: string) => number(v, path, 'a finite number', () => true)
const positive = (v: unknown, path: string) => number(v, path, 'a number greater than 0', (x) => x > 0)
const nonNegative = (v: unknown, path: string) => number(v, path, 'a number 0 or greater', (x) => x >= 0)
const belowOne = (v: unknown, path: string) =>
  number(v, path, 'a number from 0 up to but not including 1', (x) => x >= 0 && x < 1)
const fraction = (v: unknown, path: string) =>
  number(v, path, 'a number from 0 to 1', (x) => x >= 0 && x <= 1)
const whole = (v: unknown, path: string, min: number) =>
  number(v, path, `a whole number ${min} or greater`, (x) => Number.isSafeInteger(x) && x >= min)

const numbersWord = (n: number) => (n === 1 ? '1 number' : `${n} numbers`)

/** A list of finite numbers, copied; `count` is the exact length required, explained by `why`. */
function numbers(v: unknown, path: string, count: number, why: string, min = -Infinity): number[] {
  const a = list(v, path, `a list of ${count} numbers`)
  if (a.length !== count) fail(path, `${path} has ${numbersWord(a.length)}, expected ${count} ${why}`)
  const out = new Array<number>(count)
  for (let i = 0; i < count; i++) {
    const x = a[i]
    if (typeof x !== 'number' || !Number.isFinite(x) || x < min)
      wrong(`${path}[${i}]`, min === 0 ? 'a finite number 0 or greater' : 'a finite number', x)
    out[i] = x as number
  }
  return out
}

/** Validates x as a model file (version 1) and returns a clean copy; throws ModelFileError naming the bad field. */
export function validateModelFile(x: unknown): ModelFile {
  if (!isObject(x)) return fail('', `the file must hold one JSON object { … } (a model), got ${describe(x)}`)
  checkFormatAndVersion(x)
  const name = text(get(x, 'name'), 'name', LIMITS.maxNameLength)
  const network = validateNetwork(object(x, 'network', ''))
  const dataset = validateDataset(object(x, 'dataset', ''))
  checkOutputsMatchClasses(network, dataset)
  const training = validateTraining(object(x, 'training', ''), network)
  const history = validateHistory(get(x, 'history'))
  return { format: MODEL_FORMAT, version: MODEL_VERSION, name, network, dataset, training, history }
}

function checkFormatAndVersion(x: Obj): void {
  const format = get(x, 'format')
  if (format !== MODEL_FORMAT)
    fail(
      'format',
      `this is not a Backprop Studio model file: format must be ${JSON.stringify(MODEL_FORMAT)}, ` +
        `got ${describe(format)}`,
    )
  const version = get(x, 'version')
  if (version === MODEL_VERSION) return
  if (typeof version === 'number' && Number.isSafeInteger(version) && version > MODEL_VERSION)
    fail(
      'version',
      `this file was written by a newer Backprop Studio (format version ${version}); ` +
        `this version reads version ${MODEL_VERSION}. Update Backprop Studio to open it.`,
    )
  wrong('version', `the number ${MODEL_VERSION}`, version)
}

function validateNetwork(n: Obj): NetworkJSON {
  const inputsPath = 'network.inputs'
  const rawInputs = list(get(n, 'inputs'), inputsPath, 'a list of input names like ["x1", "x2"]')
  if (rawInputs.length === 0) fail(inputsPath, `${inputsPath} is empty: a network needs at least one input`)
  const inputs: string[] = []
  for (let i = 0; i < rawInputs.length; i++) {
    const v = rawInputs[i]
    const path = `${inputsPath}[${i}]`
    if (typeof v !== 'string' || !(FEATURES as readonly string[]).includes(v))
      wrong(path, `one of ${FEATURES.join(', ')}`, v)
    const name = v as string
    if (inputs.includes(name))
      fail(path, `${path} repeats ${describe(name)}: each input may appear only once`)
    inputs.push(name)
  }

  const rawLayers = list(get(n, 'layers'), 'network.layers')
  if (rawLayers.length === 0)
    fail('network.layers', 'network.layers is empty: a network needs at least one layer')
  const layers: LayerJSON[] = []
  let fanIn = inputs.length
  let parameters = 0
  for (let li = 0; li < rawLayers.length; li++) {
    const path = `network.layers[${li}]`
    const l = rawLayers[li]
    if (!isObject(l)) return wrong(path, 'a layer { "activation", "weights", "biases" }', l)
    const activation = get(l, 'activation')
    if (typeof activation !== 'string' || !(ACTIVATIONS as readonly string[]).includes(activation))
      wrong(`${path}.activation`, `one of ${ACTIVATIONS.join(', ')}`, activation)

    // Shapes first, so the parameter cap is checked before any long loop over numbers.
    const rows = list(get(l, 'weights'), `${path}.weights`, 'a list of rows, one per unit')
    if (rows.length === 0)
      fail(
        `${path}.weights`,
        `${path}.weights is empty: every layer needs at least one unit (one row of weights)`,
      )
    const why =
      li === 0 ? `(one per input: network.inputs has ${fanIn})` : `(one per unit of layer ${li - 1})`
    for (let j = 0; j < rows.length; j++) {
      const row = list(rows[j], `${path}.weights[${j}]`, `a list of ${fanIn} numbers ${why}`)
      if (row.length !== fanIn)
        fail(
          `${path}.weights[${j}]`,
          `${path}.weights[${j}] has ${numbersWord(row.length)}, expected ${fanIn} ${why}`,
        )
    }
    parameters += rows.length * (fanIn + 1)
    if (parameters > LIMITS.maxParameters)
      fail(
        path,
        `the network has more than ${formatCount(LIMITS.maxParameters)} weights and biases (at ${path}); ` +
          'Backprop Studio opens networks up to that size',
      )

    const weights = rows.map((row, j) => numbers(row, `${path}.weights[${j}]`, fanIn, why))
    const biases = numbers(
      get(l, 'biases'),
      `${path}.biases`,
      rows.length,
      `(one per unit: weights has ${rows.length} rows)`,
    )
    layers.push({ activation: activation as Activation, weights, biases })
    fanIn = rows.length
  }
  return { inputs, layers }
}

function validateDataset(d: Obj): DatasetJSON {
  const rawClasses = list(
    get(d, 'classes'),
    'dataset.classes',
    'a list of class names like ["blue", "orange"]',
  )
  if (rawClasses.length === 0)
    fail('dataset.classes', 'dataset.classes is empty: a dataset needs its class names')
  if (rawClasses.length > LIMITS.maxClasses)
    fail(
      'dataset.classes',
      `dataset.classes has ${rawClasses.length} classes; at most ${LIMITS.maxClasses} are allowed`,
    )
  const classes: string[] = []
  for (let i = 0; i < rawClasses.length; i++) {
    const path = `dataset.classes[${i}]`
    const c = text(rawClasses[i], path, LIMITS.maxClassNameLength)
    if (c === '') fail(path, `${path} is empty text: every class needs a name`)
    if (classes.includes(c)) fail(path, `${path} repeats ${describe(c)}: class names must differ`)
    classes.push(c)
  }
  return {
    classes,
    train: points(get(d, 'train'), 'dataset.train', classes.length),
    test: points(get(d, 'test'), 'dataset.test', classes.length),
  }
}

function points(v: unknown, path: string, classCount: number): Point[] {
  const rows = list(v, path, 'a list of points [x1, x2, classIndex]')
  if (rows.length > LIMITS.maxPoints)
    fail(
      path,
      `${path} has ${formatCount(rows.length)} points; at most ${formatCount(LIMITS.maxPoints)} are allowed`,
    )
  const out = new Array<Point>(rows.length)
  for (let i = 0; i < rows.length; i++) {
    const p = rows[i]
    const at = `${path}[${i}]`
    if (!Array.isArray(p) || p.length !== 3) wrong(at, 'a point [x1, x2, classIndex]', p)
    const [x1, x2, c] = p as unknown[]
    out[i] = [
      finite(x1, `${at}[0]`),
      finite(x2, `${at}[1]`),
      number(
        c,
        `${at}[2]`,
        `a class index: a whole number from 0 to ${classCount - 1}`,
        (k) => Number.isInteger(k) && k >= 0 && k < classCount,
      ),
    ]
  }
  return out
}

/**
 * One output unit separates two classes (its sign); K ≥ 2 units give one score per class.
 * Any other pairing leaves classes the network can never predict, or units with no class.
 */
function checkOutputsMatchClasses(network: NetworkJSON, dataset: DatasetJSON): void {
  const outputs = network.layers[network.layers.length - 1].weights.length
  const classes = dataset.classes.length
  if (outputs === 1 && classes !== 2)
    fail(
      'dataset.classes',
      `the network has 1 output unit, which separates exactly 2 classes, but dataset.classes has ${classes}; ` +
        `give the last layer ${classes} units (one per class)${classes === 1 ? ' or add a second class' : ''}`,
    )
  if (outputs > 1 && outputs !== classes)
    fail(
      'dataset.classes',
      `the network has ${outputs} output units but dataset.classes has ${classes} classes; ` +
        `they must match (one unit per class)${classes === 2 ? ', or use 1 output unit for 2 classes' : ''}`,
    )
}

function validateTraining(t: Obj, network: NetworkJSON): TrainingConfig {
  const outputs = network.layers[network.layers.length - 1].weights.length
  const loss = get(t, 'loss')
  if (typeof loss !== 'string' || !(LOSSES as readonly string[]).includes(loss))
    wrong('training.loss', `one of ${LOSSES.join(', ')}`, loss)
  if (loss === 'cross_entropy' && outputs < 2)
    fail(
      'training.loss',
      'training.loss cross_entropy needs at least 2 output units (a softmax over one score per class), ' +
        'but the network has 1; use 2 output units, or the loss mse, hinge or bce',
    )

  const batchSize = get(t, 'batchSize')
  const config: TrainingConfig = {
    loss: loss as LossName,
    optimizer: validateOptimizer(object(t, 'optimizer', 'training'), parameterTotal(network)),
    schedule: validateSchedule(object(t, 'schedule', 'training')),
    batchSize:
      batchSize === null
        ? null
        : number(
            batchSize,
            'training.batchSize',
            'null (full batch) or a whole number 1 or greater',
            (x) => Number.isSafeInteger(x) && x >= 1,
          ),
    l1: nonNegative(get(t, 'l1'), 'training.l1'),
    l2: nonNegative(get(t, 'l2'), 'training.l2'),
    seed: finite(get(t, 'seed'), 'training.seed'),
    epoch: whole(get(t, 'epoch'), 'training.epoch', 0),
  }
  const rngState = get(t, 'rngState')
  if (rngState !== undefined && rngState !== null) {
    if (!isRngState(rngState))
      wrong(
        'training.rngState',
        "the generator's saved state: 4 whole numbers from 0 to 4294967295",
        rngState,
      )
    config.rngState = [...(rngState as RngState)] as RngState
  }
  return config
}

function parameterTotal(n: NetworkJSON): number {
  let total = 0
  for (const l of n.layers) total += l.weights.length * (l.weights[0].length + 1)
  return total
}

/**
 * Momentum must stay below 1: v ← momentum·v + g with momentum ≥ 1 never forgets a gradient,
 * so steps grow without bound. Adam's betas are averaging rates and must be below 1 for the same reason.
 */
function validateOptimizer(o: Obj, parameters: number): OptimizerConfig {
  const path = 'training.optimizer'
  const type = get(o, 'type')
  if (type !== 'sgd' && type !== 'adam') return wrong(`${path}.type`, '"sgd" or "adam"', type)
  const learningRate = positive(get(o, 'learningRate'), `${path}.learningRate`)
  const per = `(one per parameter: the network has ${parameters})`
  // A saved state is optional (null reads as none): without it training starts the optimizer afresh.
  const hasState = get(o, 'state') !== undefined && get(o, 'state') !== null

  if (type === 'sgd') {
    const sgd: SgdConfig = { type, learningRate, momentum: belowOne(get(o, 'momentum'), `${path}.momentum`) }
    if (hasState) {
      const state = object(o, 'state', path)
      sgd.state = {
        velocities: numbers(get(state, 'velocities'), `${path}.state.velocities`, parameters, per),
      }
    }
    return sgd
  }

  const adam: AdamConfig = {
    type,
    learningRate,
    beta1: belowOne(get(o, 'beta1'), `${path}.beta1`),
    beta2: belowOne(get(o, 'beta2'), `${path}.beta2`),
    epsilon: positive(get(o, 'epsilon'), `${path}.epsilon`),
    weightDecay: nonNegative(get(o, 'weightDecay'), `${path}.weightDecay`),
  }
  if (hasState) {
    const state = object(o, 'state', path)
    adam.state = {
      step: whole(get(state, 'step'), `${path}.state.step`, 0),
      m: numbers(get(state, 'm'), `${path}.state.m`, parameters, per),
      // v averages squared gradients: a negative one would make Adam take the root of a negative number.
      v: numbers(get(state, 'v'), `${path}.state.v`, parameters, per, 0),
    }
  }
  return adam
}

function validateSchedule(s: Obj): ScheduleConfig {
  const type = get(s, 'type')
  if (type === 'constant') return { type }
  if (type === 'linear')
    return {
      type,
      // Decaying to 0 is a common choice and harmless: training simply stops moving.
      finalLearningRate: nonNegative(get(s, 'finalLearningRate'), 'training.schedule.finalLearningRate'),
      epochs: whole(get(s, 'epochs'), 'training.schedule.epochs', 1),
    }
  return wrong('training.schedule.type', '"constant" or "linear"', type)
}

function validateHistory(v: unknown): EpochMetrics[] {
  const rows = list(v, 'history', 'a list of epoch results (may be empty: [])')
  const out = new Array<EpochMetrics>(rows.length)
  let previous = -1
  for (let i = 0; i < rows.length; i++) {
    const path = `history[${i}]`
    const e = rows[i]
    if (!isObject(e)) return wrong(path, 'an epoch result { "epoch", "trainLoss", "trainAccuracy" }', e)
    const epoch = whole(get(e, 'epoch'), `${path}.epoch`, 0)
    if (epoch <= previous)
      fail(
        `${path}.epoch`,
        `${path}.epoch must be greater than the previous entry's epoch (${previous}), got ${epoch}`,
      )
    previous = epoch
    const m: EpochMetrics = {
      epoch,
      trainLoss: finite(get(e, 'trainLoss'), `${path}.trainLoss`),
      trainAccuracy: fraction(get(e, 'trainAccuracy'), `${path}.trainAccuracy`),
    }
    // null is read as "not measured" (no test set), like a missing field.
    const testLoss = get(e, 'testLoss')
    if (testLoss !== undefined && testLoss !== null) m.testLoss = finite(testLoss, `${path}.testLoss`)
    const testAccuracy = get(e, 'testAccuracy')
    if (testAccuracy !== undefined && testAccuracy !== null)
      m.testAccuracy = fraction(testAccuracy, `${path}.testAccuracy`)
    out[i] = m
  }
  return out
}

/**
 * Checks on training settings, with messages that say what is wrong and what to do. The model-file
 * parser checks files; these guard the session itself, so hand-built files and live changes from
 * the UI (`TrainingSession.update`) get the same clear errors.
 */
import type { NetworkJSON } from '../nn/mlp.ts'
import { ACTIVATIONS } from '../nn/mlp.ts'
import type { DatasetJSON, OptimizerConfig, ScheduleConfig, TrainingConfig } from '../model-file/types.ts'
import { FEATURES } from '../model-file/types.ts'
import { checkLoss } from './losses.ts'

/** Hyperparameters without the epoch count and generator state. */
export type Settings = Omit<TrainingConfig, 'epoch' | 'rngState'>

function isNumber(x: unknown): x is number {
  return typeof x === 'number' && Number.isFinite(x)
}

function requireNumber(name: string, x: unknown, ok: (n: number) => boolean, rule: string): void {
  if (!isNumber(x) || !ok(x)) throw new Error(`${name} must be ${rule}, got ${String(x)}.`)
}

/** Throws unless the optimizer settings are usable (learning rate > 0, momentum ≥ 0, ...). */
export function checkOptimizer(config: OptimizerConfig): void {
  if (typeof config !== 'object' || config === null) throw new Error('The optimizer settings are missing.')
  requireNumber('The learning rate', config.learningRate, (n) => n > 0, 'a number greater than 0')
  if (config.type === 'sgd') {
    requireNumber(
      'Momentum',
      config.momentum,
      (n) => n >= 0 && n < 1,
      'a number from 0 up to (not including) 1 (0 is plain SGD; 0.9 is common)',
    )
  } else if (config.type === 'adam') {
    requireNumber(
      'Adam beta1',
      config.beta1,
      (n) => n >= 0 && n < 1,
      'a number from 0 up to (not including) 1',
    )
    requireNumber(
      'Adam beta2',
      config.beta2,
      (n) => n >= 0 && n < 1,
      'a number from 0 up to (not including) 1',
    )
    requireNumber('Adam epsilon', config.epsilon, (n) => n > 0, 'a small number greater than 0, such as 1e-8')
    requireNumber('Weight decay', config.weightDecay, (n) => n >= 0, 'a number ≥ 0')
  } else {
    throw new Error(`Unknown optimizer "${String((config as { type: unknown }).type)}": choose sgd or adam.`)
  }
}

/** Throws unless the schedule is constant, or linear with a final rate ≥ 0 over a whole number of epochs ≥ 1. */
export function checkSchedule(schedule: ScheduleConfig): void {
  if (typeof schedule !== 'object' || schedule === null)
    throw new Error('The learning-rate schedule is missing.')
  if (schedule.type === 'constant') return
  if (schedule.type !== 'linear')
    throw new Error(
      `Unknown learning-rate schedule "${String((schedule as { type: unknown }).type)}": choose constant or linear.`,
    )
  requireNumber('The final learning rate', schedule.finalLearningRate, (n) => n >= 0, 'a number ≥ 0')
  requireNumber(
    'The schedule length',
    schedule.epochs,
    (n) => Number.isInteger(n) && n >= 1,
    'a whole number of epochs, at least 1',
  )
}

/** Throws unless batchSize is null (full batch) or a whole number ≥ 1. */
export function checkBatchSize(batchSize: number | null): void {
  if (batchSize === null) return
  requireNumber(
    'The batch size',
    batchSize,
    (n) => Number.isInteger(n) && n >= 1,
    'a whole number of points, at least 1 (or empty for the full batch)',
  )
}

/** Throws unless an L1/L2 strength is a number ≥ 0. */
export function checkStrength(name: 'L1' | 'L2', x: number): void {
  requireNumber(`The ${name} strength`, x, (n) => n >= 0, 'a number ≥ 0 (0 turns it off)')
}

/** Throws unless the network's layers fit together: each row as long as the layer's input count. */
export function checkNetwork(network: NetworkJSON): void {
  if (typeof network !== 'object' || network === null || !Array.isArray(network.layers))
    throw new Error('The network is missing its layers.')
  if (!Array.isArray(network.inputs) || network.inputs.length < 1)
    throw new Error('The network needs at least one input feature, such as x1.')
  for (const name of network.inputs)
    if (!(FEATURES as readonly string[]).includes(name))
      throw new Error(`Unknown input feature "${String(name)}": use ${FEATURES.join(', ')}.`)
  if (network.layers.length < 1) throw new Error('The network needs at least one layer.')
  let fanIn = network.inputs.length
  network.layers.forEach((layer, li) => {
    const where = `Layer ${li + 1}`
    if (typeof layer !== 'object' || layer === null)
      throw new Error(`${where} is not a layer { activation, weights, biases }.`)
    if (!ACTIVATIONS.includes(layer.activation))
      throw new Error(
        `${where} has an unknown activation "${String(layer.activation)}": use ${ACTIVATIONS.join(', ')}.`,
      )
    if (!Array.isArray(layer.weights) || layer.weights.length < 1)
      throw new Error(`${where} has no units: every layer needs at least one.`)
    if (!Array.isArray(layer.biases) || layer.biases.length !== layer.weights.length)
      throw new Error(`${where} has ${layer.weights.length} units but ${layer.biases?.length ?? 0} biases.`)
    layer.weights.forEach((row, j) => {
      if (!Array.isArray(row) || row.length !== fanIn)
        throw new Error(
          `${where}, unit ${j + 1} has ${row?.length ?? 0} weights but the layer has ${fanIn} inputs.`,
        )
      if (!row.every(isNumber) || !isNumber(layer.biases[j]))
        throw new Error(`${where}, unit ${j + 1} has a weight or bias that is not a finite number.`)
    })
    fanIn = layer.weights.length
  })
}

/** Throws unless every point is [x1, x2, class] with finite coordinates and a class the outputs can name. */
export function checkDataset(dataset: DatasetJSON, outputs: number): void {
  if (typeof dataset !== 'object' || dataset === null) throw new Error('The dataset is missing.')
  if (!Array.isArray(dataset.classes) || !dataset.classes.every((c) => typeof c === 'string'))
    throw new Error('The dataset needs a list of class names, such as ["blue", "orange"].')
  const classes = outputs === 1 ? 2 : outputs
  for (const part of ['train', 'test'] as const) {
    const points = dataset[part]
    if (!Array.isArray(points)) throw new Error(`The dataset has no ${part} list of points.`)
    points.forEach((p, i) => {
      if (!Array.isArray(p) || !isNumber(p[0]) || !isNumber(p[1]))
        throw new Error(`Point ${i + 1} of the ${part} set is not [x1, x2, class] with finite numbers.`)
      const c = p[2]
      if (!Number.isInteger(c) || c < 0 || c >= classes)
        throw new Error(
          `Point ${i + 1} of the ${part} set has class ${String(c)}, but a network with ${outputs} output unit` +
            `${outputs === 1 ? '' : 's'} can only tell ${classes} classes apart (0 to ${classes - 1}). ` +
            'Give the last layer one unit per class.',
        )
    })
  }
}

/** Throws unless every hyperparameter is usable with a network of `outputs` output units. */
export function checkSettings(s: Settings, outputs: number): void {
  checkLoss(s.loss, outputs)
  checkOptimizer(s.optimizer)
  checkSchedule(s.schedule)
  checkBatchSize(s.batchSize)
  checkStrength('L1', s.l1)
  checkStrength('L2', s.l2)
  requireNumber('The seed', s.seed, () => true, 'a finite number')
}

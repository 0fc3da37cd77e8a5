import { describe, it, expect } from 'vitest'
import { DESIGN_EXAMPLE_TEXT, fullModelFile } from './fixtures.ts'
import { ModelFileError, parseModelFile, validateModelFile } from './index.ts'

// Files as loose JSON objects, so a test can break them in any way.
type Json = Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any

const design = (): Json => JSON.parse(DESIGN_EXAMPLE_TEXT)
const full = (): Json => JSON.parse(JSON.stringify(fullModelFile()))

/** [what is wrong, the file to start from, how to break it, expected path, expected message fragment] */
type Case = [string, () => Json, (f: Json) => void, string, string | RegExp]

const cases: Case[] = [
  // format and version
  [
    'format missing',
    design,
    (f) => delete f.format,
    'format',
    'format must be "backprop-studio/model", got nothing',
  ],
  [
    'another format',
    design,
    (f) => (f.format = 'keras'),
    'format',
    'this is not a Backprop Studio model file',
  ],
  [
    'newer version',
    design,
    (f) => (f.version = 2),
    'version',
    'this file was written by a newer Backprop Studio (format version 2); this version reads version 1',
  ],
  ['version 0', design, (f) => (f.version = 0), 'version', 'version must be the number 1, got 0'],
  ['version as text', design, (f) => (f.version = '1'), 'version', 'version must be the number 1, got "1"'],
  ['fractional version', design, (f) => (f.version = 1.5), 'version', 'got 1.5'],
  ['version missing', design, (f) => delete f.version, 'version', 'version is missing'],
  // name
  ['name not text', design, (f) => (f.name = 3), 'name', 'name must be text in quotes, got 3'],
  ['absurdly long name', design, (f) => (f.name = 'n'.repeat(5000)), 'name', 'name is 5,000 characters long'],
  // network
  ['network missing', design, (f) => delete f.network, 'network', 'network is missing: it must be an object'],
  [
    'network a list',
    design,
    (f) => (f.network = []),
    'network',
    'network must be an object { … }, got an empty list',
  ],
  ['no inputs', design, (f) => (f.network.inputs = []), 'network.inputs', 'network.inputs is empty'],
  [
    'unknown input',
    design,
    (f) => (f.network.inputs[1] = 'x3'),
    'network.inputs[1]',
    'network.inputs[1] must be one of x1, x2, x1^2, x2^2, x1*x2, sin(x1), sin(x2), got "x3"',
  ],
  ['repeated input', design, (f) => (f.network.inputs = ['x1', 'x1']), 'network.inputs[1]', 'repeats "x1"'],
  ['inputs not a list', design, (f) => (f.network.inputs = 'x1'), 'network.inputs', 'got "x1"'],
  ['no layers', design, (f) => (f.network.layers = []), 'network.layers', 'network.layers is empty'],
  ['layer not an object', design, (f) => (f.network.layers[1] = 7), 'network.layers[1]', 'got 7'],
  [
    'unknown activation',
    design,
    (f) => (f.network.layers[0].activation = 'gelu'),
    'network.layers[0].activation',
    'must be one of linear, tanh, relu, sigmoid, leaky_relu, got "gelu"',
  ],
  [
    'a layer with no units',
    design,
    (f) => (f.network.layers[1].weights = []),
    'network.layers[1].weights',
    'network.layers[1].weights is empty: every layer needs at least one unit',
  ],
  [
    'row too short',
    design,
    (f) => f.network.layers[1].weights[0].pop(),
    'network.layers[1].weights[0]',
    'network.layers[1].weights[0] has 3 numbers, expected 4',
  ],
  [
    'first-layer row too long',
    design,
    (f) => f.network.layers[0].weights[3].push(1),
    'network.layers[0].weights[3]',
    'has 3 numbers, expected 2 (one per input: network.inputs has 2)',
  ],
  [
    'row not a list',
    design,
    (f) => (f.network.layers[0].weights[1] = 0.5),
    'network.layers[0].weights[1]',
    'got 0.5',
  ],
  [
    'weight as text',
    design,
    (f) => (f.network.layers[0].weights[1][0] = '0.3'),
    'network.layers[0].weights[1][0]',
    'network.layers[0].weights[1][0] must be a finite number, got "0.3"',
  ],
  [
    'weight null',
    design,
    (f) => (f.network.layers[1].weights[0][3] = null),
    'network.layers[1].weights[0][3]',
    'got null',
  ],
  [
    'too few biases',
    design,
    (f) => f.network.layers[0].biases.pop(),
    'network.layers[0].biases',
    'network.layers[0].biases has 3 numbers, expected 4',
  ],
  [
    'biases missing',
    design,
    (f) => delete f.network.layers[0].biases,
    'network.layers[0].biases',
    'is missing',
  ],
  [
    'bias not finite',
    design,
    (f) => (f.network.layers[0].biases[2] = NaN),
    'network.layers[0].biases[2]',
    'got NaN',
  ],
  // dataset
  ['dataset missing', design, (f) => delete f.dataset, 'dataset', 'dataset is missing'],
  ['no classes', design, (f) => (f.dataset.classes = []), 'dataset.classes', 'dataset.classes is empty'],
  [
    'too many classes',
    design,
    (f) => (f.dataset.classes = Array.from({ length: 65 }, (_, i) => `c${i}`)),
    'dataset.classes',
    'dataset.classes has 65 classes; at most 64',
  ],
  ['repeated class', design, (f) => (f.dataset.classes = ['a', 'a']), 'dataset.classes[1]', 'repeats "a"'],
  [
    'empty class name',
    design,
    (f) => (f.dataset.classes[0] = ''),
    'dataset.classes[0]',
    'every class needs a name',
  ],
  [
    'class name not text',
    design,
    (f) => (f.dataset.classes[1] = 1),
    'dataset.classes[1]',
    'must be text in quotes',
  ],
  ['train missing', design, (f) => delete f.dataset.train, 'dataset.train', 'dataset.train is missing'],
  [
    'point too short',
    design,
    (f) => (f.dataset.train[1] = [1, 2]),
    'dataset.train[1]',
    'dataset.train[1] must be a point [x1, x2, classIndex], got a list of 2 items',
  ],
  [
    'coordinate not a number',
    design,
    (f) => (f.dataset.test = [[0, true, 0]]),
    'dataset.test[0][1]',
    'got true',
  ],
  [
    'class index too big',
    design,
    (f) => (f.dataset.train[0][2] = 2),
    'dataset.train[0][2]',
    'must be a class index: a whole number from 0 to 1, got 2',
  ],
  ['class index negative', design, (f) => (f.dataset.train[0][2] = -1), 'dataset.train[0][2]', 'got -1'],
  ['class index fractional', design, (f) => (f.dataset.train[0][2] = 0.5), 'dataset.train[0][2]', 'got 0.5'],
  // outputs against classes
  [
    '1 output, 3 classes',
    design,
    (f) => (f.dataset.classes = ['a', 'b', 'c']),
    'dataset.classes',
    'the network has 1 output unit, which separates exactly 2 classes, but dataset.classes has 3',
  ],
  [
    '3 outputs, 2 classes',
    full,
    (f) => Object.assign(f.dataset, { classes: ['a', 'b'], train: [], test: [] }),
    'dataset.classes',
    'the network has 3 output units but dataset.classes has 2 classes',
  ],
  // training
  ['training missing', design, (f) => delete f.training, 'training', 'training is missing'],
  [
    'unknown loss',
    design,
    (f) => (f.training.loss = 'l1'),
    'training.loss',
    'training.loss must be one of mse, hinge, bce, cross_entropy, got "l1"',
  ],
  [
    'cross entropy on 1 output',
    design,
    (f) => (f.training.loss = 'cross_entropy'),
    'training.loss',
    'cross_entropy needs at least 2 output units',
  ],
  [
    'unknown optimizer',
    design,
    (f) => (f.training.optimizer.type = 'rmsprop'),
    'training.optimizer.type',
    'must be "sgd" or "adam", got "rmsprop"',
  ],
  [
    'negative learning rate',
    design,
    (f) => (f.training.optimizer.learningRate = -1),
    'training.optimizer.learningRate',
    'training.optimizer.learningRate must be a number greater than 0, got -1',
  ],
  [
    'zero learning rate',
    design,
    (f) => (f.training.optimizer.learningRate = 0),
    'training.optimizer.learningRate',
    'got 0',
  ],
  [
    'infinite learning rate',
    design,
    (f) => (f.training.optimizer.learningRate = Infinity),
    'training.optimizer.learningRate',
    'got Infinity',
  ],
  [
    'negative momentum',
    design,
    (f) => (f.training.optimizer.momentum = -0.1),
    'training.optimizer.momentum',
    'must be a number from 0 up to but not including 1, got -0.1',
  ],
  [
    'momentum of 1',
    design,
    (f) => (f.training.optimizer.momentum = 1),
    'training.optimizer.momentum',
    'got 1',
  ],
  [
    'momentum missing',
    design,
    (f) => delete f.training.optimizer.momentum,
    'training.optimizer.momentum',
    'is missing',
  ],
  [
    'sgd velocities too few',
    design,
    (f) => (f.training.optimizer.state = { velocities: [0] }),
    'training.optimizer.state.velocities',
    'has 1 number, expected 17 (one per parameter: the network has 17)',
  ],
  [
    'sgd state not an object',
    design,
    (f) => (f.training.optimizer.state = [1]),
    'training.optimizer.state',
    'got a list',
  ],
  ['beta1 of 1', full, (f) => (f.training.optimizer.beta1 = 1), 'training.optimizer.beta1', 'got 1'],
  [
    'beta2 negative',
    full,
    (f) => (f.training.optimizer.beta2 = -0.5),
    'training.optimizer.beta2',
    'got -0.5',
  ],
  [
    'epsilon zero',
    full,
    (f) => (f.training.optimizer.epsilon = 0),
    'training.optimizer.epsilon',
    'must be a number greater than 0, got 0',
  ],
  [
    'negative weight decay',
    full,
    (f) => (f.training.optimizer.weightDecay = -1),
    'training.optimizer.weightDecay',
    'must be a number 0 or greater, got -1',
  ],
  [
    'adam step fractional',
    full,
    (f) => (f.training.optimizer.state.step = 1.5),
    'training.optimizer.state.step',
    'must be a whole number 0 or greater, got 1.5',
  ],
  [
    'adam m too long',
    full,
    (f) => f.training.optimizer.state.m.push(0),
    'training.optimizer.state.m',
    'has 18 numbers, expected 17',
  ],
  [
    'adam v negative',
    full,
    (f) => (f.training.optimizer.state.v[4] = -1),
    'training.optimizer.state.v[4]',
    'must be a finite number 0 or greater, got -1',
  ],
  [
    'unknown schedule',
    design,
    (f) => (f.training.schedule = { type: 'cosine' }),
    'training.schedule.type',
    'must be "constant" or "linear", got "cosine"',
  ],
  [
    'schedule missing',
    design,
    (f) => delete f.training.schedule,
    'training.schedule',
    'training.schedule is missing',
  ],
  [
    'negative final rate',
    full,
    (f) => (f.training.schedule.finalLearningRate = -0.1),
    'training.schedule.finalLearningRate',
    'got -0.1',
  ],
  [
    'schedule of 0 epochs',
    full,
    (f) => (f.training.schedule.epochs = 0),
    'training.schedule.epochs',
    'must be a whole number 1 or greater, got 0',
  ],
  [
    'batch size 0',
    design,
    (f) => (f.training.batchSize = 0),
    'training.batchSize',
    'must be null (full batch) or a whole number 1 or greater, got 0',
  ],
  ['batch size fractional', design, (f) => (f.training.batchSize = 2.5), 'training.batchSize', 'got 2.5'],
  ['batch size missing', design, (f) => delete f.training.batchSize, 'training.batchSize', 'is missing'],
  [
    'negative l1',
    design,
    (f) => (f.training.l1 = -1),
    'training.l1',
    'must be a number 0 or greater, got -1',
  ],
  ['l2 as text', design, (f) => (f.training.l2 = '0'), 'training.l2', 'got "0"'],
  ['seed not a number', design, (f) => (f.training.seed = 'abc'), 'training.seed', 'must be a finite number'],
  [
    'negative epoch',
    design,
    (f) => (f.training.epoch = -1),
    'training.epoch',
    'must be a whole number 0 or greater',
  ],
  ['huge epoch', design, (f) => (f.training.epoch = 1e300), 'training.epoch', 'got 1e+300'],
  [
    'bad generator state',
    full,
    (f) => (f.training.rngState = [1, 2, 3]),
    'training.rngState',
    "must be the generator's saved state: 4 whole numbers from 0 to 4294967295, got a list of 3 items",
  ],
  [
    'generator state out of range',
    full,
    (f) => (f.training.rngState[0] = 2 ** 32),
    'training.rngState',
    'saved state',
  ],
  // history
  ['history missing', design, (f) => delete f.history, 'history', 'history is missing'],
  ['history not a list', design, (f) => (f.history = {}), 'history', 'got an object'],
  ['history entry not an object', design, (f) => (f.history[0] = 1), 'history[0]', 'got 1'],
  [
    'epochs not increasing',
    full,
    (f) => (f.history[1].epoch = 1),
    'history[1].epoch',
    "history[1].epoch must be greater than the previous entry's epoch (1), got 1",
  ],
  ['negative history epoch', design, (f) => (f.history[0].epoch = -1), 'history[0].epoch', 'got -1'],
  ['train loss missing', design, (f) => delete f.history[0].trainLoss, 'history[0].trainLoss', 'is missing'],
  [
    'accuracy above 1',
    design,
    (f) => (f.history[0].trainAccuracy = 1.5),
    'history[0].trainAccuracy',
    'must be a number from 0 to 1, got 1.5',
  ],
  [
    'test accuracy negative',
    full,
    (f) => (f.history[0].testAccuracy = -0.1),
    'history[0].testAccuracy',
    'got -0.1',
  ],
  ['test loss as text', full, (f) => (f.history[1].testLoss = 'low'), 'history[1].testLoss', 'got "low"'],
]

describe('validateModelFile refuses, naming the field', () => {
  it.each(cases)('%s', (_what, start, mutate, path, message) => {
    const f = start()
    mutate(f)
    let error: unknown
    try {
      validateModelFile(f)
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(ModelFileError)
    const e = error as ModelFileError
    expect(e.path).toBe(path)
    if (typeof message === 'string') expect(e.message).toContain(message)
    else expect(e.message).toMatch(message)
    // The message names the field, so it reads on its own (the version message names its subject).
    if (path !== 'version' && path !== 'format') expect(e.message).toContain(path)
  })

  it('every starting file is valid, so each refusal above comes from its mutation alone', () => {
    expect(() => validateModelFile(design())).not.toThrow()
    expect(() => validateModelFile(full())).not.toThrow()
  })

  it('refuses the same things from text: JSON 1e400 is Infinity, not a number a file may hold', () => {
    const text = DESIGN_EXAMPLE_TEXT.replace('"seed": 42', '"seed": 1e400')
    let error: unknown
    try {
      parseModelFile(text)
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(ModelFileError)
    expect((error as ModelFileError).path).toBe('training.seed')
    expect((error as ModelFileError).message).toContain(
      'got Infinity (a number too large to store, like 1e400)',
    )
  })

  it('accepts the edges of every range', () => {
    const f = full()
    Object.assign(f.training.optimizer, { beta1: 0, beta2: 0.999999, epsilon: 1e-300, weightDecay: 0 })
    Object.assign(f.training, { l1: 0, l2: 0, epoch: 0, seed: -1.5, batchSize: 1 })
    f.training.schedule.finalLearningRate = 0
    f.training.optimizer.state.step = 0
    f.history = [{ epoch: 0, trainLoss: 0, trainAccuracy: 0 }]
    f.dataset.train = []
    f.name = ''
    expect(validateModelFile(f).training.l1).toBe(0)
    const g = design()
    g.training.optimizer.momentum = 0.999
    g.network.inputs = ['x1', 'x2']
    g.dataset.classes = ['a', 'b']
    expect(validateModelFile(g).training.optimizer).toEqual({
      type: 'sgd',
      learningRate: 0.01,
      momentum: 0.999,
    })
  })
})

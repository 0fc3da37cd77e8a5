import { describe, it, expect } from 'vitest'
import fc from 'fast-check'
import { INVOKE_CHANNELS, MAX_STEP_EPOCHS } from './ipc.ts'
import {
  IpcArgumentError,
  isInvokeChannel,
  validateInvokeArgs,
  validateExportRequest,
  validateModelArgument,
  validateDataset,
  validateTrainingPatch,
  validateView,
  validateWatch,
  validateSavedTimeline,
} from './ipc-validate.ts'
import { encodeTimeline } from './train/timeline-file.ts'

function modelFile(): Record<string, unknown> {
  return {
    format: 'backprop-studio/model',
    version: 1,
    name: 'tiny',
    network: { inputs: ['x1', 'x2'], layers: [{ activation: 'tanh', weights: [[0.1, 0.2]], biases: [0] }] },
    dataset: { classes: ['a', 'b'], train: [[0, 0, 0]], test: [] },
    training: {
      loss: 'mse',
      optimizer: { type: 'sgd', learningRate: 0.1, momentum: 0 },
      schedule: { type: 'constant' },
      batchSize: null,
      l1: 0,
      l2: 0,
      seed: 1,
      epoch: 0,
    },
    history: [],
  }
}

const refused = (f: () => unknown) => expect(f).toThrow(IpcArgumentError)

describe('validateInvokeArgs', () => {
  it('accepts the documented arguments of every channel', () => {
    expect(validateInvokeArgs('trainer:load', [modelFile()])).toHaveLength(1)
    expect(validateInvokeArgs('trainer:step', [3])).toEqual([3])
    expect(validateInvokeArgs('trainer:update', [{ l2: 0.001, batchSize: 16 }])).toEqual([
      { l2: 0.001, batchSize: 16 },
    ])
    for (const c of ['trainer:play', 'trainer:pause', 'trainer:reset', 'trainer:snapshot'] as const)
      expect(validateInvokeArgs(c, [])).toEqual([])
  })

  it('refuses unknown channels and wrong argument counts, naming the channel', () => {
    refused(() => validateInvokeArgs('trainer:explode' as 'trainer:play', []))
    expect(() => validateInvokeArgs('trainer:play', [1])).toThrow(/"trainer:play" takes 0 arguments, got 1/)
    expect(() => validateInvokeArgs('trainer:step', [])).toThrow(/"trainer:step" takes 1 argument, got 0/)
    refused(() => validateInvokeArgs('trainer:step', 'abc' as unknown as unknown[]))
  })

  it('refuses step counts that are not whole numbers in range', () => {
    for (const bad of [0, -1, 1.5, NaN, Infinity, MAX_STEP_EPOCHS + 1, '3', null, {}])
      refused(() => validateInvokeArgs('trainer:step', [bad]))
    expect(() => validateInvokeArgs('trainer:step', [0])).toThrow(
      new RegExp(`whole number from 1 to ${MAX_STEP_EPOCHS}, got 0`),
    )
  })

  it('accepts any whole step count in range (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: MAX_STEP_EPOCHS }), (n) => {
        expect(validateInvokeArgs('trainer:step', [n])).toEqual([n])
      }),
      { numRuns: 50 },
    )
  })

  it('never throws anything but IpcArgumentError for arbitrary input (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...INVOKE_CHANNELS),
        fc.array(fc.anything(), { maxLength: 3 }),
        (channel, args) => {
          try {
            validateInvokeArgs(channel, args)
          } catch (e) {
            expect(e).toBeInstanceOf(IpcArgumentError)
            expect((e as Error).message.length).toBeGreaterThan(10)
          }
        },
      ),
      { numRuns: 200 },
    )
  })
})

describe('validateModelArgument', () => {
  it('passes a valid model file on as a clean copy', () => {
    const file: Record<string, unknown> = { ...modelFile(), comment: 'unknown fields are dropped' }
    const clean = validateModelArgument(file)
    expect(clean).not.toBe(file)
    expect(clean).not.toHaveProperty('comment')
    expect(clean.network).toEqual(file.network)
  })

  it('refuses a bad model with the model-file message naming the field', () => {
    const cases: [(f: Record<string, unknown>) => void, RegExp][] = [
      [(f) => (f.format = 'something-else'), /not valid: .*format/],
      [(f) => (f.network = null), /not valid: network/],
      [(f) => ((f.network as Record<string, unknown>).layers = []), /not valid: .*network\.layers/],
      [(f) => ((f.dataset as Record<string, unknown>).train = 'x'), /not valid: .*dataset\.train/],
      [(f) => ((f.training as Record<string, unknown>).loss = 'l7'), /not valid: .*training\.loss/],
      [(f) => (f.version = 2), /newer Backprop Studio/],
    ]
    for (const [spoil, message] of cases) {
      const f = modelFile()
      spoil(f)
      expect(() => validateModelArgument(f)).toThrow(IpcArgumentError)
      expect(() => validateModelArgument(f)).toThrow(message)
    }
  })

  it('refuses things that are not objects', () => {
    for (const bad of [null, undefined, 42, 'file', [modelFile()]]) refused(() => validateModelArgument(bad))
  })
})

describe('validateTrainingPatch', () => {
  it('accepts each hyperparameter on its own', () => {
    const patches = [
      { loss: 'hinge' },
      {
        optimizer: {
          type: 'adam',
          learningRate: 0.01,
          beta1: 0.9,
          beta2: 0.999,
          epsilon: 1e-8,
          weightDecay: 0,
        },
      },
      { schedule: { type: 'linear', finalLearningRate: 0.1, epochs: 100 } },
      { batchSize: null },
      { batchSize: 8 },
      { l1: 0, l2: 0.5 },
      {},
    ]
    for (const p of patches) expect(validateTrainingPatch(p)).toEqual(p)
  })

  it('refuses unknown fields and bad values', () => {
    expect(() => validateTrainingPatch({ seed: 3 })).toThrow(/unknown field "seed"/)
    expect(() => validateTrainingPatch({ l2: -1 })).toThrow(/l2 must be a finite number ≥ 0, got -1/)
    refused(() => validateTrainingPatch({ loss: 'MSE' }))
    refused(() => validateTrainingPatch({ optimizer: { type: 'rmsprop', learningRate: 1 } }))
    refused(() => validateTrainingPatch({ optimizer: { type: 'sgd', learningRate: 0.1 } }))
    refused(() => validateTrainingPatch({ schedule: { type: 'linear', finalLearningRate: 0.1, epochs: 0 } }))
    refused(() => validateTrainingPatch({ batchSize: 2.5 }))
    refused(() => validateTrainingPatch({ optimizer: { type: 'sgd', learningRate: 0.1, momentum: 1 } }))
    refused(() => validateTrainingPatch({ optimizer: { type: 'sgd', learningRate: 0, momentum: 0 } }))
    refused(() => validateTrainingPatch([{ l1: 0 }]))
  })
})

describe('validateWatch', () => {
  it('takes exactly the known switches, each true or false', () => {
    expect(validateInvokeArgs('trainer:watch', [{ parameters: true }])).toEqual([{ parameters: true }])
    expect(validateWatch({ parameters: false })).toEqual({ parameters: false })
    for (const bad of [null, [], {}, { parameters: 'yes' }, { parameters: true, everything: true }])
      refused(() => validateWatch(bad))
    expect(() => validateWatch({ parameters: 1 })).toThrow(/parameters must be true or false, got 1/)
  })

  it('takes neurons, points and diagnostics as optional switches (absent: off)', () => {
    const all = { parameters: false, neurons: true, points: false, diagnostics: true }
    expect(validateInvokeArgs('trainer:watch', [all])).toEqual([all])
    expect(validateWatch({ parameters: true, points: true })).toEqual({ parameters: true, points: true })
    expect(() => validateWatch({ parameters: true, neurons: 'on' })).toThrow(/neurons must be true or false/)
  })
})

describe('time travel arguments', () => {
  it('takes an epoch to look at or continue from: a whole number from 0 to MAX_EPOCHS', () => {
    expect(validateInvokeArgs('trainer:look-back', [0])).toEqual([0])
    expect(validateInvokeArgs('trainer:fork', [100_000])).toEqual([100_000])
    for (const bad of [-1, 0.5, 100_001, NaN, '7', null, [3]]) {
      refused(() => validateInvokeArgs('trainer:look-back', [bad]))
      refused(() => validateInvokeArgs('trainer:fork', [bad]))
    }
    expect(() => validateInvokeArgs('trainer:fork', [-1])).toThrow(
      /Argument 1 of "trainer:fork" \(the epoch to continue from\) must be an epoch: a whole number from 0 to 100000, got -1/,
    )
    for (const c of ['trainer:undo-fork', 'trainer:timeline'] as const)
      expect(validateInvokeArgs(c, [])).toEqual([])
  })

  it('takes a saved timeline only when every field checks out, and says which does not', () => {
    const one = {
      epoch: 0,
      rng: [1, 2, 3, 4] as [number, number, number, number],
      optimizerType: 'sgd' as const,
      parameters: new Float64Array([0.5, -1]),
      optimizer: new Float64Array(2),
    }
    const saved = encodeTimeline([one])
    expect(validateInvokeArgs('trainer:set-timeline', [saved])).toEqual([saved])
    expect(() => validateSavedTimeline({ ...saved, format: 'x' })).toThrow(IpcArgumentError)
    expect(() =>
      validateSavedTimeline({ ...saved, snapshots: [{ ...saved.snapshots[0], epoch: 'one' }] }),
    ).toThrow(/Snapshot 1 of the timeline: epoch must be a whole number ≥ 0/)
    refused(() => validateInvokeArgs('trainer:set-timeline', [null]))
  })
})

describe('validateDataset', () => {
  it('passes a usable dataset on as a clean copy', () => {
    const d = { classes: ['a', 'b', 'c'], train: [[0.5, -1, 2]], test: [[0, 0, 0]] }
    const [clean] = validateInvokeArgs('trainer:dataset', [d])
    expect(clean).toEqual(d)
    expect(clean.train).not.toBe(d.train)
    expect(validateDataset({ classes: ['a', 'b'], train: [], test: [] })).toEqual({
      classes: ['a', 'b'],
      train: [],
      test: [],
    })
  })

  it('refuses bad classes, points and sizes, naming what is wrong', () => {
    const ok = { classes: ['a', 'b'], train: [], test: [] }
    expect(() => validateDataset({ ...ok, classes: ['a'] })).toThrow(/2 to 6 class names/)
    expect(() => validateDataset({ ...ok, classes: ['a', 'b', 'c', 'd', 'e', 'f', 'g'] })).toThrow(/2 to 6/)
    expect(() => validateDataset({ ...ok, classes: ['a', 'a'] })).toThrow(/appears twice/)
    expect(() => validateDataset({ ...ok, classes: ['a', ''] })).toThrow(/not usable/)
    expect(() => validateDataset({ ...ok, train: [[0, 0]] })).toThrow(
      /train point 1 must be \[x1, x2, class\]/,
    )
    expect(() =>
      validateDataset({
        ...ok,
        test: [
          [0, 0, 0],
          [0, NaN, 0],
        ],
      }),
    ).toThrow(/test point 2/)
    expect(() => validateDataset({ ...ok, train: [[0, 0, 2]] })).toThrow(/class from 0 to 1/)
    expect(() => validateDataset({ ...ok, train: [, [0, 0, 0]] })).toThrow(/train point 1/)
    expect(() => validateDataset({ ...ok, more: 1 })).toThrow(/unknown field "more"/)
    const many = Array.from({ length: 60_000 }, () => [0, 0, 0])
    expect(() => validateDataset({ classes: ['a', 'b'], train: many, test: many })).toThrow(
      /must have at most 100000 points in all, got 120000 points/,
    )
  })
})

describe('validateView', () => {
  it('takes four finite numbers spanning a square of the plane', () => {
    const v = { xMin: -1, xMax: 2, yMin: -3, yMax: 0 }
    expect(validateInvokeArgs('trainer:view', [v])).toEqual([v])
    expect(() => validateView({ ...v, xMax: -1 })).toThrow(/xMax > xMin/)
    expect(() => validateView({ ...v, yMin: Infinity })).toThrow(/yMin must be a finite number/)
    expect(() => validateView({ ...v, zoom: 2 })).toThrow(/unknown field/)
  })
})

describe('validateExportRequest', () => {
  it('accepts text or bytes under a plain file name with the kind’s extension', () => {
    const csv = { kind: 'csv', suggestedName: 'moons, 2-4-1.csv', data: 'x1,x2,label\n' }
    expect(validateInvokeArgs('file:export', [csv])).toEqual([csv])
    const png = { kind: 'png', suggestedName: 'Plot.PNG', data: new Uint8Array([137, 80]) }
    expect(validateExportRequest(png)).toEqual(png)
  })

  it('refuses folders, hidden names, wrong extensions, unknown kinds and other data', () => {
    const ok = { kind: 'svg', suggestedName: 'graph.svg', data: '<svg/>' }
    for (const suggestedName of [
      '../graph.svg',
      'a/graph.svg',
      'C:\\graph.svg',
      '.svg',
      'graph.png',
      '',
      'g\u0000.svg',
    ])
      refused(() => validateExportRequest({ ...ok, suggestedName }))
    refused(() => validateExportRequest({ ...ok, suggestedName: 'x'.repeat(200) + '.svg' }))
    refused(() => validateExportRequest({ ...ok, kind: 'exe', suggestedName: 'graph.exe' }))
    refused(() => validateExportRequest({ ...ok, data: 42 }))
    refused(() => validateExportRequest({ ...ok, data: ['<svg/>'] }))
    refused(() => validateExportRequest({ ...ok, path: '/etc/passwd' }))
    expect(() => validateExportRequest({ ...ok, suggestedName: '../graph.svg' })).toThrow(
      /suggestedName must be a file name .* ending in \.svg/,
    )
  })
})

describe('isInvokeChannel', () => {
  it('knows exactly the channels in ipc.ts', () => {
    for (const c of INVOKE_CHANNELS) expect(isInvokeChannel(c)).toBe(true)
    for (const c of ['trainer:event', '', 'constructor', '__proto__', 7])
      expect(isInvokeChannel(c)).toBe(false)
  })
})

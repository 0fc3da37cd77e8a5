import { describe, it, expect } from 'vitest'
import fc from 'fast-check'
import { ACTIVATIONS } from '../nn/mlp.ts'
import { DESIGN_EXAMPLE_TEXT, fullModelFile } from './fixtures.ts'
import {
  FEATURES,
  ModelFileError,
  parseModelFile,
  serializeModelFile,
  validateModelFile,
  type LossName,
  type ModelFile,
} from './index.ts'

/** Any finite double, -0, subnormals and the extremes included. */
const finite = fc.double({ noNaN: true, noDefaultInfinity: true })
const nonNegative = fc.double({ min: 0, noNaN: true, noDefaultInfinity: true })
const belowOne = fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true })
const positive = fc.double({ min: Number.MIN_VALUE, noNaN: true, noDefaultInfinity: true })
const fraction = fc.double({ min: 0, max: 1, noNaN: true })

/**
 * Text with the characters that trip up JSON writers: quotes, backslashes, control characters,
 * a byte order mark, a lone surrogate and an emoji (two UTF-16 units). fc.string's 'binary' unit
 * would cover these too, but takes seconds to set up.
 */
const trickyText = (maxLength: number) =>
  fc.string({
    unit: fc.oneof(
      fc.constantFrom('"', '\\', '\n', '\u0000', '\u001f', '\uFEFF', '\u2028', '\ud800', 'é', '😀'),
      fc.string({ minLength: 1, maxLength: 1 }),
    ),
    maxLength,
  })

/** A valid model file with random shapes and numbers (every optional part sometimes present). */
const modelFile: fc.Arbitrary<ModelFile> = fc
  .record({
    inputs: fc.shuffledSubarray([...FEATURES], { minLength: 1 }),
    hidden: fc.array(fc.integer({ min: 1, max: 4 }), { maxLength: 2 }),
    classes: fc.integer({ min: 2, max: 4 }),
    binary: fc.boolean(),
    seed: fc.integer(),
  })
  .chain(({ inputs, hidden, classes, binary }) => {
    const classCount = binary ? 2 : classes
    const units = [...hidden, binary ? 1 : classCount]
    const layers = fc.tuple(
      ...units.map((u, li) => {
        const fanIn = li === 0 ? inputs.length : units[li - 1]
        return fc.record({
          activation: fc.constantFrom(...ACTIVATIONS),
          weights: fc.array(fc.array(finite, { minLength: fanIn, maxLength: fanIn }), {
            minLength: u,
            maxLength: u,
          }),
          biases: fc.array(finite, { minLength: u, maxLength: u }),
        })
      }),
    )
    const parameters = units.reduce((s, u, li) => s + u * ((li === 0 ? inputs.length : units[li - 1]) + 1), 0)
    const vector = (items: fc.Arbitrary<number>) =>
      fc.array(items, { minLength: parameters, maxLength: parameters })
    const point = fc.tuple(finite, finite, fc.integer({ min: 0, max: classCount - 1 }))
    const losses: LossName[] = binary ? ['mse', 'hinge', 'bce'] : ['mse', 'hinge', 'bce', 'cross_entropy']
    const sgd = fc.record(
      {
        type: fc.constant('sgd' as const),
        learningRate: positive,
        momentum: belowOne,
        state: fc.record({ velocities: vector(finite) }),
      },
      { requiredKeys: ['type', 'learningRate', 'momentum'] },
    )
    const adam = fc.record(
      {
        type: fc.constant('adam' as const),
        learningRate: positive,
        beta1: belowOne,
        beta2: belowOne,
        epsilon: positive,
        weightDecay: nonNegative,
        state: fc.record({ step: fc.nat(), m: vector(finite), v: vector(nonNegative) }),
      },
      { requiredKeys: ['type', 'learningRate', 'beta1', 'beta2', 'epsilon', 'weightDecay'] },
    )
    const metrics = fc.record(
      { trainLoss: finite, trainAccuracy: fraction, testLoss: finite, testAccuracy: fraction },
      { requiredKeys: ['trainLoss', 'trainAccuracy'] },
    )
    return fc.record({
      format: fc.constant('backprop-studio/model' as const),
      version: fc.constant(1 as const),
      name: trickyText(30),
      network: fc.record({ inputs: fc.constant(inputs), layers: layers.map((ls) => [...ls]) }),
      dataset: fc.record({
        classes: fc.uniqueArray(
          trickyText(8).filter((c) => c !== ''),
          {
            minLength: classCount,
            maxLength: classCount,
          },
        ),
        train: fc.array(point, { maxLength: 5 }),
        test: fc.array(point, { maxLength: 3 }),
      }),
      training: fc.record(
        {
          loss: fc.constantFrom(...losses),
          optimizer: fc.oneof(sgd, adam),
          schedule: fc.oneof(
            fc.constant({ type: 'constant' as const }),
            fc.record({
              type: fc.constant('linear' as const),
              finalLearningRate: nonNegative,
              epochs: fc.integer({ min: 1, max: 1e6 }),
            }),
          ),
          batchSize: fc.option(fc.integer({ min: 1, max: 1000 })),
          l1: nonNegative,
          l2: nonNegative,
          seed: finite,
          epoch: fc.nat(),
          rngState: fc.tuple(fc.nat(0xffffffff), fc.nat(0xffffffff), fc.nat(0xffffffff), fc.nat(0xffffffff)),
        },
        { requiredKeys: ['loss', 'optimizer', 'schedule', 'batchSize', 'l1', 'l2', 'seed', 'epoch'] },
      ),
      history: fc
        .array(fc.tuple(fc.integer({ min: 1, max: 5 }), metrics), { maxLength: 4 })
        .map((entries) => {
          let epoch = 0
          return entries.map(([gap, m]) => ({ epoch: (epoch += gap), ...m }))
        }),
    })
  })

/** Either a model file or a ModelFileError: anything else thrown fails the property. */
function parsedOrRefused(read: () => ModelFile): void {
  try {
    read()
  } catch (e) {
    if (!(e instanceof ModelFileError)) throw e
    expect(typeof e.path).toBe('string')
    expect(e.message.length).toBeGreaterThan(0)
  }
}

// Any JSON value a careless or hostile editor might put somewhere.
const junk = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom(NaN, Infinity, -Infinity, -0, 1e308, 2 ** 53, -1, 0.5, '', '__proto__', [], {}, null),
)

/** Every [parent, key] in a JSON tree, so a mutation can reach any field or list item. */
function slots(root: unknown): [Record<string | number, unknown>, string | number][] {
  const out: [Record<string | number, unknown>, string | number][] = []
  const stack = [root]
  while (stack.length > 0) {
    const node = stack.pop()
    if (typeof node !== 'object' || node === null) continue
    for (const key of Object.keys(node)) {
      const k = Array.isArray(node) ? Number(key) : key
      out.push([node as Record<string | number, unknown>, k])
      stack.push((node as Record<string, unknown>)[key])
    }
  }
  return out
}

describe('model files under random change', () => {
  it('a valid file round-trips exactly, and its text is stable', () => {
    fc.assert(
      fc.property(modelFile, (f) => {
        const text = serializeModelFile(f)
        const back = parseModelFile(text)
        expect(back).toEqual(f)
        expect(serializeModelFile(back)).toBe(text)
      }),
      { numRuns: 50 },
    )
  })

  it('deleting, replacing or retyping any field gives a file or a ModelFileError, nothing else', () => {
    const mutation = fc.record({
      start: fc.constantFrom(
        () => JSON.parse(DESIGN_EXAMPLE_TEXT),
        () => JSON.parse(JSON.stringify(fullModelFile())),
      ),
      edits: fc.array(fc.tuple(fc.nat(), fc.constantFrom('delete', 'replace', 'wrap', 'splice'), junk), {
        minLength: 1,
        maxLength: 3,
      }),
    })
    fc.assert(
      fc.property(mutation, ({ start, edits }) => {
        const f = start()
        for (const [pick, kind, value] of edits) {
          const all = slots(f)
          if (all.length === 0) break
          const [parent, key] = all[pick % all.length]
          if (kind === 'delete') {
            if (Array.isArray(parent)) parent.splice(key as number, 1)
            else delete parent[key]
          } else if (kind === 'replace') parent[key] = value
          else if (kind === 'wrap') parent[key] = [parent[key]]
          else if (Array.isArray(parent)) parent.splice(key as number, 0, value)
          else parent[key] = { value: parent[key] }
        }
        parsedOrRefused(() => validateModelFile(f))
        parsedOrRefused(() => parseModelFile(JSON.stringify(f) ?? ''))
      }),
      { numRuns: 200 },
    )
  })

  it('cutting, inserting or overwriting characters gives a file or a ModelFileError, nothing else', () => {
    const texts = [DESIGN_EXAMPLE_TEXT, serializeModelFile(fullModelFile())]
    const edit = fc.tuple(
      fc.nat(),
      fc.constantFrom('cut', 'insert', 'overwrite', 'remove'),
      fc.oneof(
        fc.string({ maxLength: 4 }),
        fc.constantFrom(
          '{',
          '}',
          '[',
          ']',
          ',',
          ':',
          '"',
          '\\',
          '-',
          'e',
          '.',
          '0',
          '\uFEFF',
          '\n',
          '\u0000',
        ),
      ),
      fc.integer({ min: 1, max: 20 }),
    )
    fc.assert(
      fc.property(
        fc.constantFrom(...texts),
        fc.array(edit, { minLength: 1, maxLength: 4 }),
        (start, edits) => {
          let text = start
          for (const [at, kind, chars, length] of edits) {
            const i = at % (text.length + 1)
            if (kind === 'cut') text = text.slice(0, i)
            else if (kind === 'insert') text = text.slice(0, i) + chars + text.slice(i)
            else if (kind === 'overwrite') text = text.slice(0, i) + chars + text.slice(i + chars.length)
            else text = text.slice(0, i) + text.slice(i + length)
          }
          parsedOrRefused(() => parseModelFile(text))
        },
      ),
      { numRuns: 300 },
    )
  })

  it('truncating a valid file anywhere always says where it ends, never crashes', () => {
    const text = serializeModelFile(fullModelFile())
    fc.assert(
      fc.property(fc.integer({ min: 0, max: text.length - 2 }), (cut) => {
        let error: unknown
        try {
          parseModelFile(text.slice(0, cut))
        } catch (e) {
          error = e
        }
        expect(error).toBeInstanceOf(ModelFileError)
        // Every cut loses at least the closing brace (the last character is a line break).
        expect((error as ModelFileError).message).toMatch(
          /^the file is empty|^the file ends too early \(line \d+, column \d+\)/,
        )
      }),
      { numRuns: 150 },
    )
  })

  it('random text and random JSON give a file or a ModelFileError, nothing else', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json({ maxDepth: 4 }), trickyText(60)), (text) => {
        parsedOrRefused(() => parseModelFile(text))
      }),
      { numRuns: 200 },
    )
  })

  it('the syntax check agrees with JSON.parse about what is valid JSON', () => {
    // If JSON.parse accepts a text, the file's problem (if any) is about the model, not the syntax.
    const arbitraryText = fc.oneof(
      fc.json({ maxDepth: 3 }),
      fc
        .json({ maxDepth: 3 })
        .chain((j) =>
          fc
            .tuple(fc.nat(j.length), fc.string({ maxLength: 2 }))
            .map(([i, s]) => j.slice(0, i) + s + j.slice(i)),
        ),
    )
    fc.assert(
      fc.property(arbitraryText, (text) => {
        let jsonOk = true
        try {
          JSON.parse(text.replace(/^\uFEFF/, ''))
        } catch {
          jsonOk = false
        }
        let syntaxComplaint = false
        try {
          parseModelFile(text)
        } catch (e) {
          if (!(e instanceof ModelFileError)) throw e
          syntaxComplaint = e.path === '' && /not valid JSON|ends too early|the file is empty/.test(e.message)
        }
        expect(syntaxComplaint).toBe(!jsonOk)
      }),
      { numRuns: 300 },
    )
  })
})

import { describe, it, expect } from 'vitest'
import { MLP } from '../nn/mlp.ts'
import { createRng } from '../random.ts'
import { DESIGN_EXAMPLE_TEXT, fullModelFile } from './fixtures.ts'
import {
  ModelFileError,
  parseModelFile,
  serializeModelFile,
  validateModelFile,
  type ModelFile,
} from './index.ts'

/** The ModelFileError `f` throws (fails the test if it throws nothing or something else). */
function refusal(f: () => unknown): ModelFileError {
  try {
    f()
  } catch (e) {
    expect(e).toBeInstanceOf(ModelFileError)
    return e as ModelFileError
  }
  throw new Error('expected a ModelFileError, but nothing was thrown')
}

describe('parseModelFile', () => {
  it('reads the example in DESIGN.md', () => {
    const f = parseModelFile(DESIGN_EXAMPLE_TEXT)
    expect(f.name).toBe('moons, 2-4-1 tanh')
    expect(f.network.inputs).toEqual(['x1', 'x2'])
    expect(f.network.layers.map((l) => l.weights.length)).toEqual([4, 1])
    expect(f.network.layers[0].weights[2]).toEqual([-0.7, 0.1])
    expect(f.dataset.train[1]).toEqual([1.2, -0.4, 1])
    expect(f.training.batchSize).toBeNull()
    expect(f.training.optimizer).toEqual({ type: 'sgd', learningRate: 0.01, momentum: 0 })
    expect(f.history).toEqual([{ epoch: 1, trainLoss: 0.98, trainAccuracy: 0.5 }])
  })

  it('round-trips a file using every optional field, -0 and extreme doubles included', () => {
    const f = fullModelFile()
    const back = parseModelFile(serializeModelFile(f))
    expect(back).toEqual(f)
    expect(Object.is(back.network.layers[1].biases[1], -0)).toBe(true)
    expect(back.dataset.train[1][1]).toBe(2.5e300)
  })

  it('round-trips a network made by MLP, with doubles of every size', () => {
    const rng = createRng(3)
    const mlp = new MLP(
      2,
      [
        { units: 5, activation: 'tanh' },
        { units: 3, activation: 'leaky_relu', init: 'he' },
        { units: 1, activation: 'sigmoid', init: 'xavier' },
      ],
      rng.next,
    )
    const network = mlp.toJSON()
    // Awkward values the shortest-round-trip printer must get exactly right.
    network.layers[0].weights[0] = [Number.MIN_VALUE, -Number.MAX_VALUE]
    network.layers[0].biases[0] = 0.1 + 0.2
    network.layers[1].biases[2] = -0
    const file: ModelFile = { ...parseModelFile(DESIGN_EXAMPLE_TEXT), network }
    const back = parseModelFile(serializeModelFile(file))
    expect(back).toEqual(file)
    expect(MLP.fromJSON(back.network).toJSON()).toEqual(network)
    expect(Object.is(back.network.layers[1].biases[2], -0)).toBe(true)
  })

  it('accepts a UTF-8 byte order mark and surrounding whitespace', () => {
    expect(parseModelFile('\uFEFF' + DESIGN_EXAMPLE_TEXT)).toEqual(parseModelFile(DESIGN_EXAMPLE_TEXT))
    expect(parseModelFile('\r\n\t ' + DESIGN_EXAMPLE_TEXT + '\r\n\n')).toEqual(
      parseModelFile(DESIGN_EXAMPLE_TEXT),
    )
  })

  it('ignores unknown fields everywhere and returns only the known ones', () => {
    const raw = JSON.parse(DESIGN_EXAMPLE_TEXT)
    raw.comment = 'made by hand'
    raw.network.layers[0].note = { deep: [[[1]]] }
    raw.training.optimizer.nesterov = true
    raw.history[0].wallTime = 12.5
    const f = parseModelFile(JSON.stringify(raw))
    expect(f).toEqual(parseModelFile(DESIGN_EXAMPLE_TEXT))
    expect(Object.keys(f)).toEqual(['format', 'version', 'name', 'network', 'dataset', 'training', 'history'])
    expect(f.history[0]).not.toHaveProperty('wallTime')
  })

  it('reads null as "absent" for the optional state, rngState, testLoss and testAccuracy', () => {
    const raw = JSON.parse(DESIGN_EXAMPLE_TEXT)
    raw.training.optimizer.state = null
    raw.training.rngState = null
    raw.history[0].testLoss = null
    raw.history[0].testAccuracy = null
    expect(parseModelFile(JSON.stringify(raw))).toEqual(parseModelFile(DESIGN_EXAMPLE_TEXT))
  })

  it('never lets a __proto__ field pollute objects', () => {
    const text = DESIGN_EXAMPLE_TEXT.replace(
      '"name":',
      '"__proto__": { "polluted": true, "network": 5 }, "constructor": { "prototype": { "polluted": true } }, "name":',
    ).replace('"loss": "mse"', '"__proto__": { "loss": "bad" }, "loss": "mse"')
    const f = parseModelFile(text)
    expect(f.network.inputs).toEqual(['x1', 'x2'])
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    expect(Object.getPrototypeOf(f)).toBe(Object.prototype)
    expect(Object.keys(f)).not.toContain('__proto__')
  })

  it('takes fields only from the object itself, never from its prototype chain', () => {
    const proto = JSON.parse(DESIGN_EXAMPLE_TEXT)
    const e = refusal(() => validateModelFile(Object.create(proto)))
    expect(e.path).toBe('format')
  })

  it('returns a copy: changing the result leaves the input alone', () => {
    const f = fullModelFile()
    const copy = validateModelFile(f)
    copy.network.layers[0].weights[0][0] = 99
    copy.dataset.train[0][0] = 99
    if (copy.training.optimizer.type === 'adam') copy.training.optimizer.state!.m[0] = 99
    copy.training.rngState![0] = 99
    expect(f).toEqual(fullModelFile())
  })

  it('refuses text that is not a model, saying what it found', () => {
    const cases: [string, RegExp][] = [
      ['', /the file is empty/],
      ['  \n\t', /the file is empty/],
      ['null', /must hold one JSON object .* got null/],
      ['[]', /must hold one JSON object .* got an empty list/],
      ['[' + DESIGN_EXAMPLE_TEXT + ']', /got a list of 1 item/],
      ['42', /got 42/],
      ['"backprop-studio/model"', /got "backprop-studio\/model"/],
      [
        '{}',
        /this is not a Backprop Studio model file: format must be "backprop-studio\/model", got nothing/,
      ],
    ]
    for (const [text, message] of cases) {
      const e = refusal(() => parseModelFile(text))
      expect(e.message).toMatch(message)
      expect(e.name).toBe('ModelFileError')
    }
  })

  it('refuses something other than text with a ModelFileError', () => {
    expect(refusal(() => parseModelFile(undefined as unknown as string)).message).toMatch(/expected the text/)
    expect(refusal(() => parseModelFile({} as unknown as string)).message).toMatch(/got an object/)
  })

  it('explains JSON syntax errors with their line and column', () => {
    const cases: [string, number, number, RegExp][] = [
      ['{\n  "format": 1,\n}', 3, 1, /a comma before '}' is not allowed/],
      ['[1, 2,\n ]', 2, 2, /a comma before '\]' is not allowed/],
      ["{'format': 1}", 1, 2, /double quotes/],
      ['{"a": NaN}', 1, 7, /found 'NaN'/],
      ['{"a": Infinity}', 1, 7, /found 'Infinity'/],
      ['{"a": 01}', 1, 7, /may not start with 0/],
      ['{"a": .5}', 1, 7, /starts with a digit or '-'/],
      ['{"a": 1.}', 1, 9, /digit after the decimal point/],
      ['{"a": 1e}', 1, 9, /digit in the exponent/],
      ['{"a": "x\ny"}', 1, 9, /not closed before the end of the line/],
      ['{"a": "\\q"}', 1, 8, /unknown escape "\\\\q"/],
      ['{"a": "\\u12G4"}', 1, 8, /four hexadecimal digits/],
      ['{"a" 1}', 1, 6, /expected ':' after the field name/],
      ['{"a": 1 "b": 2}', 1, 9, /expected ',' or '}' .* \(is a comma missing\?\)/],
      ['{"a": [1 2]}', 1, 10, /expected ',' or '\]'/],
      ['{"a": tru}', 1, 7, /found 'tru'/],
      ['{} {}', 1, 4, /after the end of the model/],
      ['{a: 1}', 1, 2, /expected a field name in double quotes/],
      ['\n\n   }', 3, 4, /expected a value/],
    ]
    for (const [text, line, column, message] of cases) {
      const e = refusal(() => parseModelFile(text))
      expect(e.message, text).toMatch(message)
      expect(e.message, text).toContain(`line ${line}, column ${column}`)
      expect([e.line, e.column], text).toEqual([line, column])
    }
  })

  it('says a file cut off part way looks cut off, with where it ends', () => {
    for (const cut of [1, 10, 200, DESIGN_EXAMPLE_TEXT.length - 3]) {
      const e = refusal(() => parseModelFile(DESIGN_EXAMPLE_TEXT.slice(0, cut)))
      expect(e.message).toMatch(/the file ends too early \(line \d+, column \d+\): it looks cut off/)
    }
  })
})

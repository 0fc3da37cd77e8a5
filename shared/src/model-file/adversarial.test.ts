import { describe, it, expect } from 'vitest'
import { DESIGN_EXAMPLE_TEXT, fullModelFile } from './fixtures.ts'
import { MODEL_FILE_LIMITS, ModelFileError, parseModelFile, validateModelFile } from './index.ts'

function refusal(f: () => unknown): ModelFileError {
  try {
    f()
  } catch (e) {
    expect(e).toBeInstanceOf(ModelFileError)
    return e as ModelFileError
  }
  throw new Error('expected a ModelFileError, but nothing was thrown')
}

/** The example file with an extra, unknown field holding `json`. */
const withExtra = (json: string) => DESIGN_EXAMPLE_TEXT.replace('"name":', `"extra": ${json}, "name":`)

describe('hostile or broken input is refused quickly with a ModelFileError', () => {
  it('refuses 100,000 nested lists without recursing', () => {
    const e = refusal(() => parseModelFile('['.repeat(100_000) + ']'.repeat(100_000)))
    expect(e.message).toMatch(/nested more than 100 deep.*\(line 1, column 101\)/)
  })

  it('refuses deep nesting that is cut off, and deep objects, the same way', () => {
    expect(refusal(() => parseModelFile('['.repeat(100_000))).message).toMatch(/nested more than 100 deep/)
    expect(refusal(() => parseModelFile('{"a":'.repeat(100_000))).message).toMatch(
      /nested more than 100 deep/,
    )
  })

  it('ignores an unknown field nested up to the limit, refuses one past it', () => {
    const nest = (d: number) => '['.repeat(d) + ']'.repeat(d)
    // The field sits at depth 1 (inside the root object), so it may nest 99 more levels.
    expect(parseModelFile(withExtra(nest(MODEL_FILE_LIMITS.maxDepth - 1))).name).toBe('moons, 2-4-1 tanh')
    expect(refusal(() => parseModelFile(withExtra(nest(MODEL_FILE_LIMITS.maxDepth)))).message).toMatch(
      /nested/,
    )
  })

  it('ignores brackets and quotes inside text when measuring nesting', () => {
    const text = withExtra(JSON.stringify('[{'.repeat(500) + '\\"[' + '"'))
    expect(parseModelFile(text).name).toBe('moons, 2-4-1 tanh')
  })

  it('refuses text over the size limit before reading it', () => {
    const e = refusal(() => parseModelFile(' '.repeat(MODEL_FILE_LIMITS.maxTextLength + 1)))
    expect(e.message).toMatch(
      /too large to be a model \(32\.0 MB\); Backprop Studio opens model files up to 32\.0 MB/,
    )
  })

  it('refuses more lists and objects than the limit (each costs JSON.parse time)', () => {
    const many = '[' + '[],'.repeat(MODEL_FILE_LIMITS.maxContainers) + '[]]'
    expect(refusal(() => parseModelFile(withExtra(many))).message).toMatch(
      /more than 1,000,000 lists and objects .*\(line \d+, column \d+\)/,
    )
  })

  it('refuses a flood of unknown field names, but not known names repeated', () => {
    const unknown =
      '{' + Array.from({ length: MODEL_FILE_LIMITS.maxUnknownFields + 1 }, (_, i) => `"k${i}": 0`) + '}'
    expect(refusal(() => parseModelFile(withExtra(unknown))).message).toMatch(
      /more than 10,000 fields Backprop Studio does not know/,
    )
    const known = '[' + Array.from({ length: 20_000 }, () => '{"epoch": 1, "m": 2}') + ']'
    expect(parseModelFile(withExtra(known)).name).toBe('moons, 2-4-1 tanh')
  })

  it('refuses a network over the parameter limit before looking at its numbers', () => {
    // 2,000 units of 2 inputs, then 5,000 units of 2,000 inputs: 10,011,000 parameters. The rows
    // are shared, so building this costs little memory; validating them all would take seconds.
    const f = fullModelFile()
    const wide = new Array(2000).fill(0)
    f.network.inputs = ['x1', 'x2']
    f.network.layers = [
      { activation: 'tanh', weights: new Array(2000).fill([0, 0]), biases: wide },
      { activation: 'tanh', weights: new Array(5000).fill(wide), biases: new Array(5000).fill(0) },
    ]
    const e = refusal(() => validateModelFile(f))
    expect(e.path).toBe('network.layers[1]')
    expect(e.message).toMatch(/more than 10,000,000 weights and biases/)
  })

  it('refuses more points than the limit', () => {
    const f = fullModelFile()
    f.dataset.test = new Array(MODEL_FILE_LIMITS.maxPoints + 1).fill([0, 0, 0])
    const e = refusal(() => validateModelFile(f))
    expect(e.path).toBe('dataset.test')
    expect(e.message).toMatch(/100,001 points; at most 100,000/)
  })

  it('describes huge wrong values briefly instead of printing them', () => {
    const e = refusal(() =>
      parseModelFile(DESIGN_EXAMPLE_TEXT.replace('"mse"', JSON.stringify('m'.repeat(1e6)))),
    )
    expect(e.path).toBe('training.loss')
    expect(e.message.length).toBeLessThan(200)
    expect(e.message).toContain('(1,000,000 characters)')
  })

  it('refuses a known field nested where a number belongs, without walking into it', () => {
    const deep = '['.repeat(90) + ']'.repeat(90)
    const e = refusal(() => parseModelFile(DESIGN_EXAMPLE_TEXT.replace('[0.12, -0.5]', `[${deep}, -0.5]`)))
    expect(e.path).toBe('network.layers[0].weights[0][0]')
    expect(e.message).toContain('got a list of 1 item')
  })

  it('handles control characters, lone surrogates and odd whitespace in text', () => {
    expect(refusal(() => parseModelFile('{"a": "\u0001"}')).message).toMatch(
      /the control character U\+0001 inside text in quotes must be written as an escape/,
    )
    expect(refusal(() => parseModelFile('\u00a0{}')).message).toMatch(
      /line 1, column 1: expected a value .* found the invisible character U\+00A0/,
    )
    const f = parseModelFile(DESIGN_EXAMPLE_TEXT.replace('"moons, 2-4-1 tanh"', '"\\ud800 lone"'))
    expect(f.name).toBe('\ud800 lone')
  })

  it('refuses a byte order mark anywhere but the very start', () => {
    expect(refusal(() => parseModelFile('\uFEFF\uFEFF' + DESIGN_EXAMPLE_TEXT)).message).toMatch(
      /byte order mark \(U\+FEFF\)/,
    )
  })
})

import { describe, it, expect } from 'vitest'
import { DESIGN_EXAMPLE_TEXT, fullModelFile } from './fixtures.ts'
import {
  ModelFileError,
  parseModelDocument,
  parseModelFile,
  serializeModelFile,
  type ModelFile,
} from './index.ts'
import { countContainers } from './serialize.ts'

describe('serializeModelFile', () => {
  it('writes readable JSON: 2-space indent, one line per weight row, point and history entry', () => {
    const text = serializeModelFile(parseModelFile(DESIGN_EXAMPLE_TEXT))
    const lines = text.split('\n')
    expect(lines[0]).toBe('{')
    expect(lines).toContain('  "format": "backprop-studio/model",')
    expect(lines).toContain('    "inputs": ["x1", "x2"],')
    expect(lines).toContain('          [-0.7, 0.1],')
    expect(lines).toContain('        "biases": [0, 0.1, -0.2, 0.3]')
    expect(lines).toContain('      [1.2, -0.4, 1]')
    expect(lines).toContain('    "optimizer": { "type": "sgd", "learningRate": 0.01, "momentum": 0 },')
    expect(lines).toContain('    "batchSize": null,')
    expect(lines).toContain('    { "epoch": 1, "trainLoss": 0.98, "trainAccuracy": 0.5 }')
    expect(text.endsWith('}\n')).toBe(true)
    expect(lines.every((l) => /^( {2})*\S/.test(l) || l === '')).toBe(true)
  })

  it('is plain JSON that any JSON reader gets the same model from', () => {
    const f = fullModelFile()
    const viaJson = JSON.parse(serializeModelFile(f))
    // JSON.parse keeps -0 too; the only difference a generic reader could see is none.
    expect(viaJson).toEqual(f)
  })

  it('gives the same text again after a round trip', () => {
    const text = serializeModelFile(fullModelFile())
    expect(serializeModelFile(parseModelFile(text))).toBe(text)
  })

  it('writes the fields in the order of DESIGN.md and leaves unknown ones out', () => {
    const f = { ...fullModelFile(), extra: 'dropped' } as ModelFile
    const text = serializeModelFile(f)
    expect(text).not.toContain('extra')
    const order = ['"format"', '"version"', '"name"', '"network"', '"dataset"', '"training"', '"history"']
    const at = order.map((k) => text.indexOf(k))
    expect(at).toEqual([...at].sort((a, b) => a - b))
  })

  it('refuses a model it could not read back, naming the field (NaN after divergence, say)', () => {
    const f = fullModelFile()
    f.network.layers[1].weights[2][0] = NaN
    let error: unknown
    try {
      serializeModelFile(f)
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(ModelFileError)
    expect((error as ModelFileError).path).toBe('network.layers[1].weights[2][0]')
    expect((error as ModelFileError).message).toContain('got NaN')
  })

  it('counts lists and objects as the reader will (so its limit means the same on both sides)', () => {
    for (const f of [fullModelFile(), parseModelFile(DESIGN_EXAMPLE_TEXT)]) {
      const text = serializeModelFile(f)
      // The fixtures' names hold no brackets, so every bracket in the text is a list or object.
      expect(countContainers(f)).toBe((text.match(/[[{]/g) ?? []).length)
    }
    const noState = fullModelFile()
    delete noState.training.optimizer.state
    delete noState.training.rngState
    expect(countContainers(noState)).toBe((serializeModelFile(noState).match(/[[{]/g) ?? []).length)
  })
})

describe('the studio object', () => {
  it('round-trips beside the model, and a file without one reads as undefined', () => {
    const file = fullModelFile()
    const studio = {
      pace: { epochsPerSecond: null, stopAtEpoch: 500 },
      view: 'graph',
      nested: [[1, -0.5], { a: true }],
    }
    const doc = parseModelDocument(serializeModelFile(file, studio))
    expect(doc.studio).toEqual(studio)
    expect(doc.file).toEqual(file)
    expect(parseModelDocument(serializeModelFile(file)).studio).toBeUndefined()
    // Other readers see a valid model: the engine's parser ignores the field.
    expect(parseModelFile(serializeModelFile(file, studio))).toEqual(file)
  })

  it('refuses a studio object that is not plain JSON data, naming where', () => {
    const file = fullModelFile()
    expect(() => serializeModelFile(file, { pace: { epochsPerSecond: Number.NaN } })).toThrow(
      /studio\.pace\.epochsPerSecond must be a finite number/,
    )
    expect(() => serializeModelFile(file, { when: new Date() })).toThrow(/studio\.when must be plain JSON/)
    let deep: unknown = 1
    for (let i = 0; i < 30; i++) deep = [deep]
    expect(() => serializeModelFile(file, deep)).toThrow(/nests deeper than 20 levels/)
  })
})

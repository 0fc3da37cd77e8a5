// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { readStudio, STUDIO_VERSION } from './studio-state.ts'

const full = {
  version: 1,
  view: 'graph',
  pace: { epochsPerSecond: 30, stopAtEpoch: 500 },
  selected: { set: 'test', index: 3 },
  data: {
    name: 'moons',
    view: { xMin: -2, xMax: 3, yMin: -2, yMax: 2 },
    options: { preset: 'moons', count: 200, noise: 0.15, classCount: 2, seed: 42, testFraction: 0.2 },
  },
  network: { init: 'xavier', seed: 7 },
  lab: { source: 'L = a * b' },
  timeline: { anything: [1, 2] },
}

describe('readStudio', () => {
  it('reads every field of a full studio object', () => {
    expect(readStudio(full)).toEqual({ state: full, problems: [] })
  })

  it('opens a file without one with defaults and no complaint', () => {
    expect(readStudio(undefined)).toEqual({ state: { version: STUDIO_VERSION }, problems: [] })
  })

  it('drops each damaged field with a sentence, keeping the rest', () => {
    const { state, problems } = readStudio({
      ...full,
      view: 'cinema',
      pace: { epochsPerSecond: -1, stopAtEpoch: 10 },
      data: { ...full.data, options: { ...full.data.options, preset: 'nope' } },
      network: { init: 'magic', seed: 1 },
    })
    expect(state).toEqual({ version: 1, selected: full.selected, lab: full.lab, timeline: full.timeline })
    expect(problems).toHaveLength(4)
    expect(problems[0]).toMatch(
      /^The file’s setting for the view on screen could not be used \(it must be one of studio, graph, lab\)/,
    )
    expect(problems.join(' ')).toMatch(/speed and stop epoch.*epochsPerSecond/)
    expect(problems.join(' ')).toMatch(/preset "nope" is unknown/)
  })

  it('reads a newer version’s known fields, and calls a non-object damaged', () => {
    expect(readStudio({ version: 9, view: 'lab', hologram: true }).state).toEqual({ version: 1, view: 'lab' })
    expect(readStudio([1, 2]).problems).toEqual([
      'The app’s settings in this file are damaged, so it opened with the defaults.',
    ])
    // Names that are special on objects are just unknown fields here.
    expect(readStudio(JSON.parse('{"__proto__": {"view": "graph"}, "constructor": 1}')).state).toEqual({
      version: 1,
    })
  })
})

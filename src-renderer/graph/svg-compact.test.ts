import { describe, it, expect, beforeAll } from 'vitest'
import { Graphviz } from '@hpcc-js/wasm-graphviz'
import { toDot } from '../../shared/src/graph/dot.ts'
import { toExplorerDot } from '../../shared/src/graph/explorer-dot.ts'
import { parseProgram, LAB_EXAMPLES } from '../../shared/src/lab/index.ts'
import { smallTanhNetwork } from '../../shared/src/testing/fixtures.ts'
import { labModel, sampleModel } from './explorer-model.ts'
import { compactSvg } from './svg-compact.ts'
import { indexGraph, parseGraphSvg } from './svg-graph.ts'

let graphviz: Graphviz
beforeAll(async () => {
  graphviz = await Graphviz.load()
})

const count = (text: string, part: string) => text.split(part).length - 1

/** What the page finds in a drawing: every box with its texts, every op, every frame. */
function contents(svg: string) {
  const drawn = indexGraph(parseGraphSvg(svg))
  return {
    boxes: [...drawn.boxes].map(([id, b]) => [id, b.data?.textContent, b.grad?.textContent]),
    ops: [...drawn.ops.keys()],
    frames: [...drawn.frames.keys()],
    width: drawn.width,
    height: drawn.height,
    origin: drawn.origin,
  }
}

/** A 2-3-1 network's sample with its first neuron collapsed and the others open (in frames). */
function smallNetworkDot() {
  const network = smallTanhNetwork()
  const model = sampleModel({ network, point: [0.2, 0.4, 1], loss: 'mse' })
  return toExplorerDot(model.graph, {
    groups: model.groups,
    collapsed: new Set(['n1.1']),
    classOf: model.classOf,
  })
}

describe('compactSvg', () => {
  it('keeps every box, op, frame and number the page looks for, in about half the text', () => {
    for (const dot of [
      smallNetworkDot(),
      toExplorerDot(labModel(parseProgram(LAB_EXAMPLES[0].source)).graph),
    ]) {
      const svg = graphviz.dot(dot)
      const small = compactSvg(svg)
      expect(small.length).toBeLessThan(svg.length * 0.6)
      expect(contents(small)).toEqual(contents(svg))
    }
  })

  it('names boxes in data-name and draws each record as one path, each edge in two shared paths', () => {
    const dot = smallNetworkDot()
    const small = compactSvg(graphviz.dot(dot))
    for (const gone of ['<!--', '<?xml', '<!DOCTYPE', 'xml:space', '<title>', '<polyline', 'class="edge"'])
      expect(small).not.toContain(gone)
    expect(small).toContain('data-name="v0"')
    expect(small).toMatch(/data-name="cluster_\d+"/)
    // The node font and the anchor are said once, on <svg>; cluster labels keep their own size.
    expect(small).toMatch(/^<svg font-family="Helvetica,sans-Serif" font-size="12.00" text-anchor="middle" /)
    expect(count(small, 'font-family=')).toBe(1)
    expect(count(small, 'text-anchor=')).toBe(1)
    // No text is empty or padded.
    expect(small).not.toMatch(/<text[^>]*>\s*<\/text>/)
    expect(small).not.toMatch(/ <\/text>/)
    // One line and one arrowhead per edge of the DOT, all in the edges group, before the first box.
    const edges = count(dot, ' -> ')
    const lines = /<path class="lines" fill="none" stroke="black" d="([^"]*)"/.exec(small)![1]
    const heads = /<path class="heads" fill="black" stroke="black" d="([^"]*)"/.exec(small)![1]
    expect(count(lines, 'M')).toBe(edges)
    expect(count(heads, 'Z')).toBe(edges)
    expect(small.indexOf('class="edges"')).toBeLessThan(small.indexOf('class="node'))
    // A record: its outline closed, then its two separators.
    expect(small).toMatch(
      /<g class="node value[^"]*" data-name="v0">\n<path fill="none" stroke="black" d="M[^"Z]*Z(M[^"MZ]*){2}"\/>/,
    )
  })

  it('leaves what it does not recognise as Graphviz drew it: a filled box keeps its polygon and fill', () => {
    const model = labModel(parseProgram(LAB_EXAMPLES[0].source))
    const svg = graphviz.dot(toDot(model.graph, { highlight: [model.graph.root] }))
    const small = compactSvg(svg)
    expect(small).toContain('fill="#ffe08a"')
    expect(contents(small)).toEqual(contents(svg))
  })

  it('returns text without an <svg> unchanged', () => {
    expect(compactSvg('not a picture')).toBe('not a picture')
  })
})

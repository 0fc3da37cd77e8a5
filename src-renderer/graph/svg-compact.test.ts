import { describe, it, expect, beforeAll } from 'vitest'
import { Graphviz } from '@hpcc-js/wasm-graphviz'
import { toExplorerDot } from '../../shared/src/graph/explorer-dot.ts'
import { parseProgram, LAB_EXAMPLES } from '../../shared/src/lab/index.ts'
import { labModel } from './explorer-model.ts'
import { compactSvg } from './svg-compact.ts'
import { indexGraph, parseGraphSvg } from './svg-graph.ts'

let graphviz: Graphviz
beforeAll(async () => {
  graphviz = await Graphviz.load()
})

describe('compactSvg', () => {
  it('drops comments, edge titles and repeated font attributes; the drawing indexes the same', () => {
    const model = labModel(parseProgram(LAB_EXAMPLES[0].source))
    const svg = graphviz.dot(toExplorerDot(model.graph, { classOf: model.classOf }))
    const small = compactSvg(svg)
    expect(small.length).toBeLessThan(svg.length * 0.85)
    expect(small).not.toContain('<!--')
    expect(small).not.toContain('xml:space')
    expect(small.match(/font-family=/g)).toHaveLength(1)
    expect(small).toMatch(/<svg font-family="Helvetica,sans-Serif" font-size="12.00" /)
    const a = indexGraph(parseGraphSvg(svg))
    const b = indexGraph(parseGraphSvg(small))
    expect([...b.boxes.keys()]).toEqual([...a.boxes.keys()])
    expect([...b.boxes.values()].map((x) => x.data!.textContent)).toEqual(
      [...a.boxes.values()].map((x) => x.data!.textContent),
    )
    expect(b.width).toBe(a.width)
    // Node titles stay: they name the boxes.
    expect(small).toContain('<title>v0</title>')
  })
})

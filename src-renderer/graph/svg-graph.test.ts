import { describe, it, expect, beforeAll } from 'vitest'
import { Graphviz } from '@hpcc-js/wasm-graphviz'
import { toExplorerDot } from '../../shared/src/graph/explorer-dot.ts'
import { parseProgram, LAB_EXAMPLES } from '../../shared/src/lab/index.ts'
import { labModel, sampleModel } from './explorer-model.ts'
import { compactSvg } from './svg-compact.ts'
import {
  centreOf,
  indexGraph,
  markBoxes,
  nodeAt,
  parseGraphSvg,
  patchNumbers,
  serializeGraph,
  titleBox,
} from './svg-graph.ts'
import { smallTanhNetwork } from '../../shared/src/testing/fixtures.ts'

let graphviz: Graphviz
beforeAll(async () => {
  graphviz = await Graphviz.load()
})

function drawLesson() {
  const model = labModel(parseProgram(LAB_EXAMPLES[0].source))
  // As the page gets it from the layout worker.
  const svg = parseGraphSvg(compactSvg(graphviz.dot(toExplorerDot(model.graph, { classOf: model.classOf }))))
  document.body.replaceChildren(svg)
  return { model, drawn: indexGraph(svg) }
}

const textOf = (el: Element | null | undefined) => (el?.textContent ?? '').trim()

describe('the drawn graph', () => {
  it('finds every Value’s box with its data and grad texts, and every op', () => {
    const { model, drawn } = drawLesson()
    expect(drawn.boxes.size).toBe(model.graph.nodes.length)
    expect(drawn.ops.size).toBe(3)
    const L = drawn.boxes.get(model.graph.root)!
    expect(textOf(L.data)).toBe('data -8.0000')
    expect(textOf(L.grad)).toBe('grad 1.0000')
    expect(drawn.width).toBeGreaterThan(100)
    expect(drawn.svg.getAttribute('width')).toBe(String(drawn.width))
    // A box's tooltip is written when asked for (its <title>, made then); its name stays known for clicks.
    expect(L.g.querySelector('title')).toBeNull()
    titleBox(drawn, L.g, 'L: click for its chain rule')
    titleBox(drawn, L.g, 'L: click for its chain rule')
    expect(L.g.querySelectorAll('title')).toHaveLength(1)
    expect(L.g.firstElementChild!.localName).toBe('title')
    expect(L.g.querySelector('title')!.textContent).toBe('L: click for its chain rule')
    expect(nodeAt(drawn, L.g)).toMatchObject({ id: model.graph.root, name: `v${model.graph.root}` })
  })

  it('patches only the numbers that changed, in place', () => {
    const { model, drawn } = drawLesson()
    const nodes = model.graph.nodes.map((n) => ({ ...n }))
    expect(patchNumbers(drawn, nodes)).toBe(0)
    nodes[model.graph.root].data = 1.5
    nodes[0].grad = -0.25
    const before = drawn.boxes.get(0)!.grad
    expect(patchNumbers(drawn, nodes)).toBe(2)
    expect(textOf(drawn.boxes.get(model.graph.root)!.data)).toBe('data 1.5000')
    expect(drawn.boxes.get(0)!.grad).toBe(before)
    expect(textOf(before)).toBe('grad -0.2500')
    expect(patchNumbers(drawn, nodes, 2)).toBeGreaterThan(0)
    expect(textOf(before)).toBe('grad -0.25')
    // Only the boxes asked for (those in view): the others keep their text until later.
    nodes[0].grad = 3
    nodes[1].grad = 4
    const first = drawn.boxes.get(0)!
    expect(patchNumbers(drawn, nodes, 4, (box) => box === first)).toBeGreaterThan(0)
    expect(textOf(first.grad)).toBe('grad 3.0000')
    expect(textOf(drawn.boxes.get(1)!.grad)).not.toBe('grad 4.0000')
  })

  it('marks boxes with classes, clearing the previous marks', () => {
    const { drawn } = drawLesson()
    markBoxes(
      drawn,
      new Map([
        [1, ['current']],
        [2, ['received', 'again']],
      ]),
      ['current', 'received', 'again'],
    )
    expect(drawn.boxes.get(1)!.g.classList.contains('current')).toBe(true)
    markBoxes(drawn, new Map([[3, ['current']]]), ['current', 'received', 'again'])
    expect(drawn.svg.querySelectorAll('.current')).toHaveLength(1)
    expect(drawn.svg.querySelectorAll('.received')).toHaveLength(0)
    expect(drawn.boxes.get(3)!.g.classList.contains('current')).toBe(true)
  })

  it('maps a click inside a box to its Value, and inside an op ellipse to the op', () => {
    const { model, drawn } = drawLesson()
    expect(nodeAt(drawn, drawn.boxes.get(2)!.data)).toMatchObject({ id: 2, kind: 'value' })
    expect(nodeAt(drawn, drawn.ops.get(model.graph.root)!.querySelector('ellipse'))).toMatchObject({
      id: model.graph.root,
      kind: 'op',
    })
    expect(nodeAt(drawn, drawn.svg)).toBeUndefined()
  })

  it('knows where each box and op is from its coordinates, the same in Graphviz’s SVG and the compact one', () => {
    const model = labModel(parseProgram(LAB_EXAMPLES[0].source))
    const raw = graphviz.dot(toExplorerDot(model.graph, { classOf: model.classOf }))
    const a = indexGraph(parseGraphSvg(raw))
    const b = indexGraph(parseGraphSvg(compactSvg(raw)))
    for (const [id, box] of a.boxes) {
      const points = box.g.querySelector('polygon')!.getAttribute('points')!.trim().split(' ')
      const [x0, y0] = points[0].split(',').map(Number)
      const [x1, y1] = points[2].split(',').map(Number)
      const expected = { x: a.origin.x + (x0 + x1) / 2, y: a.origin.y + (y0 + y1) / 2 }
      expect(centreOf(a, box)).toEqual(expected)
      expect(centreOf(b, b.boxes.get(id)!)).toEqual(expected)
    }
    for (const [id, op] of b.ops) {
      const e = op.querySelector('ellipse')!
      expect(centreOf(b, op)).toEqual({
        x: b.origin.x + Number(e.getAttribute('cx')),
        y: b.origin.y + Number(e.getAttribute('cy')),
      })
      expect(centreOf(a, a.ops.get(id)!)).toEqual(centreOf(b, op))
    }
  })

  it('collapsed neurons are boxes too, and clusters are found by their output', () => {
    const network = smallTanhNetwork()
    const model = sampleModel({ network, point: [0.2, 0.4, 1], loss: 'mse' })
    const collapsed = new Set(['n1.1', 'n1.2'])
    const svg = parseGraphSvg(
      compactSvg(graphviz.dot(toExplorerDot(model.graph, { groups: model.groups, collapsed }))),
    )
    const drawn = indexGraph(svg)
    const [first, , third] = model.groups
    expect(nodeAt(drawn, drawn.boxes.get(first.output)!.g)).toMatchObject({ id: first.output, kind: 'group' })
    expect(drawn.frames.has(third.output)).toBe(true)
    expect(drawn.frames.has(first.output)).toBe(false)
    expect(drawn.boxes.has(first.members.find((id) => id !== first.output)!)).toBe(false)
  })

  it('serializes to a standalone SVG file that parses again with the patched numbers', () => {
    const { model, drawn } = drawLesson()
    const nodes = model.graph.nodes.map((n) => ({ ...n, grad: 0.5 }))
    patchNumbers(drawn, nodes)
    const file = serializeGraph(drawn)
    expect(file.startsWith('<?xml')).toBe(true)
    const again = new DOMParser().parseFromString(file, 'image/svg+xml')
    expect(again.getElementsByTagName('parsererror')).toHaveLength(0)
    expect(again.documentElement.getAttribute('xmlns')).toBe('http://www.w3.org/2000/svg')
    expect(file).toContain('grad 0.5000')
  })

  it('refuses text that is not an SVG', () => {
    expect(() => parseGraphSvg('<html><script>alert(1)</script></html>')).toThrow(/not an SVG/)
    expect(() => parseGraphSvg('<svg')).toThrow(/not an SVG/)
  })
})

import { describe, it, expect, beforeAll } from 'vitest'
import fc from 'fast-check'
import { Graphviz } from '@hpcc-js/wasm-graphviz'
import { Value } from '../engine/value.ts'
import { MLP } from '../nn/mlp.ts'
import { createRng } from '../random.ts'
import { tanhLesson } from '../testing/fixtures.ts'
import { toDot, escapeRecordText, valueNodeName, opNodeName } from './dot.ts'
import { traceGraph } from './trace.ts'

let graphviz: Graphviz
beforeAll(async () => {
  graphviz = await Graphviz.load()
})

/** The text Graphviz drew (for one node, given its name), one entry per <text> element, XML entities decoded. */
function drawnTexts(svg: string, node?: string): string[] {
  if (node !== undefined) {
    const start = svg.indexOf(`<title>${node}</title>`)
    expect(start).toBeGreaterThan(0)
    svg = svg.slice(start, svg.indexOf('</g>', start))
  }
  return [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) =>
    m[1]
      .replace(/&#(\d+);/g, (_, code) => String.fromCodePoint(Number(code)))
      .replace(/&quot;/g, '"')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&'),
  )
}

const count = (svg: string, cls: string) => svg.split(`class="${cls}"`).length - 1

function lesson() {
  const graph = tanhLesson()
  graph.L.backward()
  return graph
}

describe('toDot', () => {
  it("draws the notebook's style: rankdir=LR, a record per Value, an op node per operation", () => {
    const { a, b, e, L } = lesson()
    const dot = toDot(L)
    expect(dot.startsWith('digraph {\n')).toBe(true)
    expect(dot.trimEnd().endsWith('}')).toBe(true)
    expect(dot).toContain('rankdir=LR;')
    expect(dot.match(/shape=record/g)).toHaveLength(6)
    expect(dot.match(/shape=ellipse/g)).toHaveLength(3)
    expect(dot).toContain(`label="{ a | data 2.0000 | grad ${a.grad.toFixed(4)} }"`)
    expect(dot).toContain(`label="{ b | data -3.0000 | grad ${b.grad.toFixed(4)} }"`)
    expect(dot).toContain(`label="{ L | data ${Math.tanh(4).toFixed(4)} | grad 1.0000 }"`)
    for (const op of ['*', '+', 'tanh']) expect(dot).toContain(`shape=ellipse, label="${op}"`)
    // child → op node → value node
    const graph = traceGraph(L)
    const id = (v: Value) => graph.ids.get(v)!
    expect(dot).toContain(`${valueNodeName(id(a))} -> ${opNodeName(id(e))};`)
    expect(dot).toContain(`${opNodeName(id(L))} -> ${valueNodeName(id(L))};`)
    expect(dot.match(/->/g)).toHaveLength(graph.edges.length + 3)
  })

  it('renders with Graphviz: one SVG node per Value and per op, one edge per arrow', () => {
    const { L } = lesson()
    const svg = graphviz.dot(toDot(L))
    expect(svg).toContain('<svg')
    expect(count(svg, 'node')).toBe(6 + 3)
    expect(count(svg, 'edge')).toBe(5 + 3)
    const texts = drawnTexts(svg).map((t) => t.trim())
    expect(texts).toContain('data 2.0000')
    expect(texts).toContain('grad 1.0000')
    expect(texts).toContain('tanh')
    // Node titles are the names a click handler maps back to ids.
    expect(svg).toContain(`<title>${valueNodeName(0)}</title>`)
  })

  it("renders the notebook's draw_graph(y) for MLP(3, [4, 4, 1])", () => {
    const rng = createRng(7)
    const net = new MLP(
      3,
      [4, 4, 1].map((units) => ({ units, activation: 'tanh' as const })),
      rng.next,
    )
    const y = net.forward([2, 3, 4])[0]
    y.backward()
    const graph = traceGraph(y)
    const ops = graph.nodes.filter((n) => n.op !== '').length
    const svg = graphviz.dot(toDot(y))
    expect(count(svg, 'node')).toBe(graph.nodes.length + ops)
    expect(count(svg, 'edge')).toBe(graph.edges.length + ops)
    expect(drawnTexts(svg).map((t) => t.trim())).toContain('w1.1.1')
  })

  it('options: rankdir TB, digits, highlight, and an already traced graph', () => {
    const { L } = lesson()
    expect(toDot(L, { rankdir: 'TB' })).toContain('rankdir=TB;')
    expect(toDot(L, { digits: 2 })).toContain('{ a | data 2.00 | grad ')
    expect(toDot(L, { digits: 0 })).toContain('{ c | data 10 | grad ')
    const graph = traceGraph(L)
    expect(toDot(graph)).toBe(toDot(L))
    const highlighted = toDot(graph, { highlight: [graph.root] })
    expect(highlighted.match(/fillcolor/g)).toHaveLength(1)
    expect(highlighted).toMatch(new RegExp(`${valueNodeName(graph.root)} \\[[^\\]]*fillcolor`))
    expect(() => graphviz.dot(highlighted)).not.toThrow()
  })

  it('rejects options that would make bad DOT, saying what is allowed', () => {
    const v = new Value(1)
    expect(() => toDot(v, { rankdir: 'RL' as 'LR' })).toThrow(/rankdir must be 'LR' or 'TB'/)
    expect(() => toDot(v, { digits: -1 })).toThrow(/digits must be a whole number from 0 to 20/)
    expect(() => toDot(v, { digits: 2.5 })).toThrow(/digits/)
  })

  it('writes non-finite numbers as words Graphviz accepts', () => {
    const x = new Value(0, undefined, '', 'x')
    const y = x.log().neg().exp().add(new Value(-1).log())
    y.backward()
    const dot = toDot(y)
    expect(dot).toContain('data -Infinity')
    expect(dot).toContain('data Infinity')
    expect(dot).toContain('data NaN')
    expect(() => graphviz.dot(dot)).not.toThrow()
  })
})

describe('label escaping', () => {
  it('escapes record syntax, quotes and backslashes', () => {
    expect(escapeRecordText('a|b')).toBe('a\\|b')
    expect(escapeRecordText('{x}')).toBe('\\{x\\}')
    expect(escapeRecordText('<p>')).toBe('\\<p\\>')
    expect(escapeRecordText('say "hi"')).toBe('say\\ \\"hi\\"')
    expect(escapeRecordText('back\\slash')).toBe('back\\\\slash')
    expect(escapeRecordText('w1.2.3')).toBe('w1.2.3')
  })

  it('any label, however hostile, comes out of Graphviz exactly as written', () => {
    const hostile = fc.constantFrom(
      ...Array.from('{}|<>"\\ -&;\'ab1é🙂'),
      '\ud83d', // half an emoji: drawn as U+FFFD
      '\\N',
      '\\G',
      '\\n',
      '\\l',
      '<<',
      '"]',
    )
    const label = fc
      .array(fc.oneof(hostile, fc.string({ maxLength: 3 })), { maxLength: 12 })
      .map((parts) => parts.join(''))
    fc.assert(
      fc.property(label, (text) => {
        const v = new Value(1, undefined, '', text)
        const sum = v.add(new Value(2, undefined, '', text))
        const svg = graphviz.dot(toDot(sum))
        expect(count(svg, 'node')).toBe(4)
        // Graphviz trims the ends of a record field (and draws nothing for an empty one).
        fc.pre(text.trim() !== '')
        const lone = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g
        const shown = text.trim().replace(lone, '\ufffd')
        for (const node of [valueNodeName(0), valueNodeName(1)]) {
          const drawn = drawnTexts(svg, node).map((t) => t.replace(/\u00a0/g, ' ').trim())
          expect(drawn).toEqual(
            [shown, 'data 1.0000', 'grad 0.0000'].map((t, i) =>
              node === 'v1' && i === 1 ? 'data 2.0000' : t,
            ),
          )
        }
      }),
      { numRuns: 40 },
    )
  })

  it('a newline in a label becomes a line break, control characters a space', () => {
    const v = new Value(1, undefined, '', 'two\nlines\tand\u0001more')
    const texts = drawnTexts(graphviz.dot(toDot(v))).map((t) => t.replace(/\u00a0/g, ' ').trim())
    expect(texts).toContain('two')
    expect(texts).toContain('lines and more')
  })
})

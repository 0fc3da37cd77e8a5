import { describe, it, expect } from 'vitest'
import { Value } from '../engine/value.ts'
import { MLP } from '../nn/mlp.ts'
import { traceGraph, refreshGraph } from './trace.ts'

/** The expression lab's example: a = 2; b = -3; c = 10; e = a*b; d = e + c; f = -2; L = d*f */
function lessonExpression() {
  const named = (data: number, label: string) => new Value(data, undefined, '', label)
  const a = named(2, 'a')
  const b = named(-3, 'b')
  const c = named(10, 'c')
  const e = a.mul(b)
  e.label = 'e'
  const d = e.add(c)
  d.label = 'd'
  const f = named(-2, 'f')
  const L = d.mul(f)
  L.label = 'L'
  return { a, b, c, d, e, f, L }
}

describe('traceGraph', () => {
  it("counts the lesson's L = (a*b + c) * f: 7 values, 6 edges, 3 ops", () => {
    const { a, b, e, L } = lessonExpression()
    const graph = traceGraph(L)
    expect(graph.nodes).toHaveLength(7)
    expect(graph.edges).toHaveLength(6)
    expect(graph.nodes.filter((n) => n.op !== '').map((n) => n.op)).toEqual(['*', '+', '*'])
    expect(graph.nodes.filter((n) => n.op === '').map((n) => n.label)).toEqual(['a', 'b', 'c', 'f'])
    expect(graph.root).toBe(6)
    expect(graph.nodes[graph.root].label).toBe('L')
    expect(graph.nodes[graph.root].data).toBe(-8)
    const id = (v: Value) => graph.ids.get(v)!
    expect(graph.edges).toContainEqual({ from: id(a), to: id(e), operand: 0 })
    expect(graph.edges).toContainEqual({ from: id(b), to: id(e), operand: 1 })
  })

  it('with tanh on top: 6 values and 5 edges', () => {
    const a = new Value(2)
    const L = a.mul(-3).add(10).tanh()
    const graph = traceGraph(L)
    expect(graph.nodes).toHaveLength(6)
    expect(graph.edges).toHaveLength(5)
  })

  it('ids are topological indices: every edge goes from a smaller id to a larger one', () => {
    const { L } = lessonExpression()
    const graph = traceGraph(L)
    expect(graph.order).toEqual(graph.nodes.map((n) => n.id))
    graph.nodes.forEach((n, i) => expect(n.id).toBe(i))
    for (const edge of graph.edges) expect(edge.from).toBeLessThan(edge.to)
    for (const [v, id] of graph.ids) {
      expect(graph.values[id]).toBe(v)
      expect(graph.nodes[id].data).toBe(v.data)
      expect(graph.nodes[id].label).toBe(v.label)
      expect(graph.nodes[id].op).toBe(v.op)
    }
  })

  it('gives the same ids to the same graph every time', () => {
    const net = new MLP(2, [
      { units: 3, activation: 'tanh' },
      { units: 1, activation: 'linear' },
    ])
    const out = net.forward([0.5, -1])[0]
    const first = traceGraph(out)
    out.backward()
    const second = traceGraph(out)
    expect(second.nodes.map((n) => [n.id, n.label, n.op])).toEqual(
      first.nodes.map((n) => [n.id, n.label, n.op]),
    )
    expect(second.edges).toEqual(first.edges)
    for (const p of net.parameters()) expect(second.ids.get(p)).toBe(first.ids.get(p))
  })

  it('keeps one edge per operand, so x*x shows x feeding both sides', () => {
    const x = new Value(3, undefined, '', 'x')
    const graph = traceGraph(x.mul(x))
    expect(graph.nodes).toHaveLength(2)
    expect(graph.edges).toEqual([
      { from: 0, to: 1, operand: 0 },
      { from: 0, to: 1, operand: 1 },
    ])
  })

  it('a lone leaf is a graph of one node', () => {
    const graph = traceGraph(new Value(1.5, undefined, '', 'w'))
    expect(graph.nodes).toEqual([{ id: 0, label: 'w', op: '', data: 1.5, grad: 0 }])
    expect(graph.edges).toEqual([])
    expect(graph.root).toBe(0)
  })

  it('snapshots data and grad; refreshGraph brings them up to date without re-tracing', () => {
    const { a, b, L } = lessonExpression()
    const graph = traceGraph(L)
    expect(graph.nodes.every((n) => n.grad === 0)).toBe(true)
    L.backward()
    expect(graph.nodes[graph.ids.get(a)!].grad).toBe(0) // a snapshot: not live
    a.data = 5
    refreshGraph(graph)
    expect(graph.nodes[graph.ids.get(a)!].grad).toBe(a.grad)
    expect(graph.nodes[graph.ids.get(b)!].grad).toBe(b.grad)
    expect(graph.nodes[graph.ids.get(a)!].data).toBe(5)
    expect(graph.nodes[graph.root].grad).toBe(1)
  })

  it('traces a 100,000-node chain without recursion', () => {
    const x = new Value(1)
    let v: Value = x
    for (let i = 0; i < 100_000; i++) v = v.tanh()
    const graph = traceGraph(v)
    expect(graph.nodes).toHaveLength(100_001)
    expect(graph.edges).toHaveLength(100_000)
    expect(graph.ids.get(x)).toBe(0)
  })

  it('explains what it needs when given something else', () => {
    expect(() => traceGraph(3 as unknown as Value)).toThrow(/traceGraph needs a Value/)
  })
})

import { describe, it, expect, beforeAll } from 'vitest'
import { Graphviz } from '@hpcc-js/wasm-graphviz'
import { Value, sum } from '../engine/value.ts'
import { MLP } from '../nn/mlp.ts'
import { createRng } from '../random.ts'
import { microgradLayers } from '../testing/fixtures.ts'
import {
  FAST_LAYOUT,
  formatData,
  groupNodeName,
  shapeKey,
  toExplorerDot,
  valueIdOfNodeName,
} from './explorer-dot.ts'
import { NETWORK_LEGEND, networkNodeClass, traceNetworkSample } from './network.ts'
import { traceGraph } from './trace.ts'

let graphviz: Graphviz
beforeAll(async () => {
  graphviz = await Graphviz.load()
})

const mse = (target: number) => (outs: Value[]) => sum(outs.map((o) => o.sub(target).pow(2)))

function network(layers = [3, 1], seed = 3) {
  return new MLP(
    2,
    layers.map((units) => ({ units, activation: 'tanh' as const })),
    createRng(seed).next,
  )
}

describe('traceNetworkSample: readable labels', () => {
  it('names inputs, weights, biases, sums, outputs and the loss', () => {
    const sample = traceNetworkSample(network(), [0.5, -1], mse(1))
    const labels = new Set(sample.graph.nodes.map((n) => n.label))
    for (const l of [
      'x1',
      'x2',
      'w1.1.1',
      'w1.3.2',
      'b1.2',
      'z1.1',
      'h1.3',
      'w2.1.3',
      'b2.1',
      'z2.1',
      'out',
      'loss',
    ])
      expect(labels).toContain(l)
    expect(sample.root.label).toBe('loss')
    expect(sample.outputs.map((o) => o.label)).toEqual(['out'])
    expect(sample.inputs.map((v) => [v.label, v.data])).toEqual([
      ['x1', 0.5],
      ['x2', -1],
    ])
    // The sum's label sits on the node the activation reads, and the weights are the network's own.
    const h = sample.graph.values.find((v) => v.label === 'h1.2')!
    expect(h.op).toBe('tanh')
    expect(h.children[0].label).toBe('z1.2')
    const mlp = network()
    expect(sample.graph.values.find((v) => v.label === 'w1.2.1')!.data).toBe(
      mlp.layers[0].neurons[1].w[0].data,
    )
  })

  it('names feature inputs after the network’s inputs, and several outputs out1, out2, …', () => {
    const mlp = new MLP(
      3,
      [
        { units: 2, activation: 'relu' },
        { units: 3, activation: 'linear' },
      ],
      createRng(1).next,
    )
    mlp.inputNames = ['x1', 'x2', 'x1^2']
    const sample = traceNetworkSample(mlp, [1, 2, 1], (outs) => sum(outs))
    expect(sample.inputs.map((v) => v.label)).toEqual(['x1', 'x2', 'x1^2'])
    expect(sample.outputs.map((v) => v.label)).toEqual(['out1', 'out2', 'out3'])
    // Linear outputs: the output is the sum itself, named as the output.
    expect(sample.outputs[0].op).toBe('+')
    expect(() => traceNetworkSample(mlp, [1, 2, 1])).toThrow(/3 outputs needs a loss/)
    expect(() => traceNetworkSample(mlp, [1, 2])).toThrow(/takes 3 inputs, but the sample has 2/)
  })

  it('without a head the single output is the root', () => {
    const sample = traceNetworkSample(network(), [0.1, 0.2])
    expect(sample.root.label).toBe('out')
    expect(sample.graph.nodes[sample.graph.root].label).toBe('out')
  })

  it('the legend explains every kind of label', () => {
    const terms = NETWORK_LEGEND.map((e) => e.term).join(' ')
    for (const t of ['x1', 'w1.2.1', 'b1.2', 'z1.2', 'h1.2', 'out', 't', 'loss']) expect(terms).toContain(t)
  })
})

describe('traceNetworkSample: neuron groups', () => {
  it('puts each neuron’s weights, bias, products, sums and activation in its group, nothing else', () => {
    const sample = traceNetworkSample(network([3, 1]), [0.5, -1], mse(-1))
    const { graph, neurons, neuronOf } = sample
    expect(neurons.map((n) => n.key)).toEqual(['n1.1', 'n1.2', 'n1.3', 'n2.1'])
    const labelsOf = (key: string) =>
      neurons
        .find((n) => n.key === key)!
        .members.map((id) => graph.nodes[id].label)
        .filter((l) => l !== '')
    expect(labelsOf('n1.2').sort()).toEqual(['b1.2', 'h1.2', 'w1.2.1', 'w1.2.2', 'z1.2'])
    expect(labelsOf('n2.1').sort()).toEqual(['b2.1', 'out', 'w2.1.1', 'w2.1.2', 'w2.1.3', 'z2.1'])
    // A neuron of 2 inputs: 3 parameters, 2 products, 2 sums, 1 tanh = 8 Values.
    expect(neurons[0].members).toHaveLength(8)
    // A neuron of 3 inputs: 4 parameters, 3 products, 3 sums, 1 tanh = 11.
    expect(neurons[3].members).toHaveLength(11)
    for (const n of neurons)
      expect(graph.nodes[n.output].label).toBe(n.key === 'n2.1' ? 'out' : `h${n.key.slice(1)}`)
    // Inputs and the loss belong to no neuron; every parameter belongs to exactly one.
    for (const v of sample.inputs) expect(neuronOf[graph.ids.get(v)!]).toBe(-1)
    expect(neuronOf[graph.root]).toBe(-1)
    const grouped = neurons.flatMap((n) => n.members)
    expect(new Set(grouped).size).toBe(grouped.length)
    expect(graph.nodes.filter((n) => /^[wb]\d/.test(n.label)).every((n) => neuronOf[n.id] !== -1)).toBe(true)
    expect(neurons[1].title).toBe('h1.2 · tanh')
  })

  it('classes: input, param, output, loss, const', () => {
    const sample = traceNetworkSample(network(), [0.5, -1], mse(1))
    const classOf = networkNodeClass(sample)
    const byLabel = (l: string) => classOf(sample.graph.values.findIndex((v) => v.label === l))
    expect([
      byLabel('x1'),
      byLabel('w1.1.2'),
      byLabel('b2.1'),
      byLabel('out'),
      byLabel('loss'),
      byLabel('h1.1'),
    ]).toEqual(['input', 'param', 'param', 'output', 'loss', ''])
    // The target constant of (out − 1)²
    const target = sample.graph.nodes.find((n) => n.op === '' && n.label === '')!
    expect(classOf(target.id)).toBe('const')
  })
})

describe('toExplorerDot', () => {
  const count = (svg: string, cls: string) => svg.split(`class="node${cls}`).length - 1

  it('expanded: every Value a record with its class, each neuron in a frame; Graphviz draws them all', () => {
    const sample = traceNetworkSample(network(), [0.5, -1], mse(1))
    const { graph } = sample
    const dot = toExplorerDot(graph, { groups: sample.neurons, classOf: networkNodeClass(sample) })
    expect(dot.match(/shape=record/g)).toHaveLength(graph.nodes.length)
    expect(dot.match(/subgraph cluster_/g)).toHaveLength(4)
    expect(dot).toContain('label="h1.2 · tanh"')
    const svg = graphviz.dot(dot)
    const ops = graph.nodes.filter((n) => n.op !== '').length
    expect(count(svg, ' value')).toBe(graph.nodes.length)
    expect(count(svg, ' op')).toBe(ops)
    expect(svg).toContain('class="node value param"')
    expect(svg).toContain('class="node value input"')
    expect(svg.split('class="edge"').length - 1).toBe(graph.edges.length + ops)
    expect(svg.split('class="cluster neuron"').length - 1).toBe(4)
  })

  it('collapsed: one rounded box per neuron, showing its output, arrows between neurons only', () => {
    const sample = traceNetworkSample(network([3, 1]), [0.5, -1], mse(1))
    sample.root.backward()
    const graph = traceGraph(sample.root)
    const collapsed = new Set(sample.neurons.map((n) => n.key))
    const dot = toExplorerDot(graph, { groups: sample.neurons, collapsed })
    const svg = graphviz.dot(dot)
    expect(count(svg, ' group')).toBe(4)
    // Left over: x1, x2, the target, (out − t), its square: 5 records, 2 ops.
    expect(count(svg, ' value')).toBe(5)
    expect(count(svg, ' op')).toBe(2)
    // Arrows: 2 inputs × 3 neurons, 3 hidden → out, out → −, t → −, − → **2 and two op → value.
    expect(svg.split('class="edge"').length - 1).toBe(6 + 3 + 2 + 1 + 2)
    const out = sample.neurons[3]
    expect(dot).toContain(`${groupNodeName(out.output)} [shape=Mrecord`)
    expect(dot).toContain(
      `label="{ out\\ ·\\ tanh | ${formatData(graph.nodes[out.output].data).replace(' ', '\\ ')} |`,
    )
    // One neuron opened again: its 11 Values come back inside a frame.
    const open = new Set(collapsed)
    open.delete('n2.1')
    const mixed = graphviz.dot(toExplorerDot(graph, { groups: sample.neurons, collapsed: open }))
    expect(count(mixed, ' group')).toBe(3)
    expect(count(mixed, ' value')).toBe(5 + 11)
  })

  it('fast mode only adds its Graphviz settings; digits and bad groups are checked', () => {
    const sample = traceNetworkSample(network(), [0.5, -1], mse(1))
    const dot = toExplorerDot(sample.graph, { fast: true, digits: 2 })
    expect(dot).toContain(FAST_LAYOUT)
    expect(dot.replace(`  ${FAST_LAYOUT}\n`, '')).toBe(toExplorerDot(sample.graph, { digits: 2 }))
    expect(dot).toContain('data\\ 0.50')
    expect(() => graphviz.dot(dot)).not.toThrow()
    expect(() => toExplorerDot(sample.graph, { digits: 30 })).toThrow(/digits/)
    const twice = [sample.neurons[0], { ...sample.neurons[0], key: 'again' }]
    expect(() => toExplorerDot(sample.graph, { groups: twice })).toThrow(/in two groups/)
  })

  it('maps node names back to Value ids', () => {
    expect(valueIdOfNodeName('v12')).toEqual({ id: 12, kind: 'value' })
    expect(valueIdOfNodeName('g40')).toEqual({ id: 40, kind: 'group' })
    expect(valueIdOfNodeName('op7')).toEqual({ id: 7, kind: 'op' })
    expect(valueIdOfNodeName('cluster_3')).toBeUndefined()
    expect(valueIdOfNodeName('v1x')).toBeUndefined()
  })

  it("micrograd's MLP(2, [16, 16, 1]) with a hinge loss: about 1,600 Graphviz nodes, one group per neuron (33)", () => {
    const mlp = new MLP(2, microgradLayers(), createRng(1).next)
    const hinge = (outs: Value[]) => outs[0].mul(-1).add(1).relu()
    const sample = traceNetworkSample(mlp, [0.3, -0.2], hinge)
    // 984 Values and their op nodes: about 1,640 boxes and ellipses for Graphviz.
    const { nodes } = sample.graph
    expect(nodes.length + nodes.filter((n) => n.op !== '').length).toBeGreaterThan(1600)
    expect(sample.neurons).toHaveLength(33)
    const collapsed = new Set(sample.neurons.map((n) => n.key))
    const dot = toExplorerDot(sample.graph, { groups: sample.neurons, collapsed })
    expect(dot.match(/shape=Mrecord/g)).toHaveLength(33)
    expect(dot.match(/shape=record/g)!.length).toBeLessThan(10)
  })
})

describe('shapeKey', () => {
  it('is the same for new numbers and differs for a new shape or label', () => {
    const a = traceNetworkSample(network([3, 1], 1), [0.5, -1], mse(1)).graph
    const b = traceNetworkSample(network([3, 1], 2), [0.9, 0.1], mse(-1)).graph
    const c = traceNetworkSample(network([4, 1], 1), [0.5, -1], mse(1)).graph
    expect(shapeKey(b)).toBe(shapeKey(a))
    expect(shapeKey(c)).not.toBe(shapeKey(a))
    const x = new Value(1, undefined, '', 'x')
    expect(shapeKey(traceGraph(x.tanh()))).not.toBe(shapeKey(traceGraph(x.exp())))
  })
})

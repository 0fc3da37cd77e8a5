/**
 * One sample through a network as a graph a learner can read: inputs named after their features
 * (x1, x2, x1^2), weights w{layer}.{neuron}.{input}, biases b{layer}.{neuron}, each neuron's sum z
 * and output h, the network's `out` and the `loss`; and every Value grouped by the neuron it belongs
 * to, so a big network can be drawn one box per neuron and opened a neuron at a time.
 */
import { Value } from '../engine/value.ts'
import type { Activation, MLP } from '../nn/mlp.ts'
import { traceGraph, type ComputationGraph } from './trace.ts'

/** Values drawn together as one box when collapsed. */
export interface NodeGroup {
  /** Stable across samples and weights: 'n1.2' is neuron 2 of layer 1. */
  key: string
  /** The box's label when collapsed. */
  title: string
  /** Id of the Value whose data and grad the collapsed box shows. */
  output: number
  /** Ids of every Value inside the group (output included). */
  members: number[]
}

export interface NeuronGroup extends NodeGroup {
  /** 1-based, as in the labels. */
  layer: number
  unit: number
  activation: Activation
}

export interface NetworkSampleGraph {
  root: Value
  graph: ComputationGraph
  /** The feature leaves, in network.inputs order. */
  inputs: Value[]
  /** The network's outputs for this sample. */
  outputs: Value[]
  /** One group per neuron, layer by layer. */
  neurons: NeuronGroup[]
  /** For each node id, the index of its neuron in `neurons`, or -1 (inputs, the loss). */
  neuronOf: Int32Array
}

/** What each label means: the legend drawn beside the graph. */
export const NETWORK_LEGEND: readonly { term: string; meaning: string }[] = [
  { term: 'x1, x2, …', meaning: "the point's input features" },
  { term: 'w1.2.1', meaning: 'weight of layer 1, neuron 2, from input 1' },
  { term: 'b1.2', meaning: 'bias of layer 1, neuron 2' },
  { term: 'z1.2', meaning: "neuron 1.2's weighted sum plus its bias" },
  { term: 'h1.2', meaning: "neuron 1.2's output (its activation of z)" },
  { term: 'out', meaning: "the network's output (out1, out2, … with several)" },
  { term: 't', meaning: 'the target: +1 for the class the output stands for, −1 otherwise' },
  { term: 'loss', meaning: "this point's loss: what training makes smaller" },
]

/** The label of a network output: `out`, or out1, out2, … when there are several. */
export const outputLabel = (unit: number, outputs: number): string => (outputs === 1 ? 'out' : `out${unit}`)

/**
 * Traces `features` through `mlp` and `head` (the loss; without one, the single output is the
 * root). Labels every Value a learner needs to find and groups each neuron's Values.
 */
export function traceNetworkSample(
  mlp: MLP,
  features: readonly number[],
  head?: (outputs: Value[]) => Value,
): NetworkSampleGraph {
  if (features.length !== mlp.inputCount)
    throw new Error(`this network takes ${mlp.inputCount} inputs, but the sample has ${features.length}`)
  const inputs = features.map((x, k) => new Value(x, undefined, '', mlp.inputNames[k]))
  const specs: { layer: number; unit: number; activation: Activation; output: Value; inputs: Value[] }[] = []
  let xs: Value[] = inputs
  mlp.layers.forEach((layer, li) => {
    const last = li === mlp.layers.length - 1
    const outs = layer.neurons.map((neuron, j) => {
      const out = neuron.forward(xs)
      const z = neuron.activation === 'linear' ? out : out.children[0]
      z.label = `z${li + 1}.${j + 1}`
      out.label = last ? outputLabel(j + 1, layer.neurons.length) : `h${li + 1}.${j + 1}`
      specs.push({ layer: li + 1, unit: j + 1, activation: neuron.activation, output: out, inputs: xs })
      return out
    })
    xs = outs
  })
  const outputs = xs
  if (!head && outputs.length !== 1)
    throw new Error(`a network with ${outputs.length} outputs needs a loss to trace one graph`)
  const root = head ? head(outputs) : outputs[0]
  if (head && root.label === '') root.label = 'loss'

  const graph = traceGraph(root)
  const neuronOf = new Int32Array(graph.nodes.length).fill(-1)
  const neurons = specs.map((s, index): NeuronGroup => {
    const members = membersOf(graph, s.output, new Set(s.inputs))
    for (const id of members) neuronOf[id] = index
    return {
      key: `n${s.layer}.${s.unit}`,
      title: `${s.output.label} · ${s.activation}`,
      output: graph.ids.get(s.output)!,
      members,
      layer: s.layer,
      unit: s.unit,
      activation: s.activation,
    }
  })
  return { root, graph, inputs, outputs, neurons, neuronOf }
}

/** Ids of everything `output` is computed from, back to (not including) the Values in `stop`. */
function membersOf(graph: ComputationGraph, output: Value, stop: ReadonlySet<Value>): number[] {
  const seen = new Set<Value>([output])
  const stack = [output]
  while (stack.length > 0) {
    for (const child of stack.pop()!.children)
      if (!stop.has(child) && !seen.has(child)) {
        seen.add(child)
        stack.push(child)
      }
  }
  return [...seen].map((v) => graph.ids.get(v)!).sort((a, b) => a - b)
}

/** The class of each box, for colours and the legend: input, param, output, loss or const. */
export function networkNodeClass(sample: NetworkSampleGraph): (id: number) => string {
  const { graph } = sample
  const kinds = new Map<number, string>()
  for (const v of sample.inputs) kinds.set(graph.ids.get(v)!, 'input')
  for (const n of sample.neurons)
    for (const id of n.members) if (graph.nodes[id].op === '') kinds.set(id, 'param')
  for (const v of sample.outputs) kinds.set(graph.ids.get(v)!, 'output')
  kinds.set(graph.root, 'loss')
  return (id) => kinds.get(id) ?? (graph.nodes[id].op === '' ? 'const' : '')
}

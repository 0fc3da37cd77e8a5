/**
 * What the graph explorer shows, whatever it comes from (one data point through the network, or an
 * expression typed in the lab): the traced graph with its data and grads, how to group and colour
 * it, and how to build a fresh copy for the backward walk and the gradient check.
 */
import type { Value } from '../../shared/src/engine/value.ts'
import { shapeKey } from '../../shared/src/graph/explorer-dot.ts'
import {
  gradientCheck,
  gradientCheckNetwork,
  type GradientCheckResult,
} from '../../shared/src/graph/gradient-check.ts'
import {
  NETWORK_LEGEND,
  networkNodeClass,
  traceNetworkSample,
  type NodeGroup,
} from '../../shared/src/graph/network.ts'
import { refreshGraph, traceGraph, type ComputationGraph } from '../../shared/src/graph/trace.ts'
import { featurize } from '../../shared/src/data/features.ts'
import { buildProgram, type Program } from '../../shared/src/lab/index.ts'
import type { LossName, Point } from '../../shared/src/model-file/types.ts'
import { MLP, type NetworkJSON } from '../../shared/src/nn/mlp.ts'
import { sampleLoss } from '../../shared/src/train/losses.ts'

export interface LegendEntry {
  term: string
  meaning: string
}

export interface ExplorerModel {
  /** The graph, its data and grads after backward(). */
  graph: ComputationGraph
  groups: readonly NodeGroup[]
  classOf: (id: number) => string
  /** Equal for two models that draw the same boxes and arrows (see shapeKey). */
  shape: string
  /**
   * What is traced: the point (and loss) or the lab's program. New weights keep it; another point
   * changes it, which ends a backward walk begun on the old one.
   */
  subject: string
  legend: readonly LegendEntry[]
  /** A fresh copy of the graph, same shape and ids, grads untouched: for the backward walk. */
  freshRoot: () => Value
  /** The parameters a gradient check nudges, in order: their names and ids in `graph`. */
  parameterNames: readonly string[]
  parameterIds: readonly number[]
  /** Checks the parameters at `indices` (into parameterNames) on a fresh copy; entries use those indices. */
  check: (indices: readonly number[]) => GradientCheckResult
}

/** A graph with more Values than this opens with every neuron collapsed. */
export const OPEN_COLLAPSED_ABOVE = 150

/** The loss' constants, named: the target t of mse, −t of hinge and bce, the max of cross-entropy. */
const LOSS_LEGEND: Record<LossName, LegendEntry | null> = {
  mse: null,
  hinge: { term: '−t', meaning: 'minus the target: the hinge loss is relu(1 − t·out)' },
  bce: { term: '−t', meaning: 'minus the target: the logistic loss is softplus(−t·out)' },
  cross_entropy: {
    term: 'max',
    meaning: 'the largest output, subtracted before exp so it cannot overflow (no grad flows into it)',
  },
}

/** Names the unnamed constants of the loss (see LOSS_LEGEND) in the Values and their nodes. */
function nameLossConstants(graph: ComputationGraph, outputs: readonly Value[], loss: LossName): void {
  const outputIds = outputs.map((o) => graph.ids.get(o)!)
  const name = (id: number, label: string) => {
    if (graph.nodes[id].op !== '' || graph.values[id].label !== '') return
    graph.values[id].label = label
    graph.nodes[id].label = label
  }
  if (loss === 'cross_entropy') {
    for (const n of graph.nodes) name(n.id, 'max')
    return
  }
  // Each output's consumer in the loss takes the target (or −target) as its other operand.
  outputIds.forEach((out, u) => {
    const suffix = outputIds.length > 1 ? String(u + 1) : ''
    for (const e of graph.edges) {
      if (e.from !== out) continue
      const other = graph.edges.find((f) => f.to === e.to && f.operand !== e.operand)
      if (other) name(other.from, loss === 'mse' ? `t${suffix}` : `−t${suffix}`)
    }
  })
}

export interface SampleInput {
  network: NetworkJSON
  /** [x1, x2, class index] */
  point: Point
  loss: LossName
}

/** The explorer model of one data point through the network and its loss (without L1/L2 penalties). */
export function sampleModel({ network, point, loss }: SampleInput): ExplorerModel {
  const features = Array.from(featurize(network.inputs, point[0], point[1]))
  const label = point[2]
  const lossOf = (outs: Value[]) => sampleLoss(loss, outs, label)
  const make = () => {
    const mlp = MLP.fromJSON(network)
    const sample = traceNetworkSample(mlp, features, lossOf)
    nameLossConstants(sample.graph, sample.outputs, loss)
    return { mlp, sample }
  }
  const { mlp, sample } = make()
  sample.root.backward()
  refreshGraph(sample.graph)
  const { graph } = sample
  const params = mlp.parameters()
  const extra = LOSS_LEGEND[loss]
  return {
    subject: JSON.stringify([point, loss]),
    graph,
    groups: sample.neurons,
    classOf: networkNodeClass(sample),
    shape: shapeKey(graph),
    legend: extra ? [...NETWORK_LEGEND, extra] : NETWORK_LEGEND,
    freshRoot: () => make().sample.root,
    parameterNames: params.map((p) => p.label),
    parameterIds: params.map((p) => graph.ids.get(p)!),
    check: (indices) => gradientCheckNetwork(make().mlp, (n) => lossOf(n.forward(features)), { indices }),
  }
}

const LAB_LEGEND: readonly LegendEntry[] = [
  { term: 'a, b, …', meaning: 'the names you assigned; a box without a name is an intermediate result' },
  { term: 'L', meaning: 'the output (L when you assign it, else your last line): backward starts here' },
]

/** The explorer model of a lab program (its output and every named number in it). */
/** Each parsed program its own number: a program typed anew is another subject. */
const programNumbers = new WeakMap<Program, number>()
let programCount = 0
function programNumber(program: Program): number {
  let n = programNumbers.get(program)
  if (n === undefined) programNumbers.set(program, (n = ++programCount))
  return n
}

export function labModel(program: Program): ExplorerModel {
  const built = buildProgram(program)
  built.output.backward()
  const graph = traceGraph(built.output)
  // The gradient check nudges the named numbers the output depends on (k: their place among all).
  const used = built.leaves.map((v, k) => ({ v, k })).filter(({ v }) => graph.ids.has(v))
  const roles = new Map<number, string>(used.map(({ v }) => [graph.ids.get(v)!, 'param']))
  roles.set(graph.root, 'loss')
  return {
    subject: `program ${programNumber(program)}`,
    graph,
    groups: [],
    classOf: (id) => roles.get(id) ?? (graph.nodes[id].op === '' ? 'const' : ''),
    shape: shapeKey(graph),
    legend: LAB_LEGEND,
    freshRoot: () => buildProgram(program).output,
    parameterNames: used.map(({ v }) => v.label),
    parameterIds: used.map(({ v }) => graph.ids.get(v)!),
    check: (indices) => {
      const result = gradientCheck(
        (leaves) => buildProgram(program, leaves).output,
        built.leaves.map((v) => v.data),
        { indices: indices.map((i) => used[i].k) },
      )
      // Back to this model's numbering (parameters the output uses).
      result.entries.forEach((e, j) => (e.index = indices[j]))
      return result
    },
  }
}

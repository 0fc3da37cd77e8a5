/**
 * The computation graph behind one Value, as plain data a view can draw: the notebook's
 * `trace(root)`, but iterative and with stable numeric ids instead of Python object ids.
 */
import { Value, topologicalOrder } from '../engine/value.ts'

/** One Value of the graph. `id` is its index in the topological order. */
export interface GraphNode {
  id: number
  label: string
  /** The op that made this Value ('+', '*', 'tanh', '**2', ...); '' for a leaf. */
  op: string
  data: number
  grad: number
}

/** A child → parent edge: `from` is an operand of `to`. */
export interface GraphEdge {
  from: number
  to: number
  /** Which operand of `to` this is: 0 for the first (or only) one, 1 for the second. */
  operand: number
}

export interface ComputationGraph {
  /** nodes[id]: children before parents, the root last. */
  nodes: GraphNode[]
  /** One edge per operand, so x*x has two edges from x. */
  edges: GraphEdge[]
  /** Ids in topological order (children before parents); backward walks it in reverse. */
  order: number[]
  /** The id of the Value the graph was traced from. */
  root: number
  /** values[id] is the Value behind nodes[id]. */
  values: Value[]
  /** The id of each Value, to patch data/grad live without tracing again. */
  ids: Map<Value, number>
}

/** The graph of every Value `root` depends on; ids are topological indices (same graph, same ids). */
export function traceGraph(root: Value): ComputationGraph {
  if (!(root instanceof Value))
    throw new TypeError('traceGraph needs a Value: pass the output you want to inspect')
  const values = topologicalOrder(root)
  const ids = new Map<Value, number>()
  const nodes: GraphNode[] = []
  const edges: GraphEdge[] = []
  const order: number[] = []
  for (let id = 0; id < values.length; id++) {
    const v = values[id]
    ids.set(v, id)
    order.push(id)
    nodes.push({ id, label: v.label, op: v.op, data: v.data, grad: v.grad })
    // Children come earlier in the order, so their ids are already known.
    v.children.forEach((child, operand) => edges.push({ from: ids.get(child)!, to: id, operand }))
  }
  return { nodes, edges, order, root: values.length - 1, values, ids }
}

/** Copies every Value's current data, grad and label into its node (after a training step or backward). */
export function refreshGraph(graph: ComputationGraph): void {
  for (const node of graph.nodes) {
    const v = graph.values[node.id]
    node.data = v.data
    node.grad = v.grad
    node.label = v.label
  }
}

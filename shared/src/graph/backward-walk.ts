/**
 * Backpropagation one node at a time, for a stepper: walks the reversed topological order and,
 * at each node, shows the chain rule at work: child.grad += local derivative × upstream grad.
 */
import { Value } from '../engine/value.ts'
import { traceGraph, refreshGraph, type ComputationGraph } from './trace.ts'

/** What one operand of a node receives in one step. */
export interface BackwardTerm {
  /** The operand's id in the graph. */
  child: number
  /** d node / d operand, at the current data. */
  local: number
  /** local × upstream: what was added to the operand's grad. */
  contribution: number
}

export interface BackwardStep {
  /** The node whose gradient was passed on. */
  id: number
  op: string
  /** The node's own grad when it was passed on: d root / d node. */
  upstream: number
  /** One term per operand, in operand order (x*x has two terms for x). */
  terms: BackwardTerm[]
}

/**
 * The local derivatives of `node` with respect to each operand, read from the engine's own table
 * (on a scratch copy, so no grad in the real graph changes).
 */
export function localDerivatives(node: Value): number[] {
  if (node.children.length === 0) return []
  const operands = node.children.map((c) => new Value(c.data))
  const copy = new Value(node.data, operands, node.op)
  copy.k = node.k
  copy.grad = 1
  copy.backwardStep()
  return operands.map((o) => o.grad)
}

/** A backward pass you can step through; it works on the real Values, so their grads fill in. */
export class BackwardWalk {
  readonly graph: ComputationGraph
  /** Ids still to visit, next one last. Leaves have nothing to pass on, so they are skipped. */
  private readonly pending: number[]
  /** The steps taken so far. */
  readonly steps: BackwardStep[] = []

  /** Starts a walk from `root`: every grad in its graph is set to 0, then root.grad to 1. */
  constructor(root: Value) {
    this.graph = traceGraph(root)
    for (const v of this.graph.values) v.grad = 0
    root.grad = 1
    refreshGraph(this.graph)
    this.pending = this.graph.order.filter((id) => this.graph.values[id].children.length > 0)
  }

  get done(): boolean {
    return this.pending.length === 0
  }

  /** The id of the node the next step will pass on, or undefined when the walk is over. */
  get current(): number | undefined {
    return this.pending[this.pending.length - 1]
  }

  /** Passes one node's gradient to its operands and says what was added; null when done. */
  step(): BackwardStep | null {
    const id = this.pending.pop()
    if (id === undefined) return null
    const node = this.graph.values[id]
    const local = localDerivatives(node)
    const terms = node.children.map((c, i) => ({
      child: this.graph.ids.get(c)!,
      local: local[i],
      contribution: local[i] * node.grad,
    }))
    const step: BackwardStep = { id, op: node.op, upstream: node.grad, terms }
    node.backwardStep()
    // Only the operands' grads changed: patch those nodes, not the whole graph.
    for (const t of terms) this.graph.nodes[t.child].grad = this.graph.values[t.child].grad
    this.steps.push(step)
    return step
  }

  /** Takes every remaining step (the same result as root.backward() from zeroed grads). */
  finish(): void {
    while (this.step() !== null);
  }
}

/**
 * A backward walk with its chain-rule ledger: every step says, for each operand of the node
 * passed on, local derivative × upstream grad = contribution, and the operand's grad after it
 * (a Value used twice is seen receiving its second contribution). Steps can be taken back:
 * the walk is rebuilt from a fresh graph and replayed, so nothing needs undoing.
 */
import type { Value } from '../engine/value.ts'
import { BackwardWalk } from './backward-walk.ts'
import { localRule, nameOf } from './chain-rule.ts'

export interface LedgerTerm {
  child: number
  childName: string
  /** ∂node/∂child as a formula. */
  rule: string
  local: number
  contribution: number
  /** The child's grad once this contribution was added. */
  total: number
  /** 1 for the child's first contribution, 2 for its second, … */
  nth: number
}

export interface LedgerEntry {
  /** 1 for the first step. */
  step: number
  id: number
  name: string
  op: string
  /** grad of the node passed on. */
  upstream: number
  terms: LedgerTerm[]
}

export class LedgerWalk {
  private walk: BackwardWalk
  readonly entries: LedgerEntry[] = []
  private received = new Map<number, number>()

  /** `build` makes a fresh copy of the graph (same shape each time); the walk starts on one. */
  constructor(private readonly build: () => Value) {
    this.walk = new BackwardWalk(build())
  }

  get graph() {
    return this.walk.graph
  }
  get done(): boolean {
    return this.walk.done
  }
  /** Id of the node the next step passes on (undefined when done). */
  get current(): number | undefined {
    return this.walk.current
  }
  /** Steps in a whole walk: one per node made by an operation. */
  get total(): number {
    return this.graph.nodes.filter((n) => n.op !== '').length
  }

  /** Takes one step; null when the walk is over. */
  step(): LedgerEntry | null {
    const id = this.walk.current
    if (id === undefined) return null
    const graph = this.graph
    const parent = graph.values[id]
    const before = parent.children.map((c) => c.grad)
    const s = this.walk.step()!
    // Each total is the running sum from the grad before the step (x*x adds twice in one step);
    // the child's last one is its grad as the engine left it, to the last bit.
    const running = new Map<number, number>()
    const terms = s.terms.map((t, i): LedgerTerm => {
      const nth = (this.received.get(t.child) ?? 0) + 1
      this.received.set(t.child, nth)
      const total = (running.get(t.child) ?? before[i]) + t.contribution
      running.set(t.child, total)
      return {
        child: t.child,
        childName: nameOf(graph, t.child),
        rule: localRule(parent, i),
        local: t.local,
        contribution: t.contribution,
        total,
        nth,
      }
    })
    for (let i = terms.length - 1; i >= 0; i--)
      if (terms.findLastIndex((t) => t.child === terms[i].child) === i)
        terms[i].total = graph.values[terms[i].child].grad
    const entry: LedgerEntry = {
      step: this.entries.length + 1,
      id: s.id,
      name: nameOf(graph, s.id),
      op: s.op,
      upstream: s.upstream,
      terms,
    }
    this.entries.push(entry)
    return entry
  }

  /** Undoes the last step (by replaying all but it on a fresh graph); false when at the start. */
  back(): boolean {
    if (this.entries.length === 0) return false
    const n = this.entries.length - 1
    this.restart()
    while (this.entries.length < n) this.step()
    return true
  }

  /** Back to the start: every grad 0 but the output's 1. */
  restart(): void {
    this.walk = new BackwardWalk(this.build())
    this.entries.length = 0
    this.received = new Map()
  }

  /** How many contributions a node has received so far. */
  contributions(id: number): number {
    return this.received.get(id) ?? 0
  }
}

/**
 * The chain rule written out with numbers, for a node's details and the backward ledger:
 * how a node was computed (h1.2 = tanh(z1.2) = tanh(0.93) = 0.73), each local derivative
 * (∂h1.2/∂z1.2 = 1 − h1.2² = 0.47) and how the grads add up (grad(z1.2) = 0.47 × grad(h1.2) = …).
 * The numbers come from the engine's own table (localDerivatives), never from a second copy of it.
 */
import type { Value } from '../engine/value.ts'
import { localDerivatives } from './backward-walk.ts'
import type { ComputationGraph } from './trace.ts'

/** A number as the explanations print it: 4 decimals, tiny ones in e-notation, a real minus sign. */
export function formatNumber(x: number): string {
  if (Number.isNaN(x)) return 'NaN'
  if (!Number.isFinite(x)) return x > 0 ? '∞' : '−∞'
  const s = x !== 0 && Math.abs(x) < 1e-4 ? x.toExponential(2) : x.toFixed(4)
  return s.replace(/^-/, '−')
}

/** How a node is called in text: its label, else #id. */
export const nameOf = (graph: ComputationGraph, id: number): string => graph.nodes[id].label || `#${id}`

/** An operand as it appears inside a formula: its label, else its value. */
function operand(v: Value): string {
  return v.label || formatNumber(v.data)
}

const FUNCTION_OPS = new Set(['exp', 'log', 'tanh', 'relu', 'sigmoid', 'softplus', 'abs', 'leaky_relu'])

/** The operation that made `v`, over its operands' names: "a * b", "tanh(z1.2)", "e**2". */
export function formulaOf(v: Value, show: (v: Value) => string = operand): string {
  const [a, b] = v.children
  if (!a) return ''
  const op = v.op
  if (b) return `${show(a)} ${op} ${show(b)}`
  if (op === 'neg') return `−${show(a)}`
  if (op.startsWith('**')) return `${show(a)}${op}`
  return FUNCTION_OPS.has(op) ? `${op}(${show(a)})` : `${op} ${show(a)}`
}

/** The local derivative ∂v/∂(operand i) as a formula over names (its number: localDerivatives). */
export function localRule(v: Value, i: number): string {
  const [a, b] = v.children
  const out = v.label || 'the output'
  switch (v.op) {
    case '+':
      return '1'
    case '-':
      return i === 0 ? '1' : '−1'
    case '*':
      return operand(i === 0 ? b : a)
    case '/':
      return i === 0 ? `1 / ${operand(b)}` : `−${operand(a)} / ${operand(b)}²`
    case '**':
      return i === 0 ? `${operand(b)} · ${operand(a)}^(${operand(b)} − 1)` : `${out} · ln ${operand(a)}`
    case 'neg':
      return '−1'
    case 'exp':
      return `exp(${operand(a)}), the output itself`
    case 'log':
      return `1 / ${operand(a)}`
    case 'tanh':
      return `1 − ${out}²`
    case 'relu':
      return a.data > 0 ? `1, as ${operand(a)} > 0` : `0, as ${operand(a)} ≤ 0`
    case 'leaky_relu':
      return a.data > 0 ? `1, as ${operand(a)} > 0` : `the slope ${v.k}, as ${operand(a)} ≤ 0`
    case 'sigmoid':
      return `${out} · (1 − ${out})`
    case 'softplus':
      return `sigmoid(${operand(a)})`
    case 'abs':
      return `sign(${operand(a)})`
  }
  if (v.op.startsWith('**')) return `${v.k} · ${operand(a)}^${formatNumber(v.k - 1).replace(/\.?0+$/, '')}`
  return '?'
}

/** One way a node's grad is fed: through one operand slot of one node that uses it. */
export interface ChainTerm {
  /** The node that uses this one. */
  parent: number
  /** Which operand of the parent this node is. */
  operand: number
  /** The local derivative as a formula, and its number. */
  rule: string
  local: number
  /** grad(parent) */
  upstream: number
  /** local × upstream */
  contribution: number
}

/** Everything a node's details say about it, with the numbers of the graph as it is now. */
export interface NodeExplanation {
  id: number
  name: string
  op: string
  data: number
  grad: number
  /** "h1.2 = tanh(z1.2) = tanh(0.9300) = 0.7311", or "" for a leaf. */
  forward: string
  /** One term per use of this node (x*x: two). Empty for the root. */
  terms: ChainTerm[]
  /** Whether this is the node the graph was traced from (its grad is 1 by definition). */
  isRoot: boolean
}

/** The node's forward computation and its chain rule, from the graph's current data and grads. */
export function explainNode(graph: ComputationGraph, id: number): NodeExplanation {
  const v = graph.values[id]
  const name = nameOf(graph, id)
  let forward = ''
  if (v.children.length > 0)
    forward = `${name} = ${formulaOf(v)} = ${formulaOf(v, (c) => formatNumber(c.data))} = ${formatNumber(v.data)}`
  const terms: ChainTerm[] = []
  for (const e of graph.edges) {
    if (e.from !== id) continue
    const parent = graph.values[e.to]
    const local = localDerivatives(parent)[e.operand]
    const upstream = graph.nodes[e.to].grad
    terms.push({
      parent: e.to,
      operand: e.operand,
      rule: localRule(parent, e.operand),
      local,
      upstream,
      contribution: local * upstream,
    })
  }
  const node = graph.nodes[id]
  return {
    id,
    name,
    op: node.op,
    data: node.data,
    grad: node.grad,
    forward,
    terms,
    isRoot: id === graph.root,
  }
}

/** The explanation as sentences: what the details panel shows. */
export function chainRuleLines(graph: ComputationGraph, x: NodeExplanation): string[] {
  const f = formatNumber
  if (x.isRoot) return [`grad(${x.name}) = 1: the output's derivative with respect to itself.`]
  if (x.terms.length === 0) return [`${x.name} does not feed the output: its grad stays ${f(x.grad)}.`]
  const lines = x.terms.map((t) => {
    const p = nameOf(graph, t.parent)
    return (
      `∂${p}/∂${x.name} = ${t.rule} = ${f(t.local)}, ` +
      `so ${f(t.local)} × grad(${p}) = ${f(t.local)} × ${f(t.upstream)} = ${f(t.contribution)}`
    )
  })
  if (x.terms.length > 1)
    lines.push(`grad(${x.name}) = ${x.terms.map((t) => f(t.contribution)).join(' + ')} = ${f(x.grad)}`)
  else lines.push(`grad(${x.name}) = ${f(x.grad)}`)
  return lines
}

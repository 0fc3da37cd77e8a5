/**
 * Compiling a recorded graph into a program that replays one row of data forward and backward.
 *
 * A plain tape spends its time on tiny instructions: a neuron with n inputs is 2n + 2 nodes
 * (n products, n additions, the activation). The compiler folds each multiply-add chain
 * `((w0*x0 + w1*x1) + ...) + b` with its activation into one DOT instruction whose operands
 * are Int32Array lists, then merges consecutive DOTs that read the same contiguous inputs
 * through evenly spaced weights (a layer) into one BLOCK, whose kernel sums several neurons at
 * once. Anything else stays one generic instruction per node, so any graph compiles.
 *
 * Equivalence: every sum is formed in the graph's order (left to right, the bias last), every
 * derivative with the engine's expression, and backward visits instructions in reverse, so in a
 * layered network each gradient receives the same contributions in the same order as
 * `Value.backward()`: the results are bit for bit those of the Value engine.
 */
import * as R from './record.ts'
import type { RecordedGraph } from './record.ts'

/** Fused instructions (generic ones reuse the recorded op codes). */
export const DOT = 30
export const BLOCK = 31

/** Activation codes of DOT and BLOCK. */
export const LINEAR = 0
export const TANH = 1
export const RELU = 2
export const SIGMOID = 3
export const LEAKY_RELU = 4

/** Ints per instruction in `Program.arg`. */
export const ARGS = 8

/**
 * A compiled row program. Each row of data has `slots` numbers: constants (slot 0 holds 1, the
 * bias's partner), the input features, then one per instruction output. Operands of generic
 * instructions are slots (≥ 0) or parameters (encoded −1 − index).
 *
 * Instruction i is `code[i]` with ints `arg[i*ARGS ..]` and the constant `konst[i]`:
 * - generic op: out, a, b
 * - DOT: out, first term, term count, activation; terms[2t] is a parameter, terms[2t+1] a slot
 * - BLOCK: first out, units, fan-in n, activation, first weight, weight stride, first input,
 *   inputs need gradients (0/1); unit j is act(Σ_t w[j·stride+t]·x[t] + w[j·stride+n])
 */
export interface Program {
  params: number
  inputs: number
  outputs: number
  slots: number
  inputSlot: number
  /** Slots from here on are computed and carry gradients. */
  firstComputed: number
  /** Values of the constant slots [0, inputSlot). */
  constValues: Float64Array
  outputSlots: Int32Array
  count: number
  code: Uint8Array
  arg: Int32Array
  konst: Float64Array
  terms: Int32Array
  stats: ProgramStats
}

export interface ProgramStats {
  /** Nodes in the recorded graph. */
  nodes: number
  /** Instructions by kind after fusion. */
  blocks: number
  dots: number
  generic: number
  /** Fan-in of the widest instruction: sizes the backward scratch. */
  maxUnits: number
}

type Instr =
  | { kind: 'op'; node: number; code: number; a: number; b: number; k: number }
  | { kind: 'dot'; node: number; w: number[]; x: number[]; act: number; k: number }
  | {
      kind: 'block'
      node: number
      units: number
      n: number
      act: number
      k: number
      w: number
      stride: number
      x: number
    }

const ACT_OF: Partial<Record<number, number>> = {
  [R.TANH]: TANH,
  [R.RELU]: RELU,
  [R.SIGMOID]: SIGMOID,
  [R.LEAKY_RELU]: LEAKY_RELU,
}

/** Compiles a recorded graph into a row program: fused where it can be, generic where it cannot. */
export function compile(g: RecordedGraph): Program {
  const uses = new Int32Array(g.size)
  for (let i = 0; i < g.size; i++) {
    if (g.a[i] >= 0) uses[g.a[i]]++
    if (g.b[i] >= 0) uses[g.b[i]]++
  }
  for (const o of g.outputs) {
    if (g.op[o] <= R.CONST) throw new Error('The tape needs outputs computed by the graph, not bare leaves.')
    uses[o]++
  }

  const isLeaf = (i: number) => g.op[i] <= R.CONST
  const isParam = (i: number) => g.op[i] === R.PARAM
  /** [param node, other node] of a product of a parameter and a non-parameter, else null. */
  const product = (i: number): [number, number] | null => {
    if (g.op[i] !== R.MUL) return null
    const a = g.a[i]
    const b = g.b[i]
    if (isParam(a) && !isParam(b)) return [a, b]
    if (isParam(b) && !isParam(a)) return [b, a]
    return null
  }
  /** The terms of a multiply-add chain rooted at `top` (in summation order), or null. */
  const chain = (top: number): { w: number[]; x: number[]; nodes: number[] } | null => {
    const w: number[] = []
    const x: number[] = []
    const nodes: number[] = []
    let cur = top
    for (;;) {
      nodes.push(cur)
      const head = product(cur)
      if (head) {
        w.push(head[0])
        x.push(head[1])
        break
      }
      if (g.op[cur] !== R.ADD) return null
      const left = g.a[cur]
      const right = g.b[cur]
      if (isParam(right)) {
        w.push(right)
        x.push(-1) // the constant 1: a bias
      } else {
        const term = uses[right] === 1 ? product(right) : null
        if (!term) return null
        w.push(term[0])
        x.push(term[1])
        nodes.push(right)
      }
      if (uses[left] !== 1 || (g.op[left] !== R.ADD && g.op[left] !== R.MUL)) return null
      cur = left
    }
    return { w: w.reverse(), x: x.reverse(), nodes }
  }

  // Walk from the outputs down so that each activation claims its whole chain first.
  const claimed = new Uint8Array(g.size)
  const atNode: (Instr | undefined)[] = new Array(g.size)
  for (let i = g.size - 1; i >= 0; i--) {
    if (isLeaf(i) || claimed[i]) continue
    const op = g.op[i]
    let act = ACT_OF[op]
    if (op === R.LEAKY_RELU && !(g.k[i] >= 0)) act = undefined // the backward reads the sign off the output
    const pre = g.a[i]
    const fused = act !== undefined && uses[pre] === 1 && !isLeaf(pre) ? chain(pre) : null
    if (fused) {
      for (const n of fused.nodes) claimed[n] = 1
      atNode[i] = { kind: 'dot', node: i, w: fused.w, x: fused.x, act: act!, k: g.k[i] }
      continue
    }
    const linear = op === R.ADD || op === R.MUL ? chain(i) : null
    if (linear) {
      for (const n of linear.nodes) claimed[n] = 1
      atNode[i] = { kind: 'dot', node: i, w: linear.w, x: linear.x, act: LINEAR, k: 0 }
      continue
    }
    atNode[i] = { kind: 'op', node: i, code: op, a: g.a[i], b: g.b[i], k: g.k[i] }
  }

  // Slots: the constant 1, other constants, inputs, then instruction outputs in program order.
  const slotOf = new Int32Array(g.size).fill(-1)
  const constValues: number[] = [1]
  for (let i = 0; i < g.size; i++)
    if (g.op[i] === R.CONST && !claimed[i]) {
      slotOf[i] = constValues.length
      constValues.push(g.k[i])
    }
  const inputSlot = constValues.length
  for (let i = 0; i < g.size; i++) if (g.op[i] === R.INPUT) slotOf[i] = inputSlot + g.leaf[i]
  const firstComputed = inputSlot + g.inputs
  let slots = firstComputed
  const program: Instr[] = []
  for (let i = 0; i < g.size; i++) {
    const ins = atNode[i]
    if (!ins) continue
    slotOf[i] = slots++
    program.push(ins)
  }
  // A parameter operand is −1 − index; anything else its slot (−1 in a chain term means "1").
  const operand = (n: number) => (n < 0 ? 0 : isParam(n) ? -1 - g.leaf[n] : slotOf[n])

  const merged = mergeLayers(program, slotOf, g, firstComputed)
  return encode(merged, {
    g,
    slotOf,
    operand,
    slots,
    inputSlot,
    firstComputed,
    constValues: Float64Array.from(constValues),
  })
}

/** Merges runs of DOTs that form a layer (shared contiguous inputs, evenly spaced weights) into BLOCKs. */
function mergeLayers(program: Instr[], slotOf: Int32Array, g: RecordedGraph, firstComputed: number): Instr[] {
  /** The BLOCK-shaped view of one DOT: contiguous inputs then a bias, contiguous weights. */
  const shapeOf = (d: Instr) => {
    if (d.kind !== 'dot') return null
    const n = d.w.length - 1
    if (n < 1 || d.x[n] !== -1) return null
    const x0 = slotOf[d.x[0]]
    const w0 = g.leaf[d.w[0]]
    for (let t = 0; t < n; t++) {
      if (d.x[t] < 0 || g.op[d.x[t]] === R.PARAM || slotOf[d.x[t]] !== x0 + t) return null
      if (g.leaf[d.w[t]] !== w0 + t) return null
    }
    if (g.leaf[d.w[n]] !== w0 + n) return null
    // Inputs must be all leaves (no gradient) or all computed.
    if (x0 < firstComputed && x0 + n > firstComputed) return null
    return { n, x0, w0, act: d.act, k: d.k }
  }
  const out: Instr[] = []
  let i = 0
  while (i < program.length) {
    const first = shapeOf(program[i])
    if (!first) {
      out.push(program[i++])
      continue
    }
    let units = 1
    let stride = first.n + 1
    for (let j = i + 1; j < program.length; j++) {
      const s = shapeOf(program[j])
      if (!s || s.n !== first.n || s.x0 !== first.x0 || s.act !== first.act || !Object.is(s.k, first.k)) break
      const step = s.w0 - first.w0
      if (units === 1 && step >= first.n + 1) stride = step
      if (step !== units * stride) break
      units++
    }
    out.push({
      kind: 'block',
      node: program[i].node,
      units,
      n: first.n,
      act: first.act,
      k: first.k,
      w: first.w0,
      stride,
      x: first.x0,
    })
    i += units
  }
  return out
}

function encode(
  program: Instr[],
  c: {
    g: RecordedGraph
    slotOf: Int32Array
    operand: (n: number) => number
    slots: number
    inputSlot: number
    firstComputed: number
    constValues: Float64Array
  },
): Program {
  const count = program.length
  const code = new Uint8Array(count)
  const arg = new Int32Array(count * ARGS)
  const konst = new Float64Array(count)
  const termList: number[] = []
  const stats: ProgramStats = { nodes: c.g.size, blocks: 0, dots: 0, generic: 0, maxUnits: 1 }
  program.forEach((ins, i) => {
    const at = i * ARGS
    const out = c.slotOf[ins.node]
    konst[i] = ins.k
    if (ins.kind === 'op') {
      code[i] = ins.code
      arg.set([out, c.operand(ins.a), ins.b < 0 ? 0 : c.operand(ins.b)], at)
      stats.generic++
    } else if (ins.kind === 'dot') {
      code[i] = DOT
      arg.set([out, termList.length / 2, ins.w.length, ins.act], at)
      ins.w.forEach((w, t) => termList.push(c.g.leaf[w], ins.x[t] < 0 ? 0 : c.slotOf[ins.x[t]]))
      stats.dots++
    } else {
      code[i] = BLOCK
      const xGrad = ins.x >= c.firstComputed ? 1 : 0
      arg.set([out, ins.units, ins.n, ins.act, ins.w, ins.stride, ins.x, xGrad], at)
      stats.blocks++
      stats.maxUnits = Math.max(stats.maxUnits, ins.units)
    }
  })
  return {
    params: c.g.params,
    inputs: c.g.inputs,
    outputs: c.g.outputs.length,
    slots: c.slots,
    inputSlot: c.inputSlot,
    firstComputed: c.firstComputed,
    constValues: c.constValues,
    outputSlots: Int32Array.from(c.g.outputs, (o) => c.slotOf[o]),
    count,
    code,
    arg,
    konst,
    terms: Int32Array.from(termList),
    stats,
  }
}

/**
 * Recording: the scalar graph a `Value` computation builds, copied into typed arrays.
 *
 * A recorded graph is a plain tape: node i has an op code, up to two operand nodes and a
 * constant, stored as parallel arrays (struct of arrays), nodes in exactly the order the Value
 * engine's own `backward()` sorts them. Nothing here knows about networks: `recordGraph` takes
 * any Values. `recordNetwork` feeds it the graph `MLP.forward` builds for one row of features.
 */
import { Value, topologicalOrder } from '../engine/value.ts'
import { MLP } from '../nn/mlp.ts'
import type { NetworkShape } from '../train/evaluator.ts'

// Leaves: a parameter, an input feature, or a constant number.
export const PARAM = 0
export const INPUT = 1
export const CONST = 2
// One code per Value op (see OPS in engine/value.ts).
export const ADD = 3
export const SUB = 4
export const MUL = 5
export const DIV = 6
export const POW = 7
export const POWK = 8
export const NEG = 9
export const EXP = 10
export const LOG = 11
export const TANH = 12
export const RELU = 13
export const LEAKY_RELU = 14
export const SIGMOID = 15
export const SOFTPLUS = 16
export const ABS = 17

const CODES: Record<string, number> = {
  '+': ADD,
  '-': SUB,
  '*': MUL,
  '/': DIV,
  '**': POW,
  neg: NEG,
  exp: EXP,
  log: LOG,
  tanh: TANH,
  relu: RELU,
  leaky_relu: LEAKY_RELU,
  sigmoid: SIGMOID,
  softplus: SOFTPLUS,
  abs: ABS,
}

/** A Value graph as parallel typed arrays, nodes in the Value engine's topological order. */
export interface RecordedGraph {
  size: number
  /** Op code of each node (PARAM, INPUT, CONST or an op). */
  op: Uint8Array
  /** First and second operand (node indices), -1 when absent. */
  a: Int32Array
  b: Int32Array
  /** The op's constant (exponent of POWK, slope of LEAKY_RELU); a CONST leaf's value. */
  k: Float64Array
  /** Parameter index of a PARAM leaf, feature index of an INPUT leaf, -1 otherwise. */
  leaf: Int32Array
  /** The nodes whose values leave the graph, in the order given. */
  outputs: Int32Array
  params: number
  inputs: number
}

/** The op code of a Value node, or a clear error for an op the tape does not know. */
function codeOf(v: Value): number {
  if (v.children.length === 0) return CONST
  if (v.op.startsWith('**') && v.children.length === 1) return POWK
  const code = CODES[v.op]
  if (code === undefined) throw new Error(`The tape cannot record the op "${v.op}".`)
  return code
}

/**
 * Records every node the `outputs` depend on, in the order Value's `backward()` would visit them
 * from a root that sums the outputs in order. `params[i]` becomes parameter i, `inputs[i]` feature i;
 * any other leaf is a constant.
 */
export function recordGraph(
  outputs: readonly Value[],
  params: readonly Value[],
  inputs: readonly Value[],
): RecordedGraph {
  const index = new Map<Value, number>()
  const nodes: Value[] = []
  for (const root of outputs)
    for (const v of topologicalOrder(root))
      if (!index.has(v)) {
        index.set(v, nodes.length)
        nodes.push(v)
      }
  const paramIndex = new Map<Value, number>()
  params.forEach((p, i) => paramIndex.set(p, i))
  const inputIndex = new Map<Value, number>()
  inputs.forEach((x, i) => inputIndex.set(x, i))

  const size = nodes.length
  const g: RecordedGraph = {
    size,
    op: new Uint8Array(size),
    a: new Int32Array(size).fill(-1),
    b: new Int32Array(size).fill(-1),
    k: new Float64Array(size),
    leaf: new Int32Array(size).fill(-1),
    outputs: Int32Array.from(outputs, (o) => index.get(o)!),
    params: params.length,
    inputs: inputs.length,
  }
  for (let i = 0; i < size; i++) {
    const v = nodes[i]
    const p = paramIndex.get(v)
    const x = inputIndex.get(v)
    if (p !== undefined) {
      g.op[i] = PARAM
      g.leaf[i] = p
    } else if (x !== undefined) {
      g.op[i] = INPUT
      g.leaf[i] = x
    } else {
      const code = codeOf(v)
      g.op[i] = code
      if (code === CONST) g.k[i] = v.data
      else {
        g.a[i] = index.get(v.children[0])!
        if (v.children.length > 1) g.b[i] = index.get(v.children[1])!
        g.k[i] = v.k
      }
    }
  }
  return g
}

/** Records the graph `MLP.forward` builds for one row: parameters in `MLP.parameters()` order. */
export function recordNetwork(shape: NetworkShape): RecordedGraph {
  const mlp = new MLP(shape.inputs, shape.layers, () => 0.5)
  const inputs = Array.from({ length: shape.inputs }, (_, i) => new Value(0, undefined, '', `x${i + 1}`))
  return recordGraph(mlp.forward(inputs), mlp.parameters(), inputs)
}

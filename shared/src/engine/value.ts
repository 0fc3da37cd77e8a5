/**
 * The scalar autograd engine: one `Value` per number, each remembering how it was made.
 *
 * Every operation lives in the table `OPS` below: its forward computation and its local
 * derivative side by side, as in micrograd, so reading the table is reading the lesson.
 * A node points at its table entry instead of owning a closure, and `backward()` walks an
 * explicit stack instead of recursing, so a graph of any size trains without stack overflows
 * and without one allocation per node beyond the node itself.
 */

/** One operation: how to compute it and how its output's gradient flows back to its inputs. */
export interface Op {
  /** out = f(a, b, k): b is the second operand's data (binary ops), k a constant (pow, leaky relu). */
  forward(a: number, b: number, k: number): number
  /** Chain rule: add local derivative × out.grad into each child's grad. */
  backward(out: Value, a: Value, b: Value | undefined): void
}

/** Numerically safe logistic function: never NaN, never overflows. */
export function sigmoid(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x))
  const e = Math.exp(x)
  return e / (1 + e)
}

/** log(1 + e^x) without overflow for large x nor loss of precision for very negative x. */
export function softplus(x: number): number {
  return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)))
}

export const DEFAULT_LEAKY_SLOPE = 0.01

export const OPS = {
  // a + b: both inputs move one-for-one with the output.
  '+': {
    forward: (a, b) => a + b,
    backward(out, a, b) {
      a.grad += out.grad
      b!.grad += out.grad
    },
  },
  // a - b
  '-': {
    forward: (a, b) => a - b,
    backward(out, a, b) {
      a.grad += out.grad
      b!.grad -= out.grad
    },
  },
  // a * b: each input's derivative is the other input.
  '*': {
    forward: (a, b) => a * b,
    backward(out, a, b) {
      a.grad += b!.data * out.grad
      b!.grad += a.data * out.grad
    },
  },
  // a / b: d/da = 1/b, d/db = -a/b²
  '/': {
    forward: (a, b) => a / b,
    backward(out, a, b) {
      a.grad += out.grad / b!.data
      b!.grad -= (a.data / (b!.data * b!.data)) * out.grad
    },
  },
  // a ** b with b a Value: d/da = b·a^(b-1), d/db = a^b·ln a (0 where a^b is 0, its limit).
  '**': {
    forward: (a, b) => a ** b,
    backward(out, a, b) {
      // b = 0 makes a^b constant: say 0 outright rather than 0 · 0^-1 = NaN at a = 0.
      a.grad += (b!.data === 0 ? 0 : b!.data * a.data ** (b!.data - 1)) * out.grad
      b!.grad += (out.data === 0 ? 0 : out.data * Math.log(a.data)) * out.grad
    },
  },
  // a ** k with k a plain number: d/da = k·a^(k-1)
  '**k': {
    forward: (a, _b, k) => a ** k,
    backward(out, a) {
      a.grad += (out.k === 0 ? 0 : out.k * a.data ** (out.k - 1)) * out.grad
    },
  },
  // -a
  neg: {
    forward: (a) => -a,
    backward(out, a) {
      a.grad -= out.grad
    },
  },
  // e^a is its own derivative. (The notebook assigns `self.grad =` here: we accumulate.)
  exp: {
    forward: (a) => Math.exp(a),
    backward(out, a) {
      a.grad += out.data * out.grad
    },
  },
  // ln a: d/da = 1/a. ln of 0 is -Infinity and of a negative number NaN; training detects both.
  log: {
    forward: (a) => Math.log(a),
    backward(out, a) {
      a.grad += out.grad / a.data
    },
  },
  // tanh a: d/da = 1 - tanh²a. Math.tanh saturates to ±1 instead of overflowing to NaN.
  tanh: {
    forward: (a) => Math.tanh(a),
    backward(out, a) {
      a.grad += (1 - out.data * out.data) * out.grad
    },
  },
  // relu a = max(0, a): slope 1 where positive, 0 elsewhere (0 at a = 0, as micrograd).
  relu: {
    forward: (a) => (a > 0 ? a : 0),
    backward(out, a) {
      if (a.data > 0) a.grad += out.grad
    },
  },
  // leaky relu: slope 1 where positive, k elsewhere.
  leaky_relu: {
    forward: (a, _b, k) => (a > 0 ? a : k * a),
    backward(out, a) {
      a.grad += (a.data > 0 ? 1 : out.k) * out.grad
    },
  },
  // sigmoid a = 1 / (1 + e^-a): d/da = σ(a)(1 - σ(a))
  sigmoid: {
    forward: (a) => sigmoid(a),
    backward(out, a) {
      a.grad += out.data * (1 - out.data) * out.grad
    },
  },
  // softplus a = ln(1 + e^a): d/da = σ(a). The stable core of binary cross-entropy.
  softplus: {
    forward: (a) => softplus(a),
    backward(out, a) {
      a.grad += sigmoid(a.data) * out.grad
    },
  },
  // |a|: d/da = sign(a) (0 at a = 0). Used by L1 regularization.
  abs: {
    forward: (a) => Math.abs(a),
    backward(out, a) {
      a.grad += Math.sign(a.data) * out.grad
    },
  },
} satisfies Record<string, Op>

export type OpName = keyof typeof OPS

const NO_CHILDREN: readonly Value[] = Object.freeze([])

/** Ops that take two operands; every other op in the table takes one. */
const BINARY_OPS: ReadonlySet<string> = new Set(['+', '-', '*', '/', '**'])

/** The table entry an op name stands for ('**2' is a power by the constant 2), or a clear error. */
function ruleFor(op: string, children: number): Op {
  if (op !== '**k' && Object.hasOwn(OPS, op)) {
    const wanted = BINARY_OPS.has(op) ? 2 : 1
    if (children !== wanted)
      throw new Error(
        `op "${op}" takes ${wanted} operand${wanted > 1 ? 's' : ''}, but this Value has ${children}`,
      )
    return OPS[op as OpName]
  }
  const exponent = op.slice(2)
  if (op.startsWith('**') && exponent !== '' && (exponent === 'NaN' || !Number.isNaN(Number(exponent)))) {
    if (children !== 1)
      throw new Error(`op "${op}" (a power by a constant) takes 1 operand, but this Value has ${children}`)
    return OPS['**k']
  }
  throw new Error(
    `unknown op "${op}" for a Value with ${children} children: use one of ${Object.keys(OPS)
      .filter((name) => name !== '**k')
      .join(' ')} or '**<number>'`,
  )
}

/** The constant an op name carries: the exponent of '**2', the default slope of leaky relu. */
function constantOf(op: string): number {
  if (op === 'leaky_relu') return DEFAULT_LEAKY_SLOPE
  return op.startsWith('**') && op.length > 2 ? Number(op.slice(2)) : 0
}

let visitStamp = 0

export class Value {
  data: number
  grad = 0
  label: string
  /** The table entry for op, or null for a leaf. */
  private rule: Op | null = null
  private opName: string
  /** The operands, kept inline (no array per node: a training graph has a million nodes). */
  private a: Value | null = null
  private b: Value | null = null
  /** The op's constant: the exponent of '**2', the slope of leaky relu; 0 otherwise. */
  k = 0
  /** Marks nodes already visited by the current topological sort (no Set per walk). */
  private visit = 0

  constructor(data: number, children: readonly Value[] = NO_CHILDREN, op = '', label = '') {
    this.data = data
    this.opName = op
    this.label = label
    if (children.length > 0) {
      this.rule = ruleFor(op, children.length)
      this.a = children[0]
      this.b = children.length > 1 ? children[1] : null
      this.k = constantOf(op)
    }
  }

  /** The operation that made this node ('' for a leaf). */
  get op(): string {
    return this.opName
  }

  /** The operands this node was computed from (none for a leaf). */
  get children(): readonly Value[] {
    if (this.a === null) return NO_CHILDREN
    return this.b === null ? [this.a] : [this.a, this.b]
  }

  /** A new node made by a table entry, its data computed from its operands'. */
  private static apply(name: OpName, op: string, a: Value, b: Value | null = null, k = 0): Value {
    const rule: Op = OPS[name]
    const out = new Value(rule.forward(a.data, b === null ? 0 : b.data, k))
    out.rule = rule
    out.opName = op
    out.a = a
    out.b = b
    out.k = k
    return out
  }

  add(o: Value | number): Value {
    return Value.apply('+', '+', this, toValue(o))
  }
  sub(o: Value | number): Value {
    return Value.apply('-', '-', this, toValue(o))
  }
  mul(o: Value | number): Value {
    return Value.apply('*', '*', this, toValue(o))
  }
  div(o: Value | number): Value {
    return Value.apply('/', '/', this, toValue(o))
  }
  /** a ** b. A number exponent is a constant (op '**2'); a Value exponent gets a gradient too. */
  pow(o: Value | number): Value {
    if (typeof o === 'number') return Value.apply('**k', `**${o}`, this, null, o)
    return Value.apply('**', '**', this, o)
  }
  neg(): Value {
    return Value.apply('neg', 'neg', this)
  }
  exp(): Value {
    return Value.apply('exp', 'exp', this)
  }
  log(): Value {
    return Value.apply('log', 'log', this)
  }
  tanh(): Value {
    return Value.apply('tanh', 'tanh', this)
  }
  relu(): Value {
    return Value.apply('relu', 'relu', this)
  }
  leakyRelu(slope = DEFAULT_LEAKY_SLOPE): Value {
    return Value.apply('leaky_relu', 'leaky_relu', this, null, slope)
  }
  sigmoid(): Value {
    return Value.apply('sigmoid', 'sigmoid', this)
  }
  softplus(): Value {
    return Value.apply('softplus', 'softplus', this)
  }
  abs(): Value {
    return Value.apply('abs', 'abs', this)
  }

  /** Propagates gradients: sets this.grad = 1, then adds d(this)/d(node) into every ancestor's grad. */
  backward(): void {
    const topo = Value.topologicalOrder(this)
    // An inner node passes its whole grad on to its children, so a grad left over from an
    // earlier backward() would be passed on a second time. Set such grads aside, run this pass
    // from 0, then add them back: every node, inner or leaf, accumulates exactly once per call.
    let earlier: Float64Array | null = null
    for (let i = 0; i < topo.length - 1; i++) {
      const node = topo[i]
      if (node.rule !== null && node.grad !== 0) {
        earlier ??= new Float64Array(topo.length)
        earlier[i] = node.grad
        node.grad = 0
      }
    }
    this.grad = 1
    for (let i = topo.length - 1; i >= 0; i--) {
      const node = topo[i]
      if (node.rule !== null) node.rule.backward(node, node.a!, node.b ?? undefined)
    }
    if (earlier !== null) for (let i = 0; i < topo.length - 1; i++) topo[i].grad += earlier[i]
  }

  /** Applies this node's local derivative once (for a step-by-step backward walk). */
  backwardStep(): void {
    if (this.rule !== null) this.rule.backward(this, this.a!, this.b ?? undefined)
  }

  toString(): string {
    return `Value(data=${this.data}${this.label ? `, label=${this.label}` : ''})`
  }

  /**
   * Every node `root` depends on, children before parents, root last. Iterative (an explicit
   * stack, no depth limit) and without a Set: each node is stamped when first seen.
   */
  static topologicalOrder(root: Value): Value[] {
    const stamp = ++visitStamp
    const order: Value[] = []
    // Each stack entry is a node and how many of its operands (0, 1, 2) were already pushed.
    const stack: Value[] = [root]
    const next: number[] = [0]
    root.visit = stamp
    while (stack.length > 0) {
      const top = stack.length - 1
      const node = stack[top]
      const i = next[top]
      const child = i === 0 ? node.a : i === 1 ? node.b : null
      if (child !== null) {
        next[top] = i + 1
        if (child.visit !== stamp) {
          child.visit = stamp
          stack.push(child)
          next.push(0)
        }
      } else {
        order.push(node)
        stack.pop()
        next.pop()
      }
    }
    return order
  }
}

function toValue(o: Value | number): Value {
  return o instanceof Value ? o : new Value(o)
}

/** Every node `root` depends on, children before parents, root last. Iterative: no depth limit. */
export function topologicalOrder(root: Value): Value[] {
  return Value.topologicalOrder(root)
}

/** Sum of values, left to right: ((v0 + v1) + v2) + ... (a lone value is returned as it is). */
export function sum(values: readonly (Value | number)[]): Value {
  if (values.length === 0) return new Value(0)
  let acc = toValue(values[0])
  for (let i = 1; i < values.length; i++) acc = acc.add(values[i])
  return acc
}

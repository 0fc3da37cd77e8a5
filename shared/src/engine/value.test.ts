import { describe, it, expect } from 'vitest'
import fc from 'fast-check'
import { Value, OPS, sum, sigmoid, softplus, topologicalOrder, DEFAULT_LEAKY_SLOPE } from './value.ts'

const RUNS = { numRuns: 60 }

/** Central finite difference of a function of one number. */
function numericDerivative(g: (x: number) => number, x: number): number {
  const h = 1e-6 * Math.max(1, Math.abs(x))
  return (g(x + h) - g(x - h)) / (x + h - (x - h))
}

/** Analytic and numeric gradients agree to finite-difference precision. */
function expectClose(analytic: number, numeric: number): void {
  expect(Number.isFinite(analytic)).toBe(true)
  expect(Math.abs(analytic - numeric)).toBeLessThanOrEqual(
    1e-5 * (1 + Math.abs(analytic) + Math.abs(numeric)),
  )
}

/** x.grad after building f(x) and calling backward() on it. */
function gradOf(f: (x: Value) => Value, x: number): number {
  const leaf = new Value(x)
  f(leaf).backward()
  return leaf.grad
}

const num = (min: number, max: number) => fc.double({ min, max, noNaN: true, noDefaultInfinity: true })
/** Numbers at least `gap` away from 0, where relu, leaky relu and abs are smooth. */
const awayFromZero = (gap: number, max: number) => fc.oneof(num(gap, max), num(-max, -gap))

describe('each unary op: forward value and gradient vs finite differences', () => {
  const cases: [
    name: string,
    f: (x: Value) => Value,
    reference: (x: number) => number,
    domain: fc.Arbitrary<number>,
  ][] = [
    ['neg', (x) => x.neg(), (x) => -x, num(-100, 100)],
    ['exp', (x) => x.exp(), Math.exp, num(-10, 10)],
    ['log', (x) => x.log(), Math.log, num(0.01, 100)],
    ['tanh', (x) => x.tanh(), Math.tanh, num(-4, 4)],
    ['relu', (x) => x.relu(), (x) => Math.max(0, x), awayFromZero(1e-3, 50)],
    ['sigmoid', (x) => x.sigmoid(), (x) => 1 / (1 + Math.exp(-x)), num(-15, 15)],
    ['leakyRelu', (x) => x.leakyRelu(), (x) => (x > 0 ? x : DEFAULT_LEAKY_SLOPE * x), awayFromZero(1e-3, 50)],
    ['softplus', (x) => x.softplus(), (x) => Math.log(1 + Math.exp(x)), num(-20, 20)],
    ['abs', (x) => x.abs(), Math.abs, awayFromZero(1e-3, 50)],
  ]
  for (const [name, f, reference, domain] of cases) {
    it(name, () => {
      fc.assert(
        fc.property(domain, (x) => {
          const out = f(new Value(x))
          expect(out.data).toBeCloseTo(reference(x), 10)
          expectClose(
            gradOf(f, x),
            numericDerivative((t) => f(new Value(t)).data, x),
          )
        }),
        RUNS,
      )
    })
  }

  it('leakyRelu with a chosen slope', () => {
    fc.assert(
      fc.property(awayFromZero(1e-3, 20), num(0, 0.9), (x, slope) => {
        const f = (v: Value) => v.leakyRelu(slope)
        expect(f(new Value(x)).data).toBe(x > 0 ? x : slope * x)
        expectClose(
          gradOf(f, x),
          numericDerivative((t) => f(new Value(t)).data, x),
        )
      }),
      RUNS,
    )
  })

  it('pow by a number, fractional exponents on positive bases', () => {
    fc.assert(
      fc.property(num(0.05, 5), num(-3, 3), (x, k) => {
        const f = (v: Value) => v.pow(k)
        expect(f(new Value(x)).data).toBeCloseTo(x ** k, 8)
        expectClose(
          gradOf(f, x),
          numericDerivative((t) => t ** k, x),
        )
      }),
      RUNS,
    )
  })

  it('pow by a whole number works on negative bases too', () => {
    fc.assert(
      fc.property(num(-5, 5), fc.integer({ min: -3, max: 4 }), (x, k) => {
        fc.pre(Math.abs(x) > 0.05)
        const f = (v: Value) => v.pow(k)
        expectClose(
          gradOf(f, x),
          numericDerivative((t) => t ** k, x),
        )
      }),
      RUNS,
    )
  })
})

describe('each binary op: both operands get the right gradient', () => {
  const cases: [
    name: string,
    f: (a: Value, b: Value) => Value,
    a: fc.Arbitrary<number>,
    b: fc.Arbitrary<number>,
  ][] = [
    ['add', (a, b) => a.add(b), num(-100, 100), num(-100, 100)],
    ['sub', (a, b) => a.sub(b), num(-100, 100), num(-100, 100)],
    ['mul', (a, b) => a.mul(b), num(-100, 100), num(-100, 100)],
    ['div', (a, b) => a.div(b), num(-100, 100), awayFromZero(0.1, 100)],
    ['pow by a Value', (a, b) => a.pow(b), num(0.05, 5), num(-3, 3)],
  ]
  for (const [name, f, aDomain, bDomain] of cases) {
    it(name, () => {
      fc.assert(
        fc.property(aDomain, bDomain, (a, b) => {
          const va = new Value(a)
          const vb = new Value(b)
          f(va, vb).backward()
          const value = (x: number, y: number) => f(new Value(x), new Value(y)).data
          expectClose(
            va.grad,
            numericDerivative((t) => value(t, b), a),
          )
          expectClose(
            vb.grad,
            numericDerivative((t) => value(a, t), b),
          )
        }),
        RUNS,
      )
    })
  }

  it('forward values match plain arithmetic', () => {
    fc.assert(
      fc.property(num(-100, 100), awayFromZero(0.1, 100), (a, b) => {
        const va = new Value(a)
        const vb = new Value(b)
        expect(va.add(vb).data).toBe(a + b)
        expect(va.sub(vb).data).toBe(a - b)
        expect(va.mul(vb).data).toBe(a * b)
        expect(va.div(vb).data).toBe(a / b)
        expect(new Value(Math.abs(a)).pow(vb).data).toBe(Math.abs(a) ** b)
      }),
      RUNS,
    )
  })
})

describe('operands, labels, op names, children', () => {
  it('accepts plain numbers as the right operand and wraps them in a leaf', () => {
    const x = new Value(3)
    for (const [out, data] of [
      [x.add(2), 5],
      [x.sub(2), 1],
      [x.mul(2), 6],
      [x.div(2), 1.5],
      [x.pow(2), 9],
    ] as const) {
      expect(out.data).toBe(data)
      expect(out.children[0]).toBe(x)
    }
    const product = x.mul(4)
    expect(product.children).toHaveLength(2)
    expect(product.children[1].data).toBe(4)
    expect(product.children[1].op).toBe('')
    product.backward()
    expect(product.children[1].grad).toBe(3) // the constant leaf gets a gradient like any other
  })

  it('a number on the left goes through a leaf or sum()', () => {
    const x = new Value(3)
    const left = new Value(2).sub(x)
    left.backward()
    expect(left.data).toBe(-1)
    expect(x.grad).toBe(-1)
    const total = sum([1, x, 2, x])
    expect(total.data).toBe(9)
    x.grad = 0
    total.backward()
    expect(x.grad).toBe(2)
    expect(sum([]).data).toBe(0)
    expect(sum([x])).toBe(x)
  })

  it('records op names and children in operand order', () => {
    const a = new Value(2, undefined, '', 'a')
    const b = new Value(-3, undefined, '', 'b')
    expect(a.label).toBe('a')
    expect(a.op).toBe('')
    expect(a.children).toHaveLength(0)
    expect(new Value(1).label).toBe('')
    const ops: [Value, string, Value[]][] = [
      [a.add(b), '+', [a, b]],
      [a.sub(b), '-', [a, b]],
      [a.mul(b), '*', [a, b]],
      [a.div(b), '/', [a, b]],
      [a.pow(b), '**', [a, b]],
      [a.pow(3), '**3', [a]],
      [a.pow(-0.5), '**-0.5', [a]],
      [a.neg(), 'neg', [a]],
      [a.exp(), 'exp', [a]],
      [a.log(), 'log', [a]],
      [a.tanh(), 'tanh', [a]],
      [a.relu(), 'relu', [a]],
      [a.sigmoid(), 'sigmoid', [a]],
      [a.leakyRelu(0.2), 'leaky_relu', [a]],
      [a.softplus(), 'softplus', [a]],
      [a.abs(), 'abs', [a]],
    ]
    for (const [out, op, children] of ops) {
      expect(out.op).toBe(op)
      expect(out.children).toEqual(children)
      expect(out.children[0]).toBe(a)
      expect(out.label).toBe('')
      expect(out.grad).toBe(0)
    }
    expect(a.leakyRelu(0.2).k).toBe(0.2)
    expect(a.pow(3).k).toBe(3)
    expect(String(a)).toBe('Value(data=2, label=a)')
  })
})

describe('composite expressions', () => {
  it("the notebook's L = (a*b + c).tanh() matches finite differences", () => {
    fc.assert(
      fc.property(num(-2, 2), num(-2, 2), num(-2, 2), (a, b, c) => {
        const L = (x: number, y: number, z: number) => new Value(x).mul(new Value(y)).add(new Value(z)).tanh()
        const va = new Value(a, undefined, '', 'a')
        const vb = new Value(b, undefined, '', 'b')
        const vc = new Value(c, undefined, '', 'c')
        const e = va.mul(vb)
        const d = e.add(vc)
        const out = d.tanh()
        out.backward()
        const dd = 1 - Math.tanh(a * b + c) ** 2
        expect(out.grad).toBe(1)
        expect(d.grad).toBeCloseTo(dd, 12)
        expect(e.grad).toBeCloseTo(dd, 12)
        expect(vc.grad).toBeCloseTo(dd, 12)
        expectClose(
          va.grad,
          numericDerivative((t) => L(t, b, c).data, a),
        )
        expectClose(
          vb.grad,
          numericDerivative((t) => L(a, t, c).data, b),
        )
        expectClose(
          vc.grad,
          numericDerivative((t) => L(a, b, t).data, c),
        )
      }),
      RUNS,
    )
  })

  it("the notebook's neuron: o = tanh(x1*w1 + x2*w2 + b)", () => {
    const [x1, x2, w1, w2] = [2, 0, -3, 1].map((d) => new Value(d))
    const b = new Value(6.881373587019543)
    const n = x1.mul(w1).add(x2.mul(w2)).add(b)
    const o = n.tanh()
    o.backward()
    const local = 1 - Math.tanh(n.data) ** 2
    expect(o.data).toBeCloseTo(Math.SQRT1_2, 6)
    expect(n.grad).toBeCloseTo(local, 12)
    expect(x1.grad).toBeCloseTo(w1.data * local, 12)
    expect(w1.grad).toBeCloseTo(x1.data * local, 12)
    expect(x2.grad).toBeCloseTo(w2.data * local, 12)
    expect(w2.grad).toBe(0) // x2 = 0: this weight cannot change the output
    expect(b.grad).toBeCloseTo(local, 12)
  })

  it('a Value used twice accumulates: d(x*x + x)/dx = 2x + 1', () => {
    fc.assert(
      fc.property(num(-100, 100), (x) => {
        expect(gradOf((v) => v.mul(v).add(v), x)).toBeCloseTo(2 * x + 1, 9)
      }),
      RUNS,
    )
  })

  it('a Value used 100 times accumulates 100 contributions', () => {
    expect(gradOf((v) => sum(Array.from({ length: 100 }, () => v)), 0.3)).toBe(100)
    fc.assert(
      fc.property(num(0.9, 1.1), (x) => {
        const grad = gradOf((v) => {
          let p = v
          for (let i = 1; i < 100; i++) p = p.mul(v)
          return p
        }, x)
        expect(grad / (100 * x ** 99)).toBeCloseTo(1, 10)
      }),
      { numRuns: 20 },
    )
  })

  it('random expressions built from smooth ops match finite differences', () => {
    const smooth = [
      (a: Value, b: Value) => a.add(b),
      (a: Value, b: Value) => a.mul(b),
      (a: Value, b: Value) => a.sub(b.tanh()),
      (a: Value) => a.sigmoid(),
      (a: Value) => a.softplus(),
      (a: Value, b: Value) => a.div(b.mul(b).add(1)),
    ]
    const program = fc.array(fc.record({ op: fc.nat(smooth.length - 1), a: fc.nat(), b: fc.nat() }), {
      minLength: 1,
      maxLength: 25,
    })
    fc.assert(
      fc.property(fc.array(num(-1.5, 1.5), { minLength: 1, maxLength: 4 }), program, (inputs, steps) => {
        // Each step combines two earlier nodes (maybe the same one twice): a DAG with sharing.
        const build = (xs: Value[]) => {
          const nodes = [...xs]
          for (const s of steps)
            nodes.push(smooth[s.op](nodes[s.a % nodes.length], nodes[s.b % nodes.length]))
          return nodes[nodes.length - 1]
        }
        const leaves = inputs.map((x) => new Value(x))
        build(leaves).backward()
        inputs.forEach((x, i) => {
          const numeric = numericDerivative((t) => {
            const moved = inputs.map((y, j) => new Value(i === j ? t : y))
            return build(moved).data
          }, x)
          expectClose(leaves[i].grad, numeric)
        })
      }),
      { numRuns: 50 },
    )
  })
})

describe('backward() accumulates until zeroed', () => {
  it('calling backward twice doubles every gradient exactly once per call', () => {
    fc.assert(
      fc.property(num(-3, 3), num(-3, 3), num(-3, 3), (a, b, c) => {
        const va = new Value(a)
        const vb = new Value(b)
        const vc = new Value(c)
        const e = va.mul(vb)
        const L = e.add(vc).tanh()
        L.backward()
        const once = [va.grad, vb.grad, vc.grad, e.grad]
        L.backward()
        expect([va.grad, vb.grad, vc.grad, e.grad]).toEqual(once.map((g) => 2 * g))
        expect(L.grad).toBe(1)
      }),
      RUNS,
    )
  })

  it('x*x + x twice gives 2(2x + 1), not more', () => {
    const x = new Value(3)
    const y = x.mul(x).add(x)
    y.backward()
    y.backward()
    expect(x.grad).toBe(2 * (2 * 3 + 1))
  })

  it('two losses that share inner nodes add their gradients', () => {
    fc.assert(
      fc.property(num(-2, 2), num(-2, 2), (x, w) => {
        const vx = new Value(x)
        const vw = new Value(w)
        const h = vx.mul(vw)
        const first = h.tanh()
        const second = h.mul(h)
        first.backward()
        second.backward()
        const local = 1 - Math.tanh(x * w) ** 2 + 2 * x * w // d(first + second)/dh
        expect(vx.grad).toBeCloseTo(local * w, 10)
        expect(vw.grad).toBeCloseTo(local * x, 10)
      }),
      RUNS,
    )
  })

  it('zeroing the grads makes the next backward start fresh', () => {
    const x = new Value(0.5)
    const y = x.tanh().mul(x)
    y.backward()
    const once = x.grad
    for (const node of topologicalOrder(y)) node.grad = 0
    y.backward()
    expect(x.grad).toBe(once)
  })
})

describe('big graphs', () => {
  it('a 100,000-node chain backpropagates without a stack overflow', () => {
    const x = new Value(0.5)
    let v: Value = x
    for (let i = 0; i < 100_000; i++) v = v.add(x)
    v.backward()
    expect(x.grad).toBe(100_001)
    expect(v.data).toBeCloseTo(0.5 * 100_001, 6)
  })

  it('a 100,000-node chain of unary ops has the product of local derivatives', () => {
    const x = new Value(2)
    let v: Value = x
    for (let i = 0; i < 100_000; i++) v = i % 2 === 0 ? v.neg() : v.mul(1)
    v.backward()
    expect(x.grad).toBe(1) // 50,000 negations
    expect(topologicalOrder(v)).toHaveLength(100_000 + 1 + 50_000) // nodes, x, the 50,000 constant leaves
  })
})

describe('numerical safety', () => {
  it('tanh and sigmoid saturate instead of overflowing', () => {
    for (const x of [1000, -1000, 1e308, -1e308]) {
      const t = new Value(x)
      const tanh = t.tanh()
      tanh.backward()
      expect(tanh.data).toBe(Math.sign(x))
      expect(t.grad).toBe(0)
      const s = new Value(x)
      const sig = s.sigmoid()
      sig.backward()
      expect(sig.data).toBe(x > 0 ? 1 : 0)
      expect(s.grad).toBe(0)
    }
    expect(sigmoid(-745.2)).toBeGreaterThanOrEqual(0)
    expect(Number.isNaN(sigmoid(-1000))).toBe(false)
  })

  it('exp overflows to Infinity, log(0) is -Infinity, log(-1) is NaN, (-8)**(1/3) is NaN', () => {
    const big = new Value(1000)
    const e = big.exp()
    e.backward()
    expect(e.data).toBe(Infinity)
    expect(big.grad).toBe(Infinity)
    const zero = new Value(0)
    const l = zero.log()
    l.backward()
    expect(l.data).toBe(-Infinity)
    expect(zero.grad).toBe(Infinity)
    expect(new Value(-1).log().data).toBeNaN()
    expect(new Value(-8).pow(1 / 3).data).toBeNaN()
    expect(new Value(-8).pow(new Value(1 / 3)).data).toBeNaN()
  })

  it('softplus is finite and right at the extremes', () => {
    for (const x of [1000, -1000, 30, -30, 700, -745]) {
      const v = new Value(x)
      const out = v.softplus()
      out.backward()
      expect(Number.isFinite(out.data)).toBe(true)
      expect(out.data).toBeGreaterThanOrEqual(0)
      expect(Number.isFinite(v.grad)).toBe(true)
      expect(v.grad).toBeCloseTo(sigmoid(x), 12)
    }
    expect(softplus(1000)).toBe(1000)
    expect(softplus(-1000)).toBe(0)
    expect(softplus(30)).toBe(30 + Math.log1p(Math.exp(-30)))
    expect(softplus(-30) / Math.exp(-30)).toBeCloseTo(1, 12) // no loss of precision for tiny values
  })

  it('derivatives at kinks and flat points are finite', () => {
    expect(gradOf((x) => x.relu(), 0)).toBe(0)
    expect(gradOf((x) => x.abs(), 0)).toBe(0)
    expect(gradOf((x) => x.leakyRelu(0.1), 0)).toBe(0.1)
    expect(gradOf((x) => x.pow(0), 0)).toBe(0) // x^0 is constant, even at 0
    expect(gradOf((x) => x.pow(2), 0)).toBe(0)
    expect(gradOf((x) => x.pow(1), 0)).toBe(1)
    expect(gradOf((x) => x.pow(new Value(0)), 0)).toBe(0)
    const base = new Value(0)
    const exponent = new Value(2)
    base.pow(exponent).backward()
    expect(base.grad).toBe(0)
    expect(exponent.grad).toBe(0) // 0^b is 0 for every b > 0
    expect(gradOf((x) => x.exp().log(), 50)).toBeCloseTo(1, 12)
  })
})

describe('Values built by hand', () => {
  it('new Value(data, children, op) with a known op backpropagates', () => {
    const a = new Value(2)
    const b = new Value(3)
    const product = new Value(6, [a, b], '*')
    product.backward()
    expect([a.grad, b.grad]).toEqual([3, 2])

    const x = new Value(-2)
    const cube = new Value(-8, [x], '**3')
    cube.backward()
    expect(x.grad).toBe(3 * 4)

    const y = new Value(-2)
    new Value(-0.02, [y], 'leaky_relu').backward()
    expect(y.grad).toBe(DEFAULT_LEAKY_SLOPE)

    const z = new Value(0.5)
    const t = new Value(Math.tanh(0.5), [z], 'tanh')
    t.backward()
    expect(z.grad).toBeCloseTo(1 - Math.tanh(0.5) ** 2, 14)
  })

  it('every op of the table can be rebuilt by hand from its name', () => {
    const binary = new Set(['+', '-', '*', '/', '**'])
    for (const op of Object.keys(OPS)) {
      if (op === '**k') continue
      const children = binary.has(op) ? [new Value(1.5), new Value(0.5)] : [new Value(1.5)]
      expect(() => new Value(0, children, op).backward()).not.toThrow()
    }
  })

  it('an unknown op or a wrong number of operands throws a clear error', () => {
    const a = new Value(1)
    expect(() => new Value(0, [a], 'sin')).toThrow(/unknown op "sin"/)
    expect(() => new Value(0, [a], '**k')).toThrow(/unknown op/)
    expect(() => new Value(0, [a], '**two')).toThrow(/unknown op/)
    expect(() => new Value(0, [a, a], 'toString')).toThrow(/unknown op/)
    expect(() => new Value(0, [a], '+')).toThrow(/takes 2 operands, but this Value has 1/)
    expect(() => new Value(0, [a, a], 'tanh')).toThrow(/takes 1 operand, but this Value has 2/)
    expect(() => new Value(0, [a, a], '**2')).toThrow(/takes 1 operand/)
  })
})

describe("the notebook's exp bug is not copied", () => {
  it('exp accumulates its gradient instead of overwriting it', () => {
    fc.assert(
      fc.property(num(-3, 3), (x) => {
        expect(gradOf((v) => v.exp().add(v.mul(3)), x)).toBeCloseTo(Math.exp(x) + 3, 10)
        expect(gradOf((v) => v.mul(3).add(v.exp()), x)).toBeCloseTo(Math.exp(x) + 3, 10)
        expect(gradOf((v) => v.exp().add(v.exp()), x)).toBeCloseTo(2 * Math.exp(x), 10)
      }),
      RUNS,
    )
  })
})

describe('topologicalOrder', () => {
  /** A random DAG: leaves, then nodes whose operands are any earlier nodes. */
  const dag = fc
    .record({
      leaves: fc.integer({ min: 1, max: 5 }),
      steps: fc.array(fc.record({ unary: fc.boolean(), a: fc.nat(), b: fc.nat() }), { maxLength: 40 }),
      root: fc.nat(),
    })
    .map(({ leaves, steps, root }) => {
      const nodes = Array.from({ length: leaves }, (_, i) => new Value(i))
      for (const s of steps) {
        const a = nodes[s.a % nodes.length]
        nodes.push(s.unary ? a.tanh() : a.add(nodes[s.b % nodes.length]))
      }
      return { nodes, root: nodes[root % nodes.length] }
    })

  it('lists every ancestor once, each child before its parent, the root last', () => {
    fc.assert(
      fc.property(dag, ({ root }) => {
        const order = topologicalOrder(root)
        const position = new Map(order.map((v, i) => [v, i]))
        expect(position.size).toBe(order.length)
        expect(order[order.length - 1]).toBe(root)
        for (const v of order)
          for (const c of v.children) expect(position.get(c)!).toBeLessThan(position.get(v)!)
        // Exactly the nodes reachable from root.
        const reachable = new Set<Value>([root])
        const stack = [root]
        while (stack.length > 0)
          for (const c of stack.pop()!.children)
            if (!reachable.has(c)) {
              reachable.add(c)
              stack.push(c)
            }
        expect(new Set(order)).toEqual(reachable)
        expect(topologicalOrder(root)).toEqual(order) // walking again gives the same order
      }),
      RUNS,
    )
  })
})

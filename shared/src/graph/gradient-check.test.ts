import { describe, it, expect } from 'vitest'
import { Value, sum } from '../engine/value.ts'
import { MLP, ACTIVATIONS, type Activation } from '../nn/mlp.ts'
import { createRng } from '../random.ts'
import { gradientCheck, gradientCheckNetwork } from './gradient-check.ts'

/** A small network and a few labelled points, all from one seed. */
function setup(activation: Activation, seed: number, outputs = 1) {
  const rng = createRng(seed)
  const net = new MLP(
    2,
    [
      { units: 4, activation },
      { units: 3, activation },
      { units: outputs, activation: 'linear' },
    ],
    rng.next,
  )
  const xs = Array.from({ length: 8 }, () => [rng.uniform(-2, 2), rng.uniform(-2, 2)])
  const labels = xs.map(() => rng.int(outputs === 1 ? 2 : outputs))
  return { net, xs, labels }
}

describe('gradientCheck', () => {
  it('agrees with backward() on an expression that uses every op', () => {
    const f = ([a, b, c]: Value[]) =>
      sum([
        a.mul(b).add(c).tanh(),
        a.sub(c).div(b),
        a.pow(2).add(b.pow(c)),
        a.neg().exp().log(),
        b.relu().add(c.sigmoid()),
        c.leakyRelu(0.1).add(a.softplus()),
        b.abs().mul(3),
      ])
    const result = gradientCheck(f, [0.7, 1.3, -0.4])
    expect(result.passed).toBe(true)
    expect(result.entries).toHaveLength(3)
    expect(result.maxRelativeError).toBeLessThan(1e-6)
    expect(result.output).toBe(f([0.7, 1.3, -0.4].map((x) => new Value(x))).data)
    for (const e of result.entries) {
      expect(Math.abs(e.analytic)).toBeGreaterThan(0.01)
      expect(e.analytic).toBeCloseTo(e.numeric, 6)
      expect(e.relativeError).toBe(
        Math.abs(e.analytic - e.numeric) / Math.max(1e-5, Math.abs(e.analytic) + Math.abs(e.numeric)),
      )
    }
    expect(result.worst!.relativeError).toBe(result.maxRelativeError)
  })

  it('finds nothing wrong in a gradient that is truly zero', () => {
    const result = gradientCheck(([a, b]) => a.mul(b).relu(), [1, -2])
    expect(result.entries.map((e) => [e.analytic, e.numeric])).toEqual([
      [0, 0],
      [0, 0],
    ])
    expect(result.passed).toBe(true)
  })

  it('fails when f reads .data and so cuts the graph', () => {
    // tanh computed on the number: backward() cannot see through it.
    const result = gradientCheck(([w, x]) => new Value(Math.tanh(w.data)).mul(x), [0.5, 2])
    expect(result.passed).toBe(false)
    expect(result.worst!.index).toBe(0)
    expect(result.entries[0].analytic).toBe(0)
    expect(result.entries[0].numeric).toBeCloseTo(2 * (1 - Math.tanh(0.5) ** 2), 6)
    expect(result.maxRelativeError).toBeCloseTo(1, 6)
    expect(result.entries[1].relativeError).toBeLessThan(1e-6)
  })

  it('fails when a node claims the wrong op (sin computed, tanh derivative applied)', () => {
    const result = gradientCheck(([x]) => new Value(Math.sin(x.data), [x], 'tanh'), [1])
    expect(result.passed).toBe(false)
    expect(result.entries[0].analytic).toBeCloseTo(1 - Math.sin(1) ** 2, 12)
    expect(result.entries[0].numeric).toBeCloseTo(Math.cos(1), 6)
    expect(result.maxRelativeError).toBeGreaterThan(0.1)
  })

  it('checks only the indices asked for', () => {
    const result = gradientCheck(([a, b, c]) => a.mul(b).mul(c), [1, 2, 3], { indices: [2, 0] })
    expect(result.entries.map((e) => e.index)).toEqual([2, 0])
    expect(result.entries[0].analytic).toBe(2)
    expect(result.entries[1].analytic).toBe(6)
  })

  it('reports NaN, not a pass, when the output is not a number', () => {
    const result = gradientCheck(([a]) => a.log(), [-1])
    expect(result.maxRelativeError).toBeNaN()
    expect(result.passed).toBe(false)
  })

  it('explains bad input', () => {
    const f = ([a]: Value[]) => a.tanh()
    expect(() => gradientCheck(f, [Number.NaN])).toThrow(/params\[0\] must be a finite number/)
    expect(() => gradientCheck(f, [1], { epsilon: 0 })).toThrow(/epsilon must be a positive number/)
    expect(() => gradientCheck(f, [1], { tolerance: -1 })).toThrow(/tolerance must be a positive number/)
    expect(() => gradientCheck(f, [1], { indices: [1] })).toThrow(
      /index 1 is not a parameter index \(there are 1\)/,
    )
    expect(() => gradientCheck(() => 3 as unknown as Value, [1])).toThrow(/must return a Value/)
    expect(() => gradientCheck(f, 'abc' as unknown as number[])).toThrow(/params must be an array/)
  })
})

describe('gradientCheckNetwork', () => {
  const mse = (xs: number[][], labels: number[]) => (n: MLP) =>
    sum(
      xs.map((x, i) =>
        n
          .forward(x)[0]
          .sub(labels[i] * 2 - 1)
          .pow(2),
      ),
    ).div(xs.length)

  for (const activation of ACTIVATIONS) {
    it(`passes on an MLP with ${activation} layers (mse)`, () => {
      let live = 0
      let checked = 0
      for (const seed of [1, 2, 3]) {
        const { net, xs, labels } = setup(activation, seed)
        const result = gradientCheckNetwork(net, mse(xs, labels))
        expect(result.entries).toHaveLength(net.parameters().length)
        expect(result.passed).toBe(true)
        expect(result.maxRelativeError).toBeLessThan(1e-4)
        live += result.entries.filter((e) => Math.abs(e.analytic) > 1e-3).length
        checked += result.entries.length
      }
      // Most gradients were far from zero (a relu net can have dead units), so the check compared something.
      expect(live).toBeGreaterThan(checked / 2)
    })
  }

  it('passes with the other losses: bce, hinge, cross-entropy, L1 and L2 penalties', () => {
    const { net, xs, labels } = setup('tanh', 5, 3)
    const crossEntropy = (n: MLP) =>
      sum(
        xs.map((x, i) => {
          const out = n.forward(x)
          return sum(out.map((o) => o.exp()))
            .log()
            .sub(out[labels[i]])
        }),
      )
    const oneVsRest = (loss: (margin: Value) => Value) => (n: MLP) =>
      sum(xs.flatMap((x, i) => n.forward(x).map((o, k) => loss(o.mul(k === labels[i] ? 1 : -1)))))
    const bce = oneVsRest((m) => m.neg().softplus())
    const hinge = oneVsRest((m) => m.neg().add(1).relu())
    const penalties = (n: MLP) => sum(n.parameters().map((p) => p.abs().mul(0.01).add(p.pow(2).mul(0.001))))
    for (const loss of [crossEntropy, bce, hinge, penalties])
      expect(gradientCheckNetwork(net, loss).maxRelativeError).toBeLessThan(1e-4)
  })

  it('leaves the network exactly as it found it', () => {
    const { net, xs, labels } = setup('sigmoid', 9)
    for (const p of net.parameters()) p.grad = 0.25
    const before = JSON.stringify(net.toJSON())
    gradientCheckNetwork(net, mse(xs, labels))
    expect(JSON.stringify(net.toJSON())).toBe(before)
    expect(net.parameters().every((p) => p.grad === 0.25)).toBe(true)
  })

  it('fails when the loss goes through a node with a wrong derivative', () => {
    const { net, xs, labels } = setup('relu', 4)
    // A "sigmoid" node whose data is really tanh: its table derivative σ(1 − σ) is wrong here.
    const broken = (n: MLP) =>
      sum(
        xs.map((x, i) => {
          const out = n.forward(x)[0]
          return new Value(Math.tanh(out.data), [out], 'sigmoid').sub(labels[i]).pow(2)
        }),
      )
    const result = gradientCheckNetwork(net, broken)
    expect(result.passed).toBe(false)
    expect(result.maxRelativeError).toBeGreaterThan(0.05)
    // The same loss built honestly passes.
    const honest = (n: MLP) => sum(xs.map((x, i) => n.forward(x)[0].tanh().sub(labels[i]).pow(2)))
    expect(gradientCheckNetwork(net, honest).passed).toBe(true)
  })
})

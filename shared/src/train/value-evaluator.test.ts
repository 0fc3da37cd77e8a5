import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { Value, sum } from '../engine/value.ts'
import { MLP, type LayerSpec } from '../nn/mlp.ts'
import { createRng } from '../random.ts'
import { flattenParameters, shapeOf, unflattenParameters } from './evaluator.ts'
import { Sgd } from './optimizers.ts'
import { valueEvaluator } from './value-evaluator.ts'
import type { LossName } from '../model-file/types.ts'

// The notebook's toy problem: four 3-d examples, targets ±1.
const xs = [
  [2, 3, -1],
  [3, -1, 0.5],
  [0.5, 1, 1],
  [1, 1, -1],
]
const ys = [1, -1, -1, 1]
const labels = Int32Array.from(ys, (t) => (t > 0 ? 1 : 0))
const rowsOf = (n: number) => Int32Array.from({ length: n }, (_, i) => i)
const tanh441: LayerSpec[] = [
  { units: 4, activation: 'tanh' },
  { units: 4, activation: 'tanh' },
  { units: 1, activation: 'tanh' },
]

describe('valueEvaluator', () => {
  it('reproduces the notebook loop exactly: forward, MSE, zero grads, backward, p −= α·grad', () => {
    const seed = 3
    const notebook = new MLP(3, tanh441, createRng(seed).next)
    const mse = (pred: Value[], label: number[]) =>
      sum(pred.map((p, i) => p.sub(label[i]).pow(2))).div(pred.length)
    const alpha = 0.05
    const expected: number[] = []
    for (let step = 0; step < 30; step++) {
      const ypreds = xs.map((x) => notebook.forward(x)[0])
      for (const p of notebook.parameters()) p.grad = 0
      const loss = mse(ypreds, ys)
      loss.backward()
      for (const p of notebook.parameters()) p.data -= alpha * p.grad
      expected.push(loss.data)
    }

    const start = new MLP(3, tanh441, createRng(seed).next).toJSON()
    const params = flattenParameters(start)
    const grad = new Float64Array(params.length)
    const ev = valueEvaluator(shapeOf(start), { loss: 'mse', l1: 0, l2: 0 })
    const sgd = new Sgd(params.length, 0)
    const got: number[] = []
    for (let step = 0; step < 30; step++) {
      got.push(ev.lossAndGrad(params, Float64Array.from(xs.flat()), labels, rowsOf(4), 4, grad).loss)
      sgd.step(params, grad, alpha)
    }
    expect(got).toEqual(expected)
    expect(Array.from(params)).toEqual(notebook.parameters().map((p) => p.data))
  })

  it('drives MLP(3, [4, 4, 1]) to near-zero loss on the notebook examples', () => {
    // The notebook uses α = 0.001 for 2000 steps; α = 0.05 for 300 steps gets there faster.
    const net = new MLP(3, tanh441, createRng(7).next).toJSON()
    const params = flattenParameters(net)
    const grad = new Float64Array(params.length)
    const ev = valueEvaluator(shapeOf(net), { loss: 'mse', l1: 0, l2: 0 })
    const x = Float64Array.from(xs.flat())
    const sgd = new Sgd(params.length, 0)
    let first = NaN
    let last = NaN
    let correct = 0
    for (let step = 0; step < 300; step++) {
      ;({ loss: last, correct } = ev.lossAndGrad(params, x, labels, rowsOf(4), 4, grad))
      if (step === 0) first = last
      sgd.step(params, grad, 0.05)
    }
    expect(first).toBeGreaterThan(0.5)
    expect(last).toBeLessThan(0.01)
    expect(correct).toBe(4)
    const out = new Float64Array(4)
    ev.predict(params, x, 4, out)
    out.forEach((o, i) => expect(Math.abs(o - ys[i])).toBeLessThan(0.15))
  })

  it('gradients match finite differences for every loss, with L1 and L2', () => {
    const shape = {
      inputs: 2,
      layers: [
        { units: 3, activation: 'tanh' as const },
        { units: 3, activation: 'linear' as const },
      ],
    }
    const net = new MLP(2, shape.layers, createRng(11).next).toJSON()
    const params = flattenParameters(net)
    const x = Float64Array.of(0.5, -1, 1.5, 0.2, -0.7, 0.9)
    const y = Int32Array.of(2, 0, 1)
    for (const loss of ['mse', 'hinge', 'bce', 'cross_entropy'] as LossName[]) {
      const ev = valueEvaluator(shape, { loss, l1: 0.01, l2: 0.05 })
      const grad = new Float64Array(params.length)
      ev.lossAndGrad(params, x, y, Int32Array.of(2, 0), 2, grad)
      const h = 1e-6
      for (let i = 0; i < params.length; i++) {
        const p = Float64Array.from(params)
        p[i] += h
        const up = ev.lossAndGrad(p, x, y, Int32Array.of(2, 0), 2, null).loss
        p[i] -= 2 * h
        const down = ev.lossAndGrad(p, x, y, Int32Array.of(2, 0), 2, null).loss
        expect(grad[i], `${loss}, parameter ${i}`).toBeCloseTo((up - down) / (2 * h), 5)
      }
    }
  })

  it('uses only the listed rows, in order, and counts correct ones', () => {
    const net = new MLP(2, [{ units: 1, activation: 'linear' }], createRng(1).next).toJSON()
    net.layers[0].weights = [[1, 0]]
    net.layers[0].biases = [0]
    const ev = valueEvaluator(shapeOf(net), { loss: 'mse', l1: 0, l2: 0 })
    const x = Float64Array.of(2, 9, -1, 9, 3, 9) // outputs 2, −1, 3
    const y = Int32Array.of(1, 1, 0)
    const r = ev.lossAndGrad(flattenParameters(net), x, y, Int32Array.of(2, 1), 2, null)
    expect(r.loss).toBeCloseTo(((3 + 1) ** 2 + (-1 - 1) ** 2) / 2, 12)
    expect(r.correct).toBe(0)
  })

  it('predict equals the Value graph forward exactly, for every activation', () => {
    const layers: LayerSpec[] = [
      { units: 3, activation: 'relu' },
      { units: 2, activation: 'sigmoid' },
      { units: 3, activation: 'leaky_relu' },
      { units: 2, activation: 'tanh' },
      { units: 2, activation: 'linear' },
    ]
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e6 }),
        fc.double({ min: -5, max: 5, noNaN: true }),
        (seed, x0) => {
          const mlp = new MLP(2, layers, createRng(seed).next)
          const ev = valueEvaluator(shapeOf(mlp.toJSON()), { loss: 'mse', l1: 0, l2: 0 })
          const out = new Float64Array(2)
          ev.predict(flattenParameters(mlp.toJSON()), Float64Array.of(x0, 1 - x0), 1, out)
          expect(Array.from(out)).toEqual(mlp.forward([x0, 1 - x0]).map((v) => v.data))
        },
      ),
      { numRuns: 30 },
    )
  })

  it('flattens parameters in MLP.parameters() order and back', () => {
    const mlp = new MLP(
      2,
      [
        { units: 3, activation: 'tanh' },
        { units: 2, activation: 'linear' },
      ],
      createRng(4).next,
    )
    const json = mlp.toJSON()
    const flat = flattenParameters(json)
    expect(Array.from(flat)).toEqual(mlp.parameters().map((p) => p.data))
    expect(unflattenParameters(shapeOf(json), json.inputs, flat)).toEqual(json)
  })

  it('refuses cross-entropy on one output and a wrong parameter count', () => {
    const shape = { inputs: 2, layers: [{ units: 1, activation: 'linear' as const }] }
    expect(() => valueEvaluator(shape, { loss: 'cross_entropy', l1: 0, l2: 0 })).toThrow(/two output units/)
    const ev = valueEvaluator(shape, { loss: 'mse', l1: 0, l2: 0 })
    expect(() => ev.predict(new Float64Array(2), new Float64Array(2), 1, new Float64Array(1))).toThrow(
      /Expected 3 parameters/,
    )
  })
})

import { describe, expect, it } from 'vitest'
import { createRng } from '../random.ts'
import { Value } from '../engine/value.ts'
import { MLP, initLayer, parameterCount } from './mlp.ts'

describe('MLP', () => {
  it('computes act(((w0*x0 + w1*x1) + ...) + b) per neuron, layer by layer', () => {
    const net = MLP.fromJSON({
      inputs: ['x1', 'x2'],
      layers: [
        {
          activation: 'tanh',
          weights: [
            [0.5, -1],
            [2, 0.25],
          ],
          biases: [0.1, -0.2],
        },
        { activation: 'linear', weights: [[1.5, -0.5]], biases: [0.3] },
      ],
    })
    const [x1, x2] = [0.7, -1.3]
    const h1 = Math.tanh(0.5 * x1 + -1 * x2 + 0.1)
    const h2 = Math.tanh(2 * x1 + 0.25 * x2 + -0.2)
    const [out] = net.forward([x1, x2])
    expect(out.data).toBe(1.5 * h1 + -0.5 * h2 + 0.3)
  })

  it('lists parameters per layer, per neuron: weights then bias', () => {
    const net = new MLP(2, [
      { units: 3, activation: 'relu' },
      { units: 1, activation: 'linear' },
    ])
    const json = net.toJSON()
    const expected = json.layers.flatMap((l) => l.weights.flatMap((row, j) => [...row, l.biases[j]]))
    expect(net.parameters().map((p) => p.data)).toEqual(expected)
    expect(net.parameters()).toHaveLength(parameterCount(json))
    expect(parameterCount(json)).toBe(2 * 3 + 3 + 3 * 1 + 1)
  })

  it('round-trips through toJSON / fromJSON with identical outputs', () => {
    const net = new MLP(
      3,
      [
        { units: 4, activation: 'tanh' },
        { units: 4, activation: 'sigmoid' },
        { units: 2, activation: 'leaky_relu' },
      ],
      createRng(5).next,
    )
    const copy = MLP.fromJSON(JSON.parse(JSON.stringify(net.toJSON())))
    expect(copy.toJSON()).toEqual(net.toJSON())
    const x = [0.3, -2, 1.1]
    expect(copy.forward(x).map((v) => v.data)).toEqual(net.forward(x).map((v) => v.data))
  })

  it('is reproducible from a seeded generator', () => {
    const make = () =>
      new MLP(
        2,
        [
          { units: 4, activation: 'tanh' },
          { units: 1, activation: 'tanh' },
        ],
        createRng(9).next,
      )
    expect(make().toJSON()).toEqual(make().toJSON())
  })

  it('zeroGrad clears every parameter gradient after backward', () => {
    const net = new MLP(
      2,
      [
        { units: 2, activation: 'tanh' },
        { units: 1, activation: 'linear' },
      ],
      createRng(1).next,
    )
    net.forward([new Value(1), new Value(2)])[0].backward()
    expect(net.parameters().some((p) => p.grad !== 0)).toBe(true)
    net.zeroGrad()
    expect(net.parameters().every((p) => p.grad === 0)).toBe(true)
  })

  it('refuses layers without units and networks without inputs', () => {
    expect(() => new MLP(2, [{ units: 0, activation: 'tanh' }])).toThrow(/at least one unit/)
    expect(() => new MLP(0, [{ units: 1, activation: 'tanh' }])).toThrow(/at least one input/)
  })
})

describe('initLayer', () => {
  const rng = createRng(11)
  const spread = (l: { weights: number[][] }) => {
    const ws = l.weights.flat()
    return Math.sqrt(ws.reduce((s, w) => s + w * w, 0) / ws.length)
  }

  it('draws the notebook uniform(-1, 1) for weights and biases', () => {
    const l = initLayer(50, 50, 'uniform', rng.next)
    expect(l.weights.flat().every((w) => w >= -1 && w < 1)).toBe(true)
    expect(l.biases.some((b) => b !== 0)).toBe(true)
    expect(spread(l)).toBeCloseTo(1 / Math.sqrt(3), 1)
  })

  it('scales Xavier by fan-in + fan-out and He by fan-in, with zero biases', () => {
    const xavier = initLayer(64, 64, 'xavier', rng.next)
    expect(spread(xavier)).toBeCloseTo(Math.sqrt(2 / 128), 2)
    expect(xavier.biases.every((b) => b === 0)).toBe(true)
    const he = initLayer(64, 64, 'he', rng.next)
    expect(spread(he)).toBeCloseTo(Math.sqrt(2 / 64), 1)
  })
})

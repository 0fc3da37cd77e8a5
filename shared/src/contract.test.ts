/**
 * The contract of DESIGN.md ("Public API of shared/" and "Model file, version 1"), checked the way a
 * test outside the project would: only through `./index.ts` (plus DESIGN.md's example text from the
 * fixtures), with expected numbers worked out here by hand (plain arithmetic, or the public Value
 * engine for gradients).
 */
import { describe, it, expect } from 'vitest'
import {
  MLP,
  ModelFileError,
  TrainingSession,
  Value,
  parseModelFile,
  serializeModelFile,
  type Activation,
  type EpochMetrics,
  type ModelFile,
  type NetworkJSON,
} from './index.ts'
import { DESIGN_EXAMPLE_TEXT } from './model-file/fixtures.ts'

/** A parsed JSON file being edited into a bad one: any shape goes. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = any

/** DESIGN.md's example model file, verbatim (kept once, in the model-file fixtures). */
const DESIGN_EXAMPLE = DESIGN_EXAMPLE_TEXT

/** A small seeded generator of our own (an LCG), uniform in [0, 1). */
function lcg(seed: number): () => number {
  let s = seed >>> 0
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0
    return s / 4294967296
  }
}

const close = (actual: number, expected: number, tolerance = 1e-12) =>
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(tolerance * Math.max(1, Math.abs(expected)))

// ---------- hand computations on plain numbers ----------

function act(s: number, a: Activation): number {
  if (a === 'tanh') return Math.tanh(s)
  if (a === 'relu') return s > 0 ? s : 0
  if (a === 'sigmoid') return 1 / (1 + Math.exp(-s))
  if (a === 'linear') return s
  throw new Error(`no hand formula for ${a}`)
}

/** act(((w0*x0 + w1*x1) + ...) + b), layer after layer. */
function handForward(n: NetworkJSON, x: number[]): number[] {
  let xs = x
  for (const l of n.layers)
    xs = l.weights.map((row, j) => {
      let s = row[0] * xs[0]
      for (let k = 1; k < row.length; k++) s = s + row[k] * xs[k]
      return act(s + l.biases[j], l.activation)
    })
  return xs
}

function target(label: number, unit: number, outputs: number): number {
  if (outputs === 1) return label === 1 ? 1 : -1
  return label === unit ? 1 : -1
}

function handSampleLoss(loss: string, out: number[], label: number): number {
  const K = out.length
  if (loss === 'cross_entropy') {
    const m = Math.max(...out)
    const lse = Math.log(out.reduce((s, o) => s + Math.exp(o - m), 0)) + m
    return lse - out[label]
  }
  let total = 0
  out.forEach((o, u) => {
    const t = target(label, u, K)
    if (loss === 'mse') total += (o - t) ** 2
    else if (loss === 'hinge') total += Math.max(0, 1 - t * o)
    else total += Math.log(1 + Math.exp(-t * o))
  })
  return total
}

function predicted(out: number[]): number {
  if (out.length === 1) return out[0] > 0 ? 1 : 0
  let best = 0
  for (let u = 1; u < out.length; u++) if (out[u] > out[best]) best = u
  return best
}

function flat(n: NetworkJSON): number[] {
  return n.layers.flatMap((l) => l.weights.flatMap((row, j) => [...row, l.biases[j]]))
}

/** Mean loss (+ regularization) and accuracy of a network on points, by hand. */
function handLoss(
  n: NetworkJSON,
  points: number[][],
  loss: string,
  l1 = 0,
  l2 = 0,
): { loss: number; accuracy: number } {
  let total = 0
  let correct = 0
  for (const [x1, x2, c] of points) {
    const out = handForward(n, [x1, x2])
    total += handSampleLoss(loss, out, c)
    if (predicted(out) === c) correct++
  }
  const p = flat(n)
  const reg = l2 * p.reduce((s, w) => s + w * w, 0) + l1 * p.reduce((s, w) => s + Math.abs(w), 0)
  return { loss: total / points.length + reg, accuracy: correct / points.length }
}

/** d(mean loss + regularization)/d(parameter), in parameters() order, through the public Value engine. */
function engineGrad(n: NetworkJSON, points: number[][], loss: string, l1 = 0, l2 = 0): number[] {
  const mlp = MLP.fromJSON(n)
  const params = mlp.parameters()
  let total: Value | null = null
  for (const [x1, x2, c] of points) {
    const out = mlp.forward([x1, x2])
    const K = out.length
    let term: Value
    if (loss === 'cross_entropy') {
      const m = Math.max(...out.map((o) => o.data))
      let s = out[0].sub(m).exp()
      for (let u = 1; u < K; u++) s = s.add(out[u].sub(m).exp())
      term = s.log().add(m).sub(out[c])
    } else {
      const terms = out.map((o, u) => {
        const t = target(c, u, K)
        if (loss === 'mse') return o.sub(t).pow(2)
        if (loss === 'hinge') return o.mul(-t).add(1).relu()
        return o.mul(-t).exp().add(1).log()
      })
      term = terms.reduce((a, b) => a.add(b))
    }
    total = total === null ? term : total.add(term)
  }
  let objective = total!.div(points.length)
  if (l2 !== 0)
    objective = objective.add(
      params
        .map((p) => p.pow(2))
        .reduce((a, b) => a.add(b))
        .mul(l2),
    )
  if (l1 !== 0)
    objective = objective.add(
      params
        .map((p) => p.relu().add(p.neg().relu())) // |p|, from public ops only
        .reduce((a, b) => a.add(b))
        .mul(l1),
    )
  objective.backward()
  return params.map((p) => p.grad)
}

function withParams(n: NetworkJSON, p: number[]): NetworkJSON {
  let i = 0
  return {
    inputs: [...n.inputs],
    layers: n.layers.map((l) => {
      const weights: number[][] = []
      const biases: number[] = []
      l.weights.forEach((row) => {
        weights.push(row.map(() => p[i++]))
        biases.push(p[i++])
      })
      return { activation: l.activation, weights, biases }
    }),
  }
}

// ---------- model files for the session ----------

const NET_2_3_1: NetworkJSON = {
  inputs: ['x1', 'x2'],
  layers: [
    {
      activation: 'tanh',
      weights: [
        [0.3, -0.6],
        [0.8, 0.2],
        [-0.4, 0.5],
      ],
      biases: [0.1, -0.2, 0.05],
    },
    { activation: 'linear', weights: [[0.7, -0.3, 0.9]], biases: [0.15] },
  ],
}

const NET_2_3: NetworkJSON = {
  inputs: ['x1', 'x2'],
  layers: [
    {
      activation: 'linear',
      weights: [
        [0.4, -0.3],
        [-0.2, 0.6],
        [0.1, 0.1],
      ],
      biases: [0.05, -0.1, 0.2],
    },
  ],
}

const POINTS2 = [
  [0.5, -1.0, 0],
  [1.5, 0.25, 1],
  [-0.75, 0.5, 1],
]
const POINTS3 = [
  [0.5, -1.0, 0],
  [1.5, 0.25, 1],
  [-0.75, 0.5, 2],
  [0.2, 0.9, 1],
]

function modelFile(over: {
  network?: NetworkJSON
  classes?: string[]
  train?: number[][]
  test?: number[][]
  loss?: ModelFile['training']['loss']
  optimizer?: ModelFile['training']['optimizer']
  schedule?: ModelFile['training']['schedule']
  batchSize?: number | null
  l1?: number
  l2?: number
  seed?: number
}): ModelFile {
  return {
    format: 'backprop-studio/model',
    version: 1,
    name: 'contract',
    network: structuredClone(over.network ?? NET_2_3_1),
    dataset: {
      classes: over.classes ?? ['a', 'b'],
      train: structuredClone(over.train ?? POINTS2) as [number, number, number][],
      test: structuredClone(over.test ?? []) as [number, number, number][],
    },
    training: {
      loss: over.loss ?? 'mse',
      optimizer: over.optimizer ?? { type: 'sgd', learningRate: 0.1, momentum: 0 },
      schedule: over.schedule ?? { type: 'constant' },
      batchSize: over.batchSize === undefined ? null : over.batchSize,
      l1: over.l1 ?? 0,
      l2: over.l2 ?? 0,
      seed: over.seed ?? 7,
      epoch: 0,
    },
    history: [],
  }
}

const paramsOf = (s: TrainingSession) => flat(s.toModelFile().network)

// =====================================================================

describe('Value', () => {
  it('constructor(data, children?, op?, label?) and its fields', () => {
    const a = new Value(2)
    expect([a.data, a.grad, a.label, a.op, a.children.length]).toEqual([2, 0, '', '', 0])
    const b = new Value(-3, undefined, undefined, 'b')
    expect(b.label).toBe('b')
    const c = new Value(-1, [a, b], '+', 'c')
    expect(c.children).toEqual([a, b])
    expect(c.children[0]).toBe(a)
    expect(c.op).toBe('+')
    expect(c.label).toBe('c')
    c.label = 'renamed'
    c.data = 10
    c.grad = 0.5
    expect([c.label, c.data, c.grad]).toEqual(['renamed', 10, 0.5])
    expect(a.add(b).children).toEqual([a, b])
    expect(a.add(b).op).not.toBe('')
    expect(a.tanh().children).toEqual([a])
  })

  it('add, sub, mul, div with Values: data and gradients', () => {
    const cases: [(a: Value, b: Value) => Value, number, number, number][] = [
      // op, data, d/da, d/db at a = 3, b = -4
      [(a, b) => a.add(b), -1, 1, 1],
      [(a, b) => a.sub(b), 7, 1, -1],
      [(a, b) => a.mul(b), -12, -4, 3],
      [(a, b) => a.div(b), -0.75, -0.25, -3 / 16],
    ]
    for (const [f, data, da, db] of cases) {
      const a = new Value(3)
      const b = new Value(-4)
      const out = f(a, b)
      expect(out.data).toBe(data)
      out.backward()
      close(a.grad, da)
      close(b.grad, db)
    }
  })

  it('numbers as operands', () => {
    const a = new Value(3)
    expect(a.add(2).data).toBe(5)
    expect(a.sub(2).data).toBe(1)
    expect(a.mul(2).data).toBe(6)
    expect(a.div(2).data).toBe(1.5)
    expect(a.pow(2).data).toBe(9)
    const out = a.mul(2).add(1).div(4).sub(5) // (2a + 1)/4 − 5
    out.backward()
    close(a.grad, 0.5)
  })

  it('pow: a number exponent, and a Value exponent with d/db a^b = a^b ln a', () => {
    const a = new Value(2)
    const p = a.pow(3)
    expect(p.data).toBe(8)
    p.backward()
    close(a.grad, 12)

    const x = new Value(2)
    const y = new Value(3)
    const q = x.pow(y)
    expect(q.data).toBe(8)
    q.backward()
    close(x.grad, 3 * 2 ** 2)
    close(y.grad, 8 * Math.log(2))

    const r = new Value(1.7)
    const s = new Value(-0.6)
    const t = r.pow(s)
    t.backward()
    close(t.data, 1.7 ** -0.6)
    close(r.grad, -0.6 * 1.7 ** -1.6)
    close(s.grad, 1.7 ** -0.6 * Math.log(1.7))
  })

  it('neg, exp, log, tanh, relu, sigmoid: data and gradients', () => {
    const sig = (x: number) => 1 / (1 + Math.exp(-x))
    const cases: [(v: Value) => Value, number, number, number][] = [
      [(v) => v.neg(), 0.7, -0.7, -1],
      [(v) => v.exp(), 0.7, Math.exp(0.7), Math.exp(0.7)],
      [(v) => v.log(), 0.7, Math.log(0.7), 1 / 0.7],
      [(v) => v.tanh(), 0.7, Math.tanh(0.7), 1 - Math.tanh(0.7) ** 2],
      [(v) => v.tanh(), -2, Math.tanh(-2), 1 - Math.tanh(-2) ** 2],
      [(v) => v.relu(), 0.7, 0.7, 1],
      [(v) => v.relu(), -0.7, 0, 0],
      [(v) => v.sigmoid(), 0.7, sig(0.7), sig(0.7) * (1 - sig(0.7))],
      [(v) => v.sigmoid(), -3, sig(-3), sig(-3) * (1 - sig(-3))],
    ]
    for (const [f, x, data, grad] of cases) {
      const v = new Value(x)
      const out = f(v)
      close(out.data, data)
      out.backward()
      close(v.grad, grad)
    }
  })

  it('exp accumulates its gradient (the notebook bug is not copied)', () => {
    const a = new Value(0.5)
    const out = a.exp().add(a.mul(3)) // d/da = e^a + 3
    out.backward()
    close(a.grad, Math.exp(0.5) + 3)
    const b = new Value(0.3)
    const e = b.exp()
    const twice = e.add(e) // e used twice
    twice.backward()
    close(b.grad, 2 * Math.exp(0.3))
  })

  it('backward sets the root grad to 1 and a reused node gets the sum of its paths', () => {
    const a = new Value(-2)
    const b = new Value(3)
    const d = a.mul(b)
    const e = a.add(b)
    const f = d.mul(e) // (ab)(a+b): d/da = b(a+b) + ab, d/db = a(a+b) + ab
    f.backward()
    expect(f.grad).toBe(1)
    close(a.grad, 3 * 1 + -6)
    close(b.grad, -2 * 1 + -6)
    const g = a.add(a)
    a.grad = 0
    g.backward()
    expect(a.grad).toBe(2)
  })

  it('grads accumulate across backward() calls until zeroed', () => {
    const a = new Value(1.5)
    const b = new Value(-0.5)
    const out = a.mul(b).tanh()
    out.backward()
    const ga = a.grad
    const gb = b.grad
    out.backward()
    expect(out.grad).toBe(1)
    close(a.grad, 2 * ga)
    close(b.grad, 2 * gb)
    a.grad = 0
    b.grad = 0
    out.backward()
    close(a.grad, ga)
    close(b.grad, gb)
  })

  it('backward is iterative: a chain 30,000 nodes deep (far past any call-stack limit)', () => {
    const x = new Value(0.001)
    let v = x
    for (let i = 0; i < 30_000; i++) v = v.add(1)
    const out = v.mul(2)
    expect(() => out.backward()).not.toThrow()
    expect(x.grad).toBe(2)
    close(out.data, 2 * (0.001 + 30_000), 1e-9)
  })
})

describe('MLP', () => {
  const ACTS: Activation[] = ['linear', 'tanh', 'relu', 'sigmoid', 'leaky_relu']

  it('builds from (inputs, layers, random): parameter count and reproducible draws', () => {
    const spec = [
      { units: 4, activation: 'tanh' as const },
      { units: 2, activation: 'linear' as const },
    ]
    const a = new MLP(3, spec, lcg(1))
    const b = new MLP(3, spec, lcg(1))
    const c = new MLP(3, spec, lcg(2))
    expect(a.parameters()).toHaveLength(4 * (3 + 1) + 2 * (4 + 1))
    expect(a.parameters().map((p) => p.data)).toEqual(b.parameters().map((p) => p.data))
    expect(a.parameters().map((p) => p.data)).not.toEqual(c.parameters().map((p) => p.data))
    expect(new MLP(2, [{ units: 1, activation: 'tanh' }]).parameters()).toHaveLength(3) // random optional
  })

  it('accepts every Activation name', () => {
    for (const activation of ACTS) {
      const mlp = new MLP(2, [{ units: 2, activation }], lcg(3))
      const out = mlp.forward([0.5, -0.25])
      expect(out).toHaveLength(2)
      expect(out.every((o) => Number.isFinite(o.data))).toBe(true)
      expect(mlp.toJSON().layers[0].activation).toBe(activation)
    }
    // leaky_relu passes positives through and shrinks negatives, keeping their sign.
    const n: NetworkJSON = {
      inputs: ['x1'],
      layers: [{ activation: 'leaky_relu', weights: [[1], [-1]], biases: [0, 0] }],
    }
    const [pos, neg] = MLP.fromJSON(n).forward([2])
    expect(pos.data).toBe(2)
    expect(neg.data).toBeLessThan(0)
    expect(neg.data).toBeGreaterThan(-2)
  })

  it('neuron output is act(((w0*x0 + w1*x1) + ...) + b), bit for bit', () => {
    for (const [activation, seed] of [
      ['tanh', 11],
      ['relu', 12],
      ['linear', 13],
    ] as const) {
      const mlp = new MLP(
        5,
        [
          { units: 4, activation },
          { units: 3, activation },
          { units: 2, activation: 'linear' },
        ],
        lcg(seed),
      )
      const rand = lcg(seed + 100)
      for (let t = 0; t < 5; t++) {
        const x = Array.from({ length: 5 }, () => rand() * 4 - 2)
        expect(mlp.forward(x).map((o) => o.data)).toEqual(handForward(mlp.toJSON(), x))
      }
    }
    const sig = new MLP(3, [{ units: 2, activation: 'sigmoid' }], lcg(5))
    const got = sig.forward([0.3, -1.2, 2]).map((o) => o.data)
    handForward(sig.toJSON(), [0.3, -1.2, 2]).forEach((e, i) => close(got[i], e, 1e-15))
  })

  it('forward takes numbers or Values; gradients flow back into Value inputs', () => {
    const mlp = new MLP(2, [{ units: 1, activation: 'tanh' }], lcg(9))
    const x0 = new Value(0.4)
    const x1 = new Value(-0.9)
    const fromValues = mlp.forward([x0, x1])
    const fromNumbers = mlp.forward([0.4, -0.9])
    const mixed = mlp.forward([x0, -0.9])
    expect(fromValues[0].data).toBe(fromNumbers[0].data)
    expect(mixed[0].data).toBe(fromNumbers[0].data)
    fromValues[0].backward()
    const [w0, w1] = mlp.parameters()
    const slope = 1 - fromValues[0].data ** 2
    close(x0.grad, w0.data * slope)
    close(x1.grad, w1.data * slope)
  })

  it('parameters(): per layer, per neuron, weights then bias; the very Values forward uses', () => {
    const mlp = new MLP(
      2,
      [
        { units: 3, activation: 'tanh' },
        { units: 2, activation: 'linear' },
      ],
      lcg(21),
    )
    const json = mlp.toJSON()
    expect(mlp.parameters().map((p) => p.data)).toEqual(flat(json))
    const params = mlp.parameters()
    params[2].data = 0.25 // layer 0, neuron 0, bias
    params[params.length - 1].data = -0.5 // last layer, last neuron, bias
    const edited = mlp.toJSON()
    expect(edited.layers[0].biases[0]).toBe(0.25)
    expect(edited.layers[1].biases[1]).toBe(-0.5)
    expect(mlp.forward([0.1, 0.2]).map((o) => o.data)).toEqual(handForward(edited, [0.1, 0.2]))
  })

  it('backward through a network matches finite differences; zeroGrad clears every grad', () => {
    const mlp = new MLP(
      2,
      [
        { units: 3, activation: 'tanh' },
        { units: 1, activation: 'tanh' },
      ],
      lcg(31),
    )
    const out = mlp.forward([0.7, -0.2])[0]
    out.backward()
    const params = mlp.parameters()
    const h = 1e-6
    params.forEach((p) => {
      const keep = p.data
      p.data = keep + h
      const up = mlp.forward([0.7, -0.2])[0].data
      p.data = keep - h
      const down = mlp.forward([0.7, -0.2])[0].data
      p.data = keep
      expect(Math.abs(p.grad - (up - down) / (2 * h))).toBeLessThan(1e-7)
    })
    expect(params.some((p) => p.grad !== 0)).toBe(true)
    mlp.zeroGrad()
    expect(mlp.parameters().every((p) => p.grad === 0)).toBe(true)
  })

  it('toJSON / fromJSON round trip: same weights, same outputs; weights[j][k] is input k → neuron j', () => {
    const mlp = new MLP(
      2,
      [
        { units: 4, activation: 'relu' },
        { units: 1, activation: 'sigmoid' },
      ],
      lcg(41),
    )
    const json = mlp.toJSON()
    expect(json.inputs).toHaveLength(2)
    expect(json.layers.map((l) => [l.weights.length, l.weights[0].length, l.biases.length])).toEqual([
      [4, 2, 4],
      [1, 4, 1],
    ])
    const copy = MLP.fromJSON(JSON.parse(JSON.stringify(json)) as NetworkJSON)
    expect(copy.toJSON()).toEqual(json)
    expect(copy.forward([0.3, -0.8]).map((o) => o.data)).toEqual(mlp.forward([0.3, -0.8]).map((o) => o.data))
    const design = parseModelFile(DESIGN_EXAMPLE).network
    expect(MLP.fromJSON(design).toJSON()).toEqual(design)
  })
})

describe('model file', () => {
  const example = () => JSON.parse(DESIGN_EXAMPLE) as Loose
  const refuse = (edit: (f: Loose) => void): ModelFileError => {
    const f = example()
    edit(f)
    try {
      parseModelFile(JSON.stringify(f))
    } catch (e) {
      expect(e).toBeInstanceOf(ModelFileError)
      return e as ModelFileError
    }
    throw new Error('expected a ModelFileError')
  }

  it("parses DESIGN.md's example verbatim", () => {
    const f = parseModelFile(DESIGN_EXAMPLE)
    expect(f.format).toBe('backprop-studio/model')
    expect(f.version).toBe(1)
    expect(f.name).toBe('moons, 2-4-1 tanh')
    expect(f.network.inputs).toEqual(['x1', 'x2'])
    expect(f.network.layers[0].weights).toEqual([
      [0.12, -0.5],
      [0.3, 0.9],
      [-0.7, 0.1],
      [0.05, 0.4],
    ])
    expect(f.network.layers[1]).toEqual({ activation: 'tanh', weights: [[0.2, -0.1, 0.6, 0.3]], biases: [0] })
    expect(f.dataset).toEqual({
      classes: ['blue', 'orange'],
      train: [
        [0.1, 0.9, 0],
        [1.2, -0.4, 1],
      ],
      test: [],
    })
    expect(f.training).toMatchObject({
      loss: 'mse',
      optimizer: { type: 'sgd', learningRate: 0.01, momentum: 0 },
      schedule: { type: 'constant' },
      batchSize: null,
      l1: 0,
      l2: 0,
      seed: 42,
      epoch: 0,
    })
    expect(f.history).toEqual([{ epoch: 1, trainLoss: 0.98, trainAccuracy: 0.5 }])
  })

  it('serializeModelFile round trips, after training too', () => {
    const f = parseModelFile(DESIGN_EXAMPLE)
    expect(parseModelFile(serializeModelFile(f))).toEqual(f)
    const s = TrainingSession.fromModelFile(
      modelFile({
        optimizer: {
          type: 'adam',
          learningRate: 0.01,
          beta1: 0.9,
          beta2: 0.999,
          epsilon: 1e-8,
          weightDecay: 0.01,
        },
        batchSize: 2,
        test: POINTS2,
      }),
    )
    s.step(3)
    const saved = s.toModelFile()
    expect(parseModelFile(serializeModelFile(saved))).toEqual(parseModelFile(JSON.stringify(saved)))
  })

  it('names the bad field: a row of the wrong length', () => {
    const e = refuse((f) => (f.network.layers[1].weights[0] = [0.2, -0.1, 0.6]))
    expect(e.message).toContain('network.layers[1].weights[0] has 3 numbers, expected 4')
  })

  it.each([
    ['a wrong type', (f: Loose) => (f.name = 5), 'name'],
    ['a missing field', (f: Loose) => delete f.training.seed, 'training.seed'],
    [
      'too few biases',
      (f: Loose) => (f.network.layers[0].biases = [0, 0.1, -0.2]),
      'network.layers[0].biases',
    ],
    [
      'a layer with no units',
      (f: Loose) => (f.network.layers[1] = { activation: 'tanh', weights: [], biases: [] }),
      'network.layers[1]',
    ],
    [
      'an unknown activation',
      (f: Loose) => (f.network.layers[0].activation = 'swish'),
      'network.layers[0].activation',
    ],
    [
      'a learning rate of 0',
      (f: Loose) => (f.training.optimizer.learningRate = 0),
      'training.optimizer.learningRate',
    ],
    ['a negative l1', (f: Loose) => (f.training.l1 = -0.1), 'training.l1'],
    ['a negative l2', (f: Loose) => (f.training.l2 = -1), 'training.l2'],
    [
      'a negative momentum',
      (f: Loose) => (f.training.optimizer.momentum = -0.5),
      'training.optimizer.momentum',
    ],
    ['a batch size of 0', (f: Loose) => (f.training.batchSize = 0), 'training.batchSize'],
    ['a fractional batch size', (f: Loose) => (f.training.batchSize = 1.5), 'training.batchSize'],
    ['an unknown format', (f: Loose) => (f.format = 'someone-else/model'), 'format'],
    ['an unknown loss', (f: Loose) => (f.training.loss = 'mae'), 'training.loss'],
    ['a class index out of range', (f: Loose) => (f.dataset.train[1][2] = 2), 'dataset.train[1]'],
  ])('names the bad field: %s', (_what, edit, field) => {
    const e = refuse(edit)
    expect(e.message).toContain(field)
  })

  it('a non-finite number is refused, naming the field', () => {
    const text = DESIGN_EXAMPLE.replace('"learningRate": 0.01', '"learningRate": 1e400')
    expect(() => parseModelFile(text)).toThrow(ModelFileError)
    expect(() => parseModelFile(text)).toThrow(/training\.optimizer\.learningRate/)
    const weight = DESIGN_EXAMPLE.replace('[0.3, 0.9]', '[0.3, -1e999]')
    expect(() => parseModelFile(weight)).toThrow(/network\.layers\[0\]\.weights\[1\]/)
  })

  it('text that is not JSON, or not an object, is a ModelFileError', () => {
    for (const text of ['', '{', 'null', '[]', '42', DESIGN_EXAMPLE.slice(0, 200)])
      expect(() => parseModelFile(text)).toThrow(ModelFileError)
  })

  it('a newer version is refused', () => {
    const e = refuse((f) => (f.version = 2))
    expect(e.message).toMatch(/version/)
    expect(e.message).toMatch(/newer/)
  })

  it('unknown fields are never an error', () => {
    const f = example()
    f.comment = 'hello'
    f.network.note = { nested: [1, 2, { deep: true }] }
    f.network.layers[0].dropout = 0.5
    f.dataset.source = 'moons'
    f.training.warmup = 3
    f.training.optimizer.nesterov = true
    f.training.schedule.shape = 'linear-ish'
    f.history[0].learningRate = 0.01
    const parsed = parseModelFile(JSON.stringify(f))
    expect(parsed.network.layers).toEqual(parseModelFile(DESIGN_EXAMPLE).network.layers)
    expect(() => serializeModelFile(parsed)).not.toThrow()
    expect(() => TrainingSession.fromModelFile(parsed).step(1)).not.toThrow()
  })
})

describe('TrainingSession', () => {
  it("DESIGN.md's example: step(n) returns EpochMetrics, history grows, toModelFile saves and reopens", () => {
    const file = parseModelFile(DESIGN_EXAMPLE)
    const s = TrainingSession.fromModelFile(file)
    const expected = handLoss(file.network, file.dataset.train, 'mse')
    const [m] = s.step()
    expect(m.epoch).toBe(1)
    close(m.trainLoss, expected.loss)
    expect(m.trainAccuracy).toBe(expected.accuracy)
    expect(m.testLoss).toBeUndefined()
    expect(m.testAccuracy).toBeUndefined()
    const more = s.step(2)
    expect(more.map((e) => e.epoch)).toEqual([2, 3])
    // One entry per epoch done: the file's stale entry for epoch 1 (with epoch 0 done) is replaced.
    expect(s.history).toEqual([m, ...more])
    const saved = s.toModelFile()
    expect(saved.training.epoch).toBe(3)
    expect(saved.history).toEqual([m, ...more])
    // Saving the example after training, then opening it again, must work.
    const reopened = parseModelFile(serializeModelFile(saved))
    expect(reopened.training.epoch).toBe(3)
    expect(TrainingSession.fromModelFile(reopened).step(1)[0].epoch).toBe(4)
  })

  it('history: one entry per epoch done; step(0) does nothing', () => {
    const s = TrainingSession.fromModelFile(modelFile({}))
    expect(s.history).toHaveLength(0)
    expect(s.step(0)).toEqual([])
    const done = s.step(4)
    expect(done.map((m) => m.epoch)).toEqual([1, 2, 3, 4])
    expect(s.history).toEqual(done)
    const f = s.toModelFile()
    expect(f.training.epoch).toBe(4)
    expect(f.history).toEqual(done)
  })

  it.each(['mse', 'hinge', 'bce'] as const)(
    'binary %s: first trainLoss by hand, before the update',
    (loss) => {
      const file = modelFile({ loss })
      const expected = handLoss(file.network, file.dataset.train, loss)
      const [m] = TrainingSession.fromModelFile(file).step(1)
      close(m.trainLoss, expected.loss)
      expect(m.trainAccuracy).toBe(expected.accuracy)
    },
  )

  it.each(['mse', 'hinge', 'bce', 'cross_entropy'] as const)(
    '3 classes %s (one-vs-rest or softmax): first trainLoss by hand, argmax accuracy',
    (loss) => {
      const file = modelFile({ loss, network: NET_2_3, classes: ['r', 'g', 'b'], train: POINTS3 })
      const expected = handLoss(file.network, file.dataset.train, loss)
      const [m] = TrainingSession.fromModelFile(file).step(1)
      close(m.trainLoss, expected.loss)
      expect(m.trainAccuracy).toBe(expected.accuracy)
    },
  )

  it('bce and cross_entropy stay finite on huge outputs (computed stably)', () => {
    const big: NetworkJSON = {
      inputs: ['x1', 'x2'],
      layers: [{ activation: 'linear', weights: [[400, 0]], biases: [0] }],
    }
    const [m] = TrainingSession.fromModelFile(
      modelFile({ loss: 'bce', network: big, train: [[2, 0, 0]] }),
    ).step(1)
    close(m.trainLoss, 800) // log(1 + e^800) = 800 + log(1 + e^-800)
    const wide: NetworkJSON = {
      inputs: ['x1', 'x2'],
      layers: [
        {
          activation: 'linear',
          weights: [
            [400, 0],
            [0, 0],
          ],
          biases: [0, 0],
        },
      ],
    }
    const [c] = TrainingSession.fromModelFile(
      modelFile({ loss: 'cross_entropy', network: wide, train: [[2, 0, 1]] }),
    ).step(1)
    close(c.trainLoss, 800)
  })

  it('binary: class 0 → −1, class 1 → +1, predicted class 1 only when the output is > 0', () => {
    const zero: NetworkJSON = {
      inputs: ['x1', 'x2'],
      layers: [{ activation: 'linear', weights: [[0, 0]], biases: [0] }],
    }
    // Output exactly 0: predicted class 0. mse: (0 − (−1))² = 1 and (0 − 1)² = 1.
    const [m] = TrainingSession.fromModelFile(
      modelFile({
        network: zero,
        train: [
          [1, 1, 0],
          [2, 2, 1],
        ],
      }),
    ).step(1)
    expect(m.trainAccuracy).toBe(0.5)
    expect(m.trainLoss).toBe(1)
    const up: NetworkJSON = {
      inputs: ['x1', 'x2'],
      layers: [{ activation: 'linear', weights: [[0, 0]], biases: [0.5] }],
    }
    const [u] = TrainingSession.fromModelFile(
      modelFile({
        network: up,
        train: [
          [1, 1, 0],
          [2, 2, 1],
        ],
      }),
    ).step(1)
    expect(u.trainAccuracy).toBe(0.5)
    close(u.trainLoss, (1.5 ** 2 + 0.5 ** 2) / 2)
  })

  it('L1 and L2 are added to the reported loss over all weights and biases', () => {
    const file = modelFile({ loss: 'hinge', l1: 0.01, l2: 0.03 })
    const expected = handLoss(file.network, file.dataset.train, 'hinge', 0.01, 0.03)
    const [m] = TrainingSession.fromModelFile(file).step(1)
    close(m.trainLoss, expected.loss)
    expect(m.trainLoss).toBeGreaterThan(handLoss(file.network, file.dataset.train, 'hinge').loss)
  })

  it('test metrics: after the epoch updates, only when the test set is non-empty', () => {
    const test = [
      [0.3, 0.3, 1],
      [-1, 0.2, 0],
    ]
    const s = TrainingSession.fromModelFile(modelFile({ loss: 'bce', test }))
    const [m] = s.step(1)
    const after = handLoss(s.toModelFile().network, test, 'bce')
    close(m.testLoss!, after.loss)
    expect(m.testAccuracy).toBe(after.accuracy)
  })

  it('SGD with momentum: v ← momentum·v + g, p ← p − lr·v (two full-batch epochs by hand)', () => {
    const lr = 0.2
    const mu = 0.9
    const l2 = 0.01
    const file = modelFile({ optimizer: { type: 'sgd', learningRate: lr, momentum: mu }, l2 })
    const s = TrainingSession.fromModelFile(file)
    const p0 = flat(file.network)
    const g1 = engineGrad(file.network, POINTS2, 'mse', 0, l2)
    const v1 = g1
    const p1 = p0.map((p, i) => p - lr * v1[i])
    s.step(1)
    paramsOf(s).forEach((p, i) => close(p, p1[i]))
    const g2 = engineGrad(withParams(file.network, p1), POINTS2, 'mse', 0, l2)
    const v2 = v1.map((v, i) => mu * v + g2[i])
    const p2 = p1.map((p, i) => p - lr * v2[i])
    s.step(1)
    paramsOf(s).forEach((p, i) => close(p, p2[i]))
  })

  it('Adam (AdamW decay): two updates by hand', () => {
    const [lr, b1, b2, eps, wd] = [0.05, 0.8, 0.95, 1e-6, 0.1]
    const file = modelFile({
      loss: 'bce',
      optimizer: { type: 'adam', learningRate: lr, beta1: b1, beta2: b2, epsilon: eps, weightDecay: wd },
    })
    const s = TrainingSession.fromModelFile(file)
    let p = flat(file.network)
    let m = p.map(() => 0)
    let v = p.map(() => 0)
    for (let t = 1; t <= 2; t++) {
      const g = engineGrad(withParams(file.network, p), POINTS2, 'bce')
      m = m.map((mi, i) => b1 * mi + (1 - b1) * g[i])
      v = v.map((vi, i) => b2 * vi + (1 - b2) * g[i] ** 2)
      p = p.map((pi, i) => {
        const decayed = pi - lr * wd * pi
        const mHat = m[i] / (1 - b1 ** t)
        const vHat = v[i] / (1 - b2 ** t)
        return decayed - (lr * mHat) / (Math.sqrt(vHat) + eps)
      })
      s.step(1)
      paramsOf(s).forEach((got, i) => close(got, p[i], 1e-10))
    }
  })

  it('linear schedule: lr_k = lr + (final − lr)·min(k, epochs)/epochs, k from 0', () => {
    const [lr, final, epochs] = [0.5, 0.1, 2]
    const file = modelFile({
      loss: 'hinge',
      optimizer: { type: 'sgd', learningRate: lr, momentum: 0 },
      schedule: { type: 'linear', finalLearningRate: final, epochs },
    })
    const s = TrainingSession.fromModelFile(file)
    let p = flat(file.network)
    for (let k = 0; k < 4; k++) {
      const rate = lr + ((final - lr) * Math.min(k, epochs)) / epochs
      const g = engineGrad(withParams(file.network, p), POINTS2, 'hinge')
      p = p.map((pi, i) => pi - rate * g[i])
      s.step(1)
      paramsOf(s).forEach((got, i) => close(got, p[i]))
    }
  })

  it("mini-batches: an epoch's trainLoss is the mean over its batches, each before its update", () => {
    const lr = 0.3
    const points = [
      [0.5, -1.0, 0],
      [1.5, 0.25, 1],
      [-0.75, 0.5, 1],
    ]
    const file = modelFile({
      train: points,
      batchSize: 2,
      optimizer: { type: 'sgd', learningRate: lr, momentum: 0 },
    })
    const s = TrainingSession.fromModelFile(file)
    const [m] = s.step(1)
    const got = paramsOf(s)
    // The order comes from the seeded generator: one of the 6 orders must explain both results.
    const orders = [
      [0, 1, 2],
      [0, 2, 1],
      [1, 0, 2],
      [1, 2, 0],
      [2, 0, 1],
      [2, 1, 0],
    ]
    const matches = orders.filter((order) => {
      let p = flat(file.network)
      const losses: number[] = []
      for (const batch of [order.slice(0, 2), order.slice(2)]) {
        const rows = batch.map((i) => points[i])
        const net = withParams(file.network, p)
        losses.push(handLoss(net, rows, 'mse').loss)
        const g = engineGrad(net, rows, 'mse')
        p = p.map((pi, i) => pi - lr * g[i])
      }
      const mean = (losses[0] + losses[1]) / 2
      return Math.abs(m.trainLoss - mean) < 1e-12 && p.every((pi, i) => Math.abs(pi - got[i]) < 1e-12)
    })
    expect(matches.length).toBeGreaterThan(0)
  })

  it('mini-batches are seeded: same seed, same run; the seed matters', () => {
    const train = Array.from({ length: 12 }, (_, i) => [Math.cos(i), Math.sin(2 * i), i % 2])
    const run = (seed: number) => {
      const s = TrainingSession.fromModelFile(modelFile({ train, batchSize: 3, seed }))
      return { history: s.step(3), params: paramsOf(s) }
    }
    expect(run(5)).toEqual(run(5))
    const outcomes = new Set([1, 2, 3, 4].map((seed) => JSON.stringify(run(seed).params)))
    expect(outcomes.size).toBeGreaterThan(1)
  })

  it('batchSize null: one full batch per epoch (the epoch is one update)', () => {
    const file = modelFile({})
    const s = TrainingSession.fromModelFile(file)
    const g = engineGrad(file.network, POINTS2, 'mse')
    const p1 = flat(file.network).map((p, i) => p - 0.1 * g[i])
    s.step(1)
    paramsOf(s).forEach((p, i) => close(p, p1[i]))
  })

  it('continues exactly where the file stopped (optimizer and generator state)', () => {
    const file = modelFile({
      train: Array.from({ length: 9 }, (_, i) => [Math.cos(3 * i), Math.sin(i), (i * 7) % 2]),
      test: POINTS2,
      batchSize: 4,
      optimizer: {
        type: 'adam',
        learningRate: 0.02,
        beta1: 0.9,
        beta2: 0.999,
        epsilon: 1e-8,
        weightDecay: 0,
      },
      schedule: { type: 'linear', finalLearningRate: 0.005, epochs: 5 },
    })
    const straight = TrainingSession.fromModelFile(file)
    straight.step(4)
    const first = TrainingSession.fromModelFile(file)
    first.step(2)
    const resumed = TrainingSession.fromModelFile(parseModelFile(serializeModelFile(first.toModelFile())))
    const rest: EpochMetrics[] = resumed.step(2)
    expect(rest).toEqual(straight.history.slice(2))
    expect(resumed.toModelFile().network).toEqual(straight.toModelFile().network)
  })
})

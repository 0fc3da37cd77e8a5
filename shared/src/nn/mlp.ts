/**
 * Neuron, Layer and MLP built from scalar Values, exactly as the notebook builds them:
 * a neuron computes act(((w0*x0 + w1*x1) + ...) + b).
 */
import { Value } from '../engine/value.ts'

export type Activation = 'linear' | 'tanh' | 'relu' | 'sigmoid' | 'leaky_relu'
export const ACTIVATIONS: readonly Activation[] = ['linear', 'tanh', 'relu', 'sigmoid', 'leaky_relu']

/** How a layer's first weights are drawn: the notebook's U(-1, 1), Xavier/Glorot or He. */
export type Init = 'uniform' | 'xavier' | 'he'
export const INITS: readonly Init[] = ['uniform', 'xavier', 'he']

export interface LayerSpec {
  units: number
  activation: Activation
  init?: Init
}

/** A layer as stored in a model file: weights[j][k] is the weight from input k to neuron j. */
export interface LayerJSON {
  activation: Activation
  weights: number[][]
  biases: number[]
}

export interface NetworkJSON {
  /** Feature names (x1, x2, x1^2, ...): their count is the network's input count. */
  inputs: string[]
  layers: LayerJSON[]
}

/** Applies an activation to a Value (linear leaves it as it is). */
export function activate(v: Value, activation: Activation): Value {
  switch (activation) {
    case 'linear':
      return v
    case 'tanh':
      return v.tanh()
    case 'relu':
      return v.relu()
    case 'sigmoid':
      return v.sigmoid()
    case 'leaky_relu':
      return v.leakyRelu()
  }
}

/** The same activation on a plain number (for fast evaluation without building a graph). */
export function activateNumber(x: number, activation: Activation): number {
  return activate(new Value(x), activation).data
}

export class Neuron {
  readonly w: Value[]
  readonly b: Value
  readonly activation: Activation

  constructor(w: Value[], b: Value, activation: Activation) {
    this.w = w
    this.b = b
    this.activation = activation
  }

  /** act(((w0*x0 + w1*x1) + ...) + b) */
  forward(x: readonly (number | Value)[]): Value {
    let act = this.w[0].mul(x[0])
    for (let i = 1; i < this.w.length; i++) act = act.add(this.w[i].mul(x[i]))
    return activate(act.add(this.b), this.activation)
  }

  parameters(): Value[] {
    return [...this.w, this.b]
  }
}

export class Layer {
  readonly neurons: Neuron[]

  constructor(neurons: Neuron[]) {
    this.neurons = neurons
  }

  get activation(): Activation {
    return this.neurons[0].activation
  }

  forward(x: readonly (number | Value)[]): Value[] {
    return this.neurons.map((n) => n.forward(x))
  }

  parameters(): Value[] {
    return this.neurons.flatMap((n) => n.parameters())
  }
}

/** Draws one layer's weights and biases. `random` returns numbers uniform in [0, 1). */
export function initLayer(inputs: number, units: number, init: Init, random: () => number): LayerJSON {
  // Box-Muller from two uniforms, so any [0, 1) source will do.
  const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random())
  const draw: () => number =
    init === 'uniform'
      ? () => random() * 2 - 1 // the notebook: U(-1, 1)
      : init === 'xavier'
        ? () => (random() * 2 - 1) * Math.sqrt(6 / (inputs + units)) // Glorot uniform
        : () => normal() * Math.sqrt(2 / inputs) // He normal
  const weights: number[][] = []
  const biases: number[] = []
  for (let j = 0; j < units; j++) {
    const row: number[] = []
    for (let k = 0; k < inputs; k++) row.push(draw())
    weights.push(row)
    // The notebook draws biases from U(-1, 1) too; Xavier and He start them at 0.
    biases.push(init === 'uniform' ? draw() : 0)
  }
  return { activation: 'linear', weights, biases }
}

/** Default feature names for n inputs: x1, x2, ... */
export function defaultInputNames(n: number): string[] {
  return Array.from({ length: n }, (_, i) => `x${i + 1}`)
}

export class MLP {
  readonly layers: Layer[]
  inputNames: string[]

  /**
   * A network with `inputs` inputs and the given layers, weights drawn by each layer's init
   * (default: the notebook's U(-1, 1)) from `random` (default Math.random; pass a seeded
   * generator for reproducible runs).
   */
  constructor(inputs: number, layers: LayerSpec[], random: () => number = Math.random) {
    if (!Number.isInteger(inputs) || inputs < 1)
      throw new Error(`an MLP needs at least one input, got ${inputs}`)
    // With no layer, forward would hand back its plain-number inputs as if they were Values.
    if (!Array.isArray(layers) || layers.length < 1)
      throw new Error('an MLP needs at least one layer, such as { units: 1, activation: "tanh" }')
    const json: LayerJSON[] = []
    let fanIn = inputs
    for (const spec of layers) {
      if (!Number.isInteger(spec.units) || spec.units < 1)
        throw new Error(`every layer needs at least one unit, got ${spec.units}`)
      if (!ACTIVATIONS.includes(spec.activation))
        throw new Error(
          `unknown activation "${String(spec.activation)}": use one of ${ACTIVATIONS.join(', ')}`,
        )
      if (spec.init !== undefined && !INITS.includes(spec.init))
        throw new Error(`unknown init "${String(spec.init)}": use one of ${INITS.join(', ')}`)
      json.push({
        ...initLayer(fanIn, spec.units, spec.init ?? 'uniform', random),
        activation: spec.activation,
      })
      fanIn = spec.units
    }
    this.inputNames = defaultInputNames(inputs)
    this.layers = json.map(layerFromJSON)
  }

  get inputCount(): number {
    return this.inputNames.length
  }

  forward(x: readonly (number | Value)[]): Value[] {
    // A missing input would silently become NaN, an extra one silently ignored.
    if (x.length !== this.inputCount)
      throw new Error(`this network takes ${this.inputCount} inputs, but forward got ${x.length}`)
    let out: readonly (number | Value)[] = x
    for (const layer of this.layers) out = layer.forward(out)
    return out as Value[]
  }

  /** Per layer, per neuron: weights then bias. */
  parameters(): Value[] {
    return this.layers.flatMap((l) => l.parameters())
  }

  zeroGrad(): void {
    for (const p of this.parameters()) p.grad = 0
  }

  toJSON(): NetworkJSON {
    return {
      inputs: [...this.inputNames],
      layers: this.layers.map((l) => ({
        activation: l.activation,
        weights: l.neurons.map((n) => n.w.map((w) => w.data)),
        biases: l.neurons.map((n) => n.b.data),
      })),
    }
  }

  /** A network with exactly the weights, biases, activations and input names of `n`. */
  static fromJSON(n: NetworkJSON): MLP {
    checkShape(n)
    const specs = n.layers.map((l) => ({ units: l.weights.length, activation: l.activation }))
    const mlp = new MLP(n.inputs.length, specs, () => 0.5)
    mlp.inputNames = [...n.inputs]
    n.layers.forEach((l, li) =>
      mlp.layers[li].neurons.forEach((neuron, j) => {
        neuron.w.forEach((w, k) => (w.data = l.weights[j][k]))
        neuron.b.data = l.biases[j]
      }),
    )
    return mlp
  }
}

/** Throws unless every weight row is as long as its layer's input count and every unit has a bias. */
function checkShape(n: NetworkJSON): void {
  if (typeof n !== 'object' || n === null || !Array.isArray(n.inputs) || !Array.isArray(n.layers))
    throw new Error('a network needs a list of inputs and a list of layers')
  let fanIn = n.inputs.length
  n.layers.forEach((l, li) => {
    const where = `layer ${li + 1}`
    if (typeof l !== 'object' || l === null || !Array.isArray(l.weights) || !Array.isArray(l.biases))
      throw new Error(`${where} needs a list of weight rows and a list of biases`)
    if (l.biases.length !== l.weights.length)
      throw new Error(`${where} has ${l.weights.length} units but ${l.biases.length} biases`)
    l.weights.forEach((row, j) => {
      if (!Array.isArray(row) || row.length !== fanIn)
        throw new Error(
          `${where}, unit ${j + 1} needs ${fanIn} weights (one per input), got ${row?.length ?? 0}`,
        )
    })
    fanIn = l.weights.length
  })
}

function layerFromJSON(l: LayerJSON, li: number): Layer {
  return new Layer(
    l.weights.map(
      (row, j) =>
        new Neuron(
          row.map((w, k) => new Value(w, undefined, '', `w${li + 1}.${j + 1}.${k + 1}`)),
          new Value(l.biases[j], undefined, '', `b${li + 1}.${j + 1}`),
          l.activation,
        ),
    ),
  )
}

/** Number of parameters (weights and biases) of a network. */
export function parameterCount(n: NetworkJSON): number {
  return n.layers.reduce((s, l) => s + l.weights.length * (l.weights[0]?.length ?? 0) + l.biases.length, 0)
}

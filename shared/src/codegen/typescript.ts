/**
 * The trained network as a standalone TypeScript file: a micrograd-style Value class with its ops
 * and backward pass, Neuron / Layer / MLP with the trained weights inlined, the training points, and
 * a main that prints each point's outputs and predicted class as the app computes them.
 */
import {
  FEATURE_EXPRESSIONS,
  LEAKY_SLOPE,
  codegenModel,
  commentText,
  literal,
  stringLiteral,
} from './common.ts'
import type { CodegenModel } from './common.ts'
import type { FeatureName, ModelFile } from '../model-file/types.ts'

const VALUE_CLASS = `/** A scalar and the gradient of the output with respect to it, as in micrograd. */
class Value {
  grad = 0
  backwardStep: () => void = () => {}
  constructor(
    public data: number,
    readonly prev: Value[] = [],
    readonly op = '',
  ) {}

  add(other: Value | number): Value {
    const o = other instanceof Value ? other : new Value(other)
    const out = new Value(this.data + o.data, [this, o], '+')
    out.backwardStep = () => {
      this.grad += out.grad
      o.grad += out.grad
    }
    return out
  }

  mul(other: Value | number): Value {
    const o = other instanceof Value ? other : new Value(other)
    const out = new Value(this.data * o.data, [this, o], '*')
    out.backwardStep = () => {
      this.grad += o.data * out.grad
      o.grad += this.data * out.grad
    }
    return out
  }

  pow(k: number): Value {
    const out = new Value(this.data ** k, [this], \`**\${k}\`)
    out.backwardStep = () => {
      this.grad += (k === 0 ? 0 : k * this.data ** (k - 1)) * out.grad
    }
    return out
  }

  neg(): Value {
    return this.mul(-1)
  }

  sub(other: Value | number): Value {
    return this.add(other instanceof Value ? other.neg() : -other)
  }

  exp(): Value {
    const out = new Value(Math.exp(this.data), [this], 'exp')
    out.backwardStep = () => {
      this.grad += out.data * out.grad // accumulate (the notebook's exp assigned here)
    }
    return out
  }

  tanh(): Value {
    const out = new Value(Math.tanh(this.data), [this], 'tanh')
    out.backwardStep = () => {
      this.grad += (1 - out.data * out.data) * out.grad
    }
    return out
  }

  relu(): Value {
    const out = new Value(this.data > 0 ? this.data : 0, [this], 'relu')
    out.backwardStep = () => {
      if (this.data > 0) this.grad += out.grad
    }
    return out
  }

  leaky_relu(slope = LEAKY_SLOPE): Value {
    const out = new Value(this.data > 0 ? this.data : slope * this.data, [this], 'leaky_relu')
    out.backwardStep = () => {
      this.grad += (this.data > 0 ? 1 : slope) * out.grad
    }
    return out
  }

  sigmoid(): Value {
    const out = new Value(sigmoidOf(this.data), [this], 'sigmoid')
    out.backwardStep = () => {
      this.grad += out.data * (1 - out.data) * out.grad
    }
    return out
  }

  linear(): Value {
    return this
  }

  /** Fills in .grad of every Value this one was computed from (iteratively: no recursion limit). */
  backward(): void {
    const topo: Value[] = []
    const seen = new Set<Value>()
    const stack: [Value, boolean][] = [[this, false]]
    while (stack.length > 0) {
      const [v, done] = stack.pop()!
      if (done) topo.push(v)
      else if (!seen.has(v)) {
        seen.add(v)
        stack.push([v, true])
        for (const c of v.prev) stack.push([c, false])
      }
    }
    this.grad = 1
    for (let i = topo.length - 1; i >= 0; i--) topo[i].backwardStep()
  }
}

/** Never overflows: exp of a large positive number is never taken. */
function sigmoidOf(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x))
  const e = Math.exp(x)
  return e / (1 + e)
}`

const NETWORK_CLASSES = `type Activation = 'linear' | 'tanh' | 'relu' | 'sigmoid' | 'leaky_relu'

class Neuron {
  readonly w: Value[]
  readonly b: Value
  constructor(
    weights: number[],
    bias: number,
    readonly activation: Activation,
  ) {
    this.w = weights.map((w) => new Value(w))
    this.b = new Value(bias)
  }

  /** ((w0*x0 + w1*x1) + ...) + b, in the app's order, so the numbers agree to the last bit. */
  forward(x: Value[]): Value {
    let act = this.w[0].mul(x[0])
    for (let i = 1; i < this.w.length; i++) act = act.add(this.w[i].mul(x[i]))
    return act.add(this.b)[this.activation]()
  }

  parameters(): Value[] {
    return [...this.w, this.b]
  }
}

class Layer {
  readonly neurons: Neuron[]
  constructor([activation, weights, biases]: LayerWeights) {
    this.neurons = weights.map((w, j) => new Neuron(w, biases[j], activation))
  }

  forward(x: Value[]): Value[] {
    return this.neurons.map((n) => n.forward(x))
  }

  parameters(): Value[] {
    return this.neurons.flatMap((n) => n.parameters())
  }
}

class MLP {
  readonly layers: Layer[]
  constructor(layers: LayerWeights[]) {
    this.layers = layers.map((l) => new Layer(l))
  }

  forward(x: Value[]): Value[] {
    for (const layer of this.layers) x = layer.forward(x)
    return x
  }

  parameters(): Value[] {
    return this.layers.flatMap((l) => l.parameters())
  }
}

/** (activation, weights[j][k] from input k to neuron j, biases[j]) */
type LayerWeights = [Activation, number[][], number[]]`

const MAIN = `/** The class the app predicts: one output, class 1 when it is > 0; several, the largest (first on a tie). */
function predict(outputs: Value[]): number {
  if (outputs.length === 1) return outputs[0].data > 0 ? 1 : 0
  let best = 0
  for (let k = 1; k < outputs.length; k++) if (outputs[k].data > outputs[best].data) best = k
  return best
}

const model = new MLP(LAYERS)
let correct = 0
console.log(['x1', 'x2', 'label', 'predicted', ...LAYERS[LAYERS.length - 1][2].map((_, k) => \`out\${k + 1}\`)].join(','))
for (const [x1, x2, label] of TRAIN) {
  const out = model.forward(features(x1, x2).map((f) => new Value(f)))
  const p = predict(out)
  if (p === label) correct++
  console.log([x1, x2, label, p, ...out.map((o) => o.data)].map(String).join(','))
}
console.log(\`# accuracy \${correct / TRAIN.length} (\${correct} of \${TRAIN.length} training points), classes \${CLASSES.join(', ')}\`)`

const list = (xs: readonly number[]) => `[${xs.map(literal).join(', ')}]`

function layersSource(m: CodegenModel): string {
  const layers = m.network.layers.map((l) => {
    const rows = l.weights.map((row) => `      ${list(row)},`).join('\n')
    return `  [\n    ${stringLiteral(l.activation)},\n    [\n${rows}\n    ],\n    ${list(l.biases)},\n  ],`
  })
  return `const LAYERS: LayerWeights[] = [\n${layers.join('\n')}\n]`
}

function featuresSource(m: CodegenModel): string {
  const exprs = m.network.inputs.map((name) => FEATURE_EXPRESSIONS[name as FeatureName])
  return `/** The network's inputs: ${commentText(m.network.inputs.join(', '))}. */\nfunction features(x1: number, x2: number): number[] {\n  return [${exprs.join(', ')}]\n}`
}

/** The model as a TypeScript program (no imports) that prints the app's predictions for its training points. */
export function toTypeScript(file: Pick<ModelFile, 'name' | 'network' | 'dataset'>): string {
  const m = codegenModel(file)
  const points = m.points.map((p) => `  [${literal(p[0])}, ${literal(p[1])}, ${p[2]}],`).join('\n')
  return [
    `/**`,
    ` * ${commentText(m.name)}: a network trained in Backprop Studio.`,
    ' *',
    ' * Standalone and micrograd-style: Value (with backward), Neuron, Layer and MLP, the trained',
    ' * weights inlined. Run it with `npx tsx <this file>` (or deno, or bun): it prints the outputs and',
    ' * the predicted class of every training point, the same numbers the app computes.',
    ' */',
    'const sin = Math.sin',
    `const LEAKY_SLOPE = ${literal(LEAKY_SLOPE)}`,
    '',
    VALUE_CLASS,
    '',
    NETWORK_CLASSES,
    '',
    featuresSource(m),
    '',
    '// Per layer, input to output.',
    layersSource(m),
    `const CLASSES: string[] = [${m.classes.map(stringLiteral).join(', ')}]`,
    '/** The training points: [x1, x2, class index]. */',
    `const TRAIN: [number, number, number][] = [\n${points}\n]`,
    '',
    MAIN,
    '',
    'export {}',
    '',
  ].join('\n')
}

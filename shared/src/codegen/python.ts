/**
 * The trained network as a standalone, micrograd-style Python file: a Value class with its ops and
 * backward pass, Neuron / Layer / MLP with the trained weights inlined, the training points, and a
 * main that prints each point's outputs and predicted class as the app computes them.
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

const VALUE_CLASS = `class Value:
    """A scalar and the gradient of the output with respect to it, as in micrograd."""

    def __init__(self, data, children=(), op=""):
        self.data = data
        self.grad = 0.0
        self._backward = lambda: None
        self._prev = children
        self._op = op

    def __add__(self, other):
        other = other if isinstance(other, Value) else Value(other)
        out = Value(self.data + other.data, (self, other), "+")

        def _backward():
            self.grad += out.grad
            other.grad += out.grad

        out._backward = _backward
        return out

    def __mul__(self, other):
        other = other if isinstance(other, Value) else Value(other)
        out = Value(self.data * other.data, (self, other), "*")

        def _backward():
            self.grad += other.data * out.grad
            other.grad += self.data * out.grad

        out._backward = _backward
        return out

    def __pow__(self, k):
        assert isinstance(k, (int, float)), "only constant powers"
        out = Value(self.data**k, (self,), f"**{k}")

        def _backward():
            self.grad += (k * self.data ** (k - 1) if k != 0 else 0.0) * out.grad

        out._backward = _backward
        return out

    def __neg__(self):
        return self * -1.0

    def __sub__(self, other):
        return self + (-other)

    def __truediv__(self, other):
        return self * other**-1

    __radd__ = __add__
    __rmul__ = __mul__

    def __rsub__(self, other):
        return other + (-self)

    def __rtruediv__(self, other):
        return other * self**-1

    def exp(self):
        out = Value(math.exp(self.data), (self,), "exp")

        def _backward():
            self.grad += out.data * out.grad  # accumulate (the notebook's exp assigned here)

        out._backward = _backward
        return out

    def tanh(self):
        out = Value(math.tanh(self.data), (self,), "tanh")

        def _backward():
            self.grad += (1 - out.data * out.data) * out.grad

        out._backward = _backward
        return out

    def relu(self):
        out = Value(self.data if self.data > 0 else 0.0, (self,), "relu")

        def _backward():
            if self.data > 0:
                self.grad += out.grad

        out._backward = _backward
        return out

    def leaky_relu(self, slope=LEAKY_SLOPE):
        out = Value(self.data if self.data > 0 else slope * self.data, (self,), "leaky_relu")

        def _backward():
            self.grad += (1.0 if self.data > 0 else slope) * out.grad

        out._backward = _backward
        return out

    def sigmoid(self):
        out = Value(_sigmoid(self.data), (self,), "sigmoid")

        def _backward():
            self.grad += out.data * (1 - out.data) * out.grad

        out._backward = _backward
        return out

    def linear(self):
        return self

    def backward(self):
        """Fills in .grad of every Value this one was computed from (iteratively: no recursion limit)."""
        topo, seen, stack = [], set(), [(self, False)]
        while stack:
            v, done = stack.pop()
            if done:
                topo.append(v)
            elif id(v) not in seen:
                seen.add(id(v))
                stack.append((v, True))
                stack.extend((c, False) for c in v._prev)
        self.grad = 1.0
        for v in reversed(topo):
            v._backward()

    def __repr__(self):
        return f"Value(data={self.data}, grad={self.grad})"


def _sigmoid(x):
    # Never overflows: exp of a large positive number is never taken.
    if x >= 0:
        return 1 / (1 + math.exp(-x))
    e = math.exp(x)
    return e / (1 + e)`

const NETWORK_CLASSES = `class Neuron:
    def __init__(self, weights, bias, activation):
        self.w = [Value(w) for w in weights]
        self.b = Value(bias)
        self.activation = activation

    def __call__(self, x):
        # ((w0*x0 + w1*x1) + ...) + b, in this order: the app adds in the same order, so the
        # numbers agree to the last bit.
        act = self.w[0] * x[0]
        for wi, xi in zip(self.w[1:], x[1:]):
            act = act + wi * xi
        return getattr(act + self.b, self.activation)()

    def parameters(self):
        return self.w + [self.b]


class Layer:
    def __init__(self, activation, weights, biases):
        self.neurons = [Neuron(w, b, activation) for w, b in zip(weights, biases)]

    def __call__(self, x):
        return [n(x) for n in self.neurons]

    def parameters(self):
        return [p for n in self.neurons for p in n.parameters()]


class MLP:
    def __init__(self, layers):
        self.layers = [Layer(*layer) for layer in layers]

    def __call__(self, x):
        for layer in self.layers:
            x = layer(x)
        return x

    def parameters(self):
        return [p for layer in self.layers for p in layer.parameters()]`

const MAIN = `def predict(outputs):
    """The class the app predicts: one output, class 1 when it is > 0; several, the largest."""
    if len(outputs) == 1:
        return 1 if outputs[0].data > 0 else 0
    return max(range(len(outputs)), key=lambda k: (outputs[k].data, -k))


if __name__ == "__main__":
    model = MLP(LAYERS)
    correct = 0
    print("x1,x2,label,predicted," + ",".join(f"out{k + 1}" for k in range(len(LAYERS[-1][2]))))
    for x1, x2, label in TRAIN:
        out = model([Value(f) for f in features(x1, x2)])
        p = predict(out)
        correct += p == label
        print(",".join(repr(v) for v in [x1, x2]) + f",{label},{p}," + ",".join(repr(o.data) for o in out))
    print(f"# accuracy {correct / len(TRAIN)!r} ({correct} of {len(TRAIN)} training points), classes {CLASSES}")`

/** A list of numbers in Python. */
const list = (xs: readonly number[]) => `[${xs.map(literal).join(', ')}]`

function layersSource(m: CodegenModel): string {
  const layers = m.network.layers.map((l) => {
    const rows = l.weights.map((row) => `            ${list(row)},`).join('\n')
    return `    (\n        ${stringLiteral(l.activation)},\n        [\n${rows}\n        ],\n        ${list(l.biases)},\n    ),`
  })
  return `LAYERS = [\n${layers.join('\n')}\n]`
}

function featuresSource(m: CodegenModel): string {
  const exprs = m.network.inputs.map((name) => FEATURE_EXPRESSIONS[name as FeatureName])
  return `def features(x1, x2):\n    """The network's inputs: ${commentText(m.network.inputs.join(', '))}."""\n    return [${exprs.join(', ')}]`
}

/** The model as a Python 3 program (no dependencies) that prints the app's predictions for its training points. */
export function toPython(file: Pick<ModelFile, 'name' | 'network' | 'dataset'>): string {
  const m = codegenModel(file)
  const points = m.points.map((p) => `    (${literal(p[0])}, ${literal(p[1])}, ${p[2]}),`).join('\n')
  return [
    `"""${commentText(m.name).replace(/"""|\\/g, '')}: a network trained in Backprop Studio.`,
    '',
    'Standalone and micrograd-style: Value (with backward), Neuron, Layer and MLP, the trained',
    'weights inlined. Run it with `python3 <this file>`: it prints the outputs and the predicted',
    'class of every training point, the same numbers the app computes.',
    '"""',
    'import math',
    'from math import sin',
    '',
    `LEAKY_SLOPE = ${literal(LEAKY_SLOPE)}`,
    '',
    '',
    VALUE_CLASS,
    '',
    '',
    NETWORK_CLASSES,
    '',
    '',
    featuresSource(m),
    '',
    '',
    '# (activation, weights[j][k] from input k to neuron j, biases[j]) per layer, input to output.',
    layersSource(m),
    `CLASSES = [${m.classes.map(stringLiteral).join(', ')}]`,
    '# The training points: (x1, x2, class index).',
    `TRAIN = [\n${points}\n]`,
    '',
    '',
    MAIN,
    '',
  ].join('\n')
}

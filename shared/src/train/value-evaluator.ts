/**
 * The reference evaluator: the plain Value engine, the way the notebook trains. One MLP is built
 * per evaluator and its parameter leaves are reused; each call copies the flat parameters into
 * them, forwards every row of the batch, builds the loss graph, runs `backward()` and copies the
 * gradients out. Slow but obviously right: faster evaluators are tested against it.
 */
import { sigmoid, DEFAULT_LEAKY_SLOPE, type Value } from '../engine/value.ts'
import { MLP, type Activation } from '../nn/mlp.ts'
import type { Evaluator, EvaluatorFactory, NetworkShape } from './evaluator.ts'
import { outputCount, shapeParameterCount } from './evaluator.ts'
import { checkLoss, objectiveOf } from './losses.ts'
import { predictedClass } from './metrics.ts'

/** Builds Value-engine evaluators (the default of `TrainingSession`). */
export const valueEvaluator: EvaluatorFactory = (shape, objective) => {
  checkLoss(objective.loss, outputCount(shape))
  const mlp = new MLP(shape.inputs, shape.layers, () => 0.5)
  const leaves = mlp.parameters()
  const size = shapeParameterCount(shape)
  const inputs = shape.inputs
  const outputs = outputCount(shape)
  const xs = new Array<number>(inputs).fill(0)
  const outData = new Float64Array(outputs)
  let labels = new Int32Array(0)
  const forward = numericForward(shape)

  const evaluator: Evaluator = {
    lossAndGrad(params, x, y, rows, count, grad) {
      checkSize(params, size)
      if (count < 1) throw new Error('A batch needs at least one point.')
      for (let i = 0; i < size; i++) {
        leaves[i].data = params[i]
        leaves[i].grad = 0
      }
      if (labels.length < count) labels = new Int32Array(count)
      const batch: Value[][] = new Array(count)
      let correct = 0
      for (let b = 0; b < count; b++) {
        const r = rows[b]
        for (let k = 0; k < inputs; k++) xs[k] = x[r * inputs + k]
        const out = mlp.forward(xs)
        batch[b] = out
        labels[b] = y[r]
        for (let u = 0; u < outputs; u++) outData[u] = out[u].data
        if (predictedClass(outData, 0, outputs) === y[r]) correct++
      }
      const loss = objectiveOf(objective.loss, batch, labels, leaves, objective.l1, objective.l2)
      if (grad !== null) {
        loss.backward()
        for (let i = 0; i < size; i++) grad[i] = leaves[i].grad
      }
      return { loss: loss.data, correct }
    },
    predict(params, x, count, out) {
      checkSize(params, size)
      for (let r = 0; r < count; r++) forward(params, x, r * inputs, out, r * outputs)
    },
  }
  return evaluator
}

function checkSize(params: Float64Array, size: number): void {
  if (params.length !== size)
    throw new Error(`Expected ${size} parameters for this network, got ${params.length}.`)
}

/** An activation on a plain number, the same arithmetic as the Value op (bit for bit). */
export function activateScalar(a: number, activation: Activation): number {
  switch (activation) {
    case 'linear':
      return a
    case 'tanh':
      return Math.tanh(a)
    case 'relu':
      return a > 0 ? a : 0
    case 'sigmoid':
      return sigmoid(a)
    case 'leaky_relu':
      return a > 0 ? a : DEFAULT_LEAKY_SLOPE * a
  }
}

/**
 * A forward pass on plain numbers that adds up in the Value graph's order,
 * act(((w0*x0 + w1*x1) + ...) + b), so its outputs equal the graph's exactly without building one.
 * The returned function reads features x[xOffset..] and writes the outputs to out[outOffset..].
 */
export function numericForward(
  shape: NetworkShape,
): (params: Float64Array, x: Float64Array, xOffset: number, out: Float64Array, outOffset: number) => void {
  const width = Math.max(shape.inputs, ...shape.layers.map((l) => l.units))
  let current = new Float64Array(width)
  let next = new Float64Array(width)
  return (params, x, xOffset, out, outOffset) => {
    let fanIn = shape.inputs
    for (let k = 0; k < fanIn; k++) current[k] = x[xOffset + k]
    let p = 0
    for (const layer of shape.layers) {
      for (let j = 0; j < layer.units; j++) {
        let act = params[p] * current[0]
        for (let k = 1; k < fanIn; k++) act += params[p + k] * current[k]
        act += params[p + fanIn]
        p += fanIn + 1
        next[j] = activateScalar(act, layer.activation)
      }
      ;[current, next] = [next, current]
      fanIn = layer.units
    }
    for (let u = 0; u < fanIn; u++) out[outOffset + u] = current[u]
  }
}

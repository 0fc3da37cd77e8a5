/**
 * The compiled tape as an Evaluator for TrainingSession: record the row graph once per network
 * shape, compile it, then replay it over every batch in preallocated typed arrays.
 *
 * A batch's Value graph is one copy of the row graph per point joined by the loss, so the tape
 * runs the row program over a chunk of points (slots laid out row after row), then the fused
 * loss kernel, then backward, chunks and points in reverse as Value.backward() meets them.
 * The program depends on the network shape only (cached); the loss and L1/L2 choose the loss
 * kernel; the batch size changes nothing but how many chunks run.
 */
import type { Evaluator, EvaluatorFactory, NetworkShape, Objective } from '../train/evaluator.ts'
import { outputCount, shapeParameterCount } from '../train/evaluator.ts'
import { checkLoss } from '../train/losses.ts'
import { compile, type Program } from './compile.ts'
import { batchLoss, lossCode, regularization, regularizationGrad } from './loss.ts'
import { recordNetwork } from './record.ts'
import { backward, forward } from './run.ts'

/** An Evaluator that also shows the program it runs (for the bench and the curious). */
export interface TapeEvaluator extends Evaluator {
  readonly program: Program
}

const CACHE_SIZE = 16
const CHUNK = 256
const programs = new Map<string, Program>()

/** Records and compiles the row program of a network shape (no cache: the bench times this). */
export function compileNetwork(shape: NetworkShape): Program {
  return compile(recordNetwork(shape))
}

/** The compiled row program of a shape, recorded at most once while it stays among the last few used. */
export function programFor(shape: NetworkShape): Program {
  const key = JSON.stringify([shape.inputs, shape.layers.map((l) => [l.units, l.activation])])
  let program = programs.get(key)
  if (program)
    programs.delete(key) // re-inserted below: most recently used last
  else program = compileNetwork(shape)
  programs.set(key, program)
  if (programs.size > CACHE_SIZE) programs.delete(programs.keys().next().value!)
  return program
}

/** Builds evaluators that train through the compiled tape. */
export const tapeEvaluator: EvaluatorFactory = (shape, objective) => createTapeEvaluator(shape, objective)

/** An evaluator for one network shape and objective, bit for bit the Value engine's results. */
export function createTapeEvaluator(shape: NetworkShape, objective: Objective): TapeEvaluator {
  checkLoss(objective.loss, outputCount(shape))
  const program = programFor(shape)
  const size = shapeParameterCount(shape)
  if (program.params !== size)
    throw new Error(`The tape expected ${size} parameters but recorded ${program.params}.`)
  const code = lossCode(objective.loss)
  const { l1, l2 } = objective
  const { slots, inputs, inputSlot, outputSlots, constValues } = program
  const K = program.outputs
  const active = new Int32Array(program.stats.maxUnits)
  const scaled = new Float64Array(program.stats.maxUnits)
  // One chunk of rows at a time: a big data set needs no buffer per point, and a chunk's slots
  // stay in cache between its forward and its backward.
  const D = new Float64Array(CHUNK * slots)
  const DG = new Float64Array(CHUNK * slots)
  for (let r = 0; r < CHUNK; r++) D.set(constValues, r * slots)
  let terms = new Float64Array(CHUNK)

  return {
    program,
    lossAndGrad(params, x, y, batch, count, grad) {
      checkSize(params, size)
      if (grad !== null) checkSize(grad, size)
      if (!Number.isInteger(count) || count < 1) throw new Error('A batch needs at least one point.')
      if (terms.length < count) terms = new Float64Array(Math.max(count, 2 * terms.length))
      const G = 1 / count // the mean's share reaching each point's loss
      if (grad !== null) {
        // Value.backward() reaches the regularization before any point's loss.
        grad.fill(0)
        regularizationGrad(params, grad, l1, l2)
      }
      let correct = 0
      // Last chunk first: backward must meet the points from the last to the first (see run.ts).
      for (let first = Math.floor((count - 1) / CHUNK) * CHUNK; first >= 0; first -= CHUNK) {
        const n = Math.min(CHUNK, count - first)
        for (let r = 0; r < n; r++) {
          const base = r * slots + inputSlot
          const from = batch[first + r] * inputs
          for (let k = 0; k < inputs; k++) D[base + k] = x[from + k]
        }
        forward(program, params, D, n)
        if (grad !== null) DG.fill(0, 0, n * slots)
        correct += batchLoss(
          code,
          D,
          grad === null ? null : DG,
          slots,
          n,
          outputSlots,
          y,
          batch,
          first,
          G,
          terms,
        )
        if (grad !== null) backward(program, params, D, grad, DG, n, active, scaled)
      }
      // The points' losses added up in their order, as lossOf's sum does.
      let total = terms[0]
      for (let b = 1; b < count; b++) total += terms[b]
      const data = total / count
      const reg = regularization(params, l1, l2)
      const loss = reg === null ? data : data + reg
      return { loss, correct }
    },
    predict(params, x, count, out) {
      checkSize(params, size)
      for (let first = 0; first < count; first += CHUNK) {
        const n = Math.min(CHUNK, count - first)
        for (let r = 0; r < n; r++)
          for (let k = 0; k < inputs; k++) D[r * slots + inputSlot + k] = x[(first + r) * inputs + k]
        forward(program, params, D, n)
        for (let r = 0; r < n; r++)
          for (let u = 0; u < K; u++) out[(first + r) * K + u] = D[r * slots + outputSlots[u]]
      }
    },
  }
}

function checkSize(a: Float64Array, size: number): void {
  if (a.length !== size) throw new Error(`Expected ${size} parameters for this network, got ${a.length}.`)
}

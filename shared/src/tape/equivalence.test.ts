// The tape must be the Value engine, only faster: same losses, same gradients, same training runs.
import { describe, it, expect } from 'vitest'
import fc from 'fast-check'
import { ACTIVATIONS, type Activation } from '../nn/mlp.ts'
import { FEATURES, LOSSES, type LossName, type ModelFile, type Point } from '../model-file/types.ts'
import { createRng } from '../random.ts'
import { makeMoons } from '../data/moons.ts'
import { valueEvaluator } from '../train/value-evaluator.ts'
import { shapeParameterCount, type NetworkShape } from '../train/evaluator.ts'
import { createModelFile } from '../train/new-model.ts'
import { microgradLayers, notebookLayers } from '../testing/fixtures.ts'
import { TrainingSession } from '../train/session.ts'
import { tapeEvaluator } from './evaluator.ts'

/** |a − b| relative to the larger magnitude (0 when both are equal, including both 0). */
function relativeError(a: number, b: number): number {
  if (a === b || (Number.isNaN(a) && Number.isNaN(b))) return 0
  return Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b))
}

function maxRelativeError(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length)
  let worst = 0
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, relativeError(a[i], b[i]))
  return worst
}

const TOLERANCE = 1e-12

const activation = fc.constantFrom<Activation>(...ACTIVATIONS)
const layer = fc.record({ units: fc.integer({ min: 1, max: 6 }), activation })

/** A random network, loss and data set that fit together (cross-entropy gets ≥ 2 output units). */
const problem = fc
  .record({
    inputs: fc.integer({ min: 1, max: 4 }),
    hidden: fc.array(layer, { minLength: 0, maxLength: 2 }),
    outActivation: activation,
    loss: fc.constantFrom<LossName>(...LOSSES),
    classes: fc.integer({ min: 2, max: 4 }),
    binary: fc.boolean(),
    l1: fc.constantFrom(0, 1e-3, 0.05),
    l2: fc.constantFrom(0, 1e-4, 0.02),
    points: fc.integer({ min: 1, max: 24 }),
    seed: fc.integer({ min: 0, max: 1_000_000 }),
  })
  .map((p) => {
    const classes = p.binary && p.loss !== 'cross_entropy' ? 2 : p.classes
    const outputs = classes === 2 && p.binary && p.loss !== 'cross_entropy' ? 1 : classes
    const shape: NetworkShape = {
      inputs: p.inputs,
      layers: [...p.hidden, { units: outputs, activation: p.outActivation }],
    }
    return { ...p, classes, outputs, shape }
  })

describe('tape evaluator against the Value evaluator', () => {
  it('gives the same loss, accuracy, gradient and outputs for random networks, losses and batches', () => {
    fc.assert(
      fc.property(problem, fc.integer({ min: 1, max: 24 }), (p, batch) => {
        const rng = createRng(p.seed)
        const size = shapeParameterCount(p.shape)
        const params = Float64Array.from({ length: size }, () => rng.uniform(-1.5, 1.5))
        const x = Float64Array.from({ length: p.points * p.shape.inputs }, () => rng.normal() * 2)
        const y = Int32Array.from({ length: p.points }, () => rng.int(p.classes))
        // Rows may repeat and come in any order, as mini-batches of a shuffled set do.
        const rows = Int32Array.from({ length: batch }, () => rng.int(p.points))
        const objective = { loss: p.loss, l1: p.l1, l2: p.l2 }
        const reference = valueEvaluator(p.shape, objective)
        const tape = tapeEvaluator(p.shape, objective)
        const g1 = new Float64Array(size)
        const g2 = new Float64Array(size).fill(7) // overwritten, not added to
        const r1 = reference.lossAndGrad(params, x, y, rows, batch, g1)
        const r2 = tape.lossAndGrad(params, x, y, rows, batch, g2)
        expect(relativeError(r1.loss, r2.loss)).toBeLessThanOrEqual(TOLERANCE)
        expect(r2.correct).toBe(r1.correct)
        expect(maxRelativeError(g1, g2)).toBeLessThanOrEqual(TOLERANCE)
        // Forward only (how the session scores the test set) gives the same loss.
        expect(
          relativeError(tape.lossAndGrad(params, x, y, rows, batch, null).loss, r1.loss),
        ).toBeLessThanOrEqual(TOLERANCE)
        const o1 = new Float64Array(p.points * p.outputs)
        const o2 = new Float64Array(p.points * p.outputs)
        reference.predict(params, x, p.points, o1)
        tape.predict(params, x, p.points, o2)
        expect(maxRelativeError(o1, o2)).toBeLessThanOrEqual(TOLERANCE)
      }),
      { numRuns: 80, seed: 20260101 },
    )
  })

  it('matches bit for bit on the notebook and micrograd networks, over several chunks of rows', () => {
    const points = makeMoons(300, 0.15, 42) // more rows than one chunk of the tape (256)
    const x = Float64Array.from(points.flatMap((p) => [p[0], p[1]]))
    const y = Int32Array.from(points, (p) => p[2])
    const rows = Int32Array.from(points, (_, i) => i)
    const cases: [NetworkShape, LossName, number][] = [
      [{ inputs: 2, layers: notebookLayers() }, 'mse', 0],
      [{ inputs: 2, layers: microgradLayers() }, 'hinge', 1e-4],
    ]
    for (const [shape, loss, l2] of cases) {
      const rng = createRng(3)
      const params = Float64Array.from({ length: shapeParameterCount(shape) }, () => rng.uniform(-1, 1))
      const g1 = new Float64Array(params.length)
      const g2 = new Float64Array(params.length)
      const objective = { loss, l1: 0, l2 }
      const r1 = valueEvaluator(shape, objective).lossAndGrad(params, x, y, rows, rows.length, g1)
      const r2 = tapeEvaluator(shape, objective).lossAndGrad(params, x, y, rows, rows.length, g2)
      expect(r2).toEqual(r1)
      expect(Array.from(g2)).toEqual(Array.from(g1))
    }
  })
})

/** A model file for a random problem: points drawn around K centres so every class is present. */
function modelFileFor(
  p: { shape: NetworkShape; loss: LossName; l1: number; l2: number; classes: number; seed: number },
  training: Partial<ModelFile['training']>,
  count: number,
): ModelFile {
  const rng = createRng(p.seed + 1)
  const point = (): Point => {
    const c = rng.int(p.classes)
    return [Math.cos(c) + rng.normal() * 0.4, Math.sin(c) + rng.normal() * 0.4, c]
  }
  const inputs = FEATURES.slice(0, p.shape.inputs) as string[]
  return createModelFile({
    dataset: {
      classes: Array.from({ length: p.classes }, (_, i) => `c${i}`),
      train: Array.from({ length: count }, point),
      test: Array.from({ length: 5 }, point),
    },
    inputs,
    layers: p.shape.layers,
    training: { loss: p.loss, l1: p.l1, l2: p.l2, ...training },
    seed: p.seed,
  })
}

const optimizer = fc.oneof(
  fc.record({
    type: fc.constant('sgd' as const),
    learningRate: fc.constantFrom(0.01, 0.1),
    momentum: fc.constantFrom(0, 0.9),
  }),
  fc.record({
    type: fc.constant('adam' as const),
    learningRate: fc.constantFrom(0.001, 0.01),
    beta1: fc.constant(0.9),
    beta2: fc.constant(0.999),
    epsilon: fc.constant(1e-8),
    weightDecay: fc.constantFrom(0, 0.01),
  }),
)

describe('TrainingSession with the tape against the Value engine', () => {
  it('trains the same, epoch after epoch, for random problems, optimizers and batch sizes', () => {
    fc.assert(
      fc.property(
        problem,
        optimizer,
        fc.option(fc.integer({ min: 1, max: 12 })),
        fc.integer({ min: 4, max: 16 }),
        (p, opt, batchSize, count) => {
          const file = modelFileFor(p, { optimizer: opt, batchSize }, count)
          const reference = TrainingSession.fromModelFile(file, { evaluator: valueEvaluator })
          const tape = TrainingSession.fromModelFile(file, { evaluator: tapeEvaluator })
          for (let epoch = 0; epoch < 4; epoch++) {
            const m1 = reference.step(1)
            const m2 = tape.step(1)
            expect(m2.length).toBe(m1.length)
            for (let i = 0; i < m1.length; i++) {
              expect(relativeError(m1[i].trainLoss, m2[i].trainLoss)).toBeLessThanOrEqual(TOLERANCE)
              expect(m2[i].trainAccuracy).toBe(m1[i].trainAccuracy)
              expect(relativeError(m1[i].testLoss ?? 0, m2[i].testLoss ?? 0)).toBeLessThanOrEqual(TOLERANCE)
            }
            const w1 = reference.network.layers.flatMap((l) => [...l.weights.flat(), ...l.biases])
            const w2 = tape.network.layers.flatMap((l) => [...l.weights.flat(), ...l.biases])
            expect(maxRelativeError(w1, w2)).toBeLessThanOrEqual(TOLERANCE)
          }
          expect(tape.divergence).toEqual(reference.divergence)
        },
      ),
      { numRuns: 30, seed: 7 },
    )
  })
})

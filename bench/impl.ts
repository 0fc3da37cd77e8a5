/**
 * The implementations the benchmark races. Each trains one workload from the same model file,
 * one epoch per call, and returns that epoch's loss (so their results can be compared).
 */
import { performance } from 'node:perf_hooks'
import { MLP } from '../shared/src/nn/mlp.ts'
import type { ModelFile } from '../shared/src/model-file/types.ts'
import { objectiveOf } from '../shared/src/train/losses.ts'
import { learningRateAt } from '../shared/src/train/schedule.ts'
import { TrainingSession } from '../shared/src/train/session.ts'
import { dataBounds } from '../shared/src/data/bounds.ts'
import { createDense } from './dense.ts'
import { createDenseTuned } from './dense-tuned.ts'
import { moons } from './workloads.ts'

export interface Bench {
  /** Trains one epoch; returns its loss. */
  epoch(): number
}

export type ImplName = 'value' | 'session' | 'dense' | 'dense-tuned'
export const IMPLS: readonly ImplName[] = ['session', 'dense', 'dense-tuned', 'value']

/** The notebook's loop on the Value engine: the whole graph rebuilt every epoch, as a learner writes it. */
export function createValueLoop(file: ModelFile): Bench {
  const mlp = MLP.fromJSON(file.network)
  const params = mlp.parameters()
  const xs = file.dataset.train.map((p) => [p[0], p[1]])
  const ys = file.dataset.train.map((p) => p[2])
  const t = file.training
  let k = t.epoch
  return {
    epoch() {
      const outputs = xs.map((x) => mlp.forward(x))
      const loss = objectiveOf(t.loss, outputs, ys, params, t.l1, t.l2)
      mlp.zeroGrad()
      loss.backward()
      const lr = learningRateAt(t.optimizer.learningRate, t.schedule, k++)
      for (const p of params) p.data -= lr * p.grad
      return loss.data
    },
  }
}

/**
 * TrainingSession as the app's training worker runs it: epochs one step at a time and, every
 * 50 ms, the test set and a 100 × 100 decision-boundary grid evaluated (see train/trainer.ts).
 */
export function createAppSession(file: ModelFile, now: () => number): Bench {
  const session = TrainingSession.fromModelFile(file) // the tape: the session's default
  const bounds = dataBounds(file.dataset.train, 0.5)
  const test = moons(100).flatMap((p) => [p[0], p[1]])
  const testPoints = Float64Array.from(test)
  let next = now() + 50
  let lastLook = performance.now()
  return {
    epoch() {
      const [m] = session.step(1)
      // Reading the CPU clock is a system call: look at most once per ms of wall time.
      const wall = performance.now()
      if (wall - lastLook < 1) return m.trainLoss
      lastLook = wall
      if (now() >= next) {
        session.predict(testPoints, testPoints.length / 2)
        session.boundaryGrid(100, bounds)
        next = now() + 50
      }
      return m.trainLoss
    },
  }
}

export function createImpl(name: ImplName, file: ModelFile, now: () => number): Bench {
  switch (name) {
    case 'value':
      return createValueLoop(file)
    case 'session':
      return createAppSession(file, now)
    case 'dense':
      return createDense(file)
    case 'dense-tuned':
      return createDenseTuned(file)
  }
}

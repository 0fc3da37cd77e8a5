/** Test helpers for the trainer loop: a trainer behind a worker client, on a hand-driven clock. */
import type { TrainerEvent } from '../ipc.ts'
import type { EpochMetrics, ModelFile } from '../model-file/types.ts'
import type { Activation } from '../nn/mlp.ts'
import { makeMoons } from '../data/moons.ts'
import { createWorkerClient, type WorkerMessage } from '../worker-protocol.ts'
import { createTrainer, type TrainerOptions } from '../train/trainer.ts'
import { notebookLayers, notebookModelFile } from './fixtures.ts'

export type ProgressEvent = Extract<TrainerEvent, { type: 'progress' }>

/** A trainer behind a worker client, with a hand-driven clock and timer queue instead of a real worker. */
export function trainerHarness(
  file: ModelFile = moonsFile(),
  options: TrainerOptions = { gridSize: 8, frameMs: 5 },
) {
  let clock = 0
  const timers = new Map<number, () => void>()
  let nextTimer = 1
  const events: TrainerEvent[] = []
  const transfers: ArrayBuffer[][] = []
  // The client posts straight into the trainer (declared below: only called after both exist).
  const client = createWorkerClient((req) => trainer.handle(req))
  const trainer = createTrainer(
    {
      // Every reading of the clock moves it 1 ms, so a 5 ms slice runs a few epochs.
      now: () => clock++,
      setTimer: (fn) => {
        timers.set(nextTimer, fn)
        return nextTimer++
      },
      clearTimer: (h) => timers.delete(h as number),
      post: (msg: WorkerMessage, transfer) => {
        if (transfer) transfers.push(transfer)
        // Replies arrive asynchronously, as they would from a worker.
        queueMicrotask(() => client.receive(msg))
      },
    },
    options,
  )
  client.onEvent((e) => events.push(e))
  const runTimers = async (n: number) => {
    for (let i = 0; i < n; i++) {
      const first = timers.keys().next()
      if (first.done) break
      const fn = timers.get(first.value)!
      timers.delete(first.value)
      fn()
      await Promise.resolve()
    }
    await new Promise((r) => setTimeout(r, 0))
  }
  const progress = () => events.filter((e): e is ProgressEvent => e.type === 'progress')
  const metrics = (): EpochMetrics[] => progress().flatMap((e) => e.metrics)
  return { client, file, events, transfers, timers, runTimers, progress, metrics, trainer }
}

/** The notebook's small network on 40 training and 10 test moons, SGD 0.05 unless overridden. */
export function moonsFile(
  overrides: Partial<ModelFile['training']> = {},
  activation: Activation = 'tanh',
): ModelFile {
  return notebookModelFile({
    dataset: { classes: ['blue', 'orange'], train: makeMoons(40, 0.1, 1), test: makeMoons(10, 0.1, 2) },
    layers: notebookLayers(activation),
    training: { optimizer: { type: 'sgd', learningRate: 0.05, momentum: 0 }, ...overrides },
    seed: 3,
  })
}

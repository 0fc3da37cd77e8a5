/**
 * The studio's rows of the bench: the app's trainer loop with and without the extras the studio
 * asks for (neuron grids, point outputs), and the cost of one epoch near the parameter cap.
 */
import { generatePresetDataset } from '../shared/src/data/presets.ts'
import { makeMoons } from '../shared/src/data/moons.ts'
import type { Watch } from '../shared/src/ipc.ts'
import type { ModelFile } from '../shared/src/model-file/types.ts'
import type { WorkerMessage } from '../shared/src/worker-protocol.ts'
import { boundarySize, createTrainer, neuronGridSize } from '../shared/src/train/trainer.ts'
import { createModelFile, defaultOptimizer } from '../shared/src/train/new-model.ts'
import { TrainingSession } from '../shared/src/train/session.ts'
import { dataBounds } from '../shared/src/data/bounds.ts'
import { cpuMs } from './clock.ts'

/** The studio's first model: moons (160 training, 40 test points), 2 → 8 → 8 → 1 tanh, Adam 0.03, MSE. */
export function defaultStudioModel(): ModelFile {
  return createModelFile({
    dataset: generatePresetDataset('moons', { testFraction: 0.2 }),
    layers: [
      { units: 8, activation: 'tanh', init: 'xavier' },
      { units: 8, activation: 'tanh', init: 'xavier' },
      { units: 1, activation: 'tanh', init: 'xavier' },
    ],
    training: { optimizer: { ...defaultOptimizer('adam'), learningRate: 0.03 } },
    seed: 1,
  })
}

export const TRAINER_VARIANTS: Record<string, Watch> = {
  'extras off': { parameters: false },
  'neuron grids on': { parameters: true, neurons: true },
  'all the studio shows': { parameters: true, neurons: true, points: true, diagnostics: true },
}

/**
 * The trainer as the worker runs it (50 ms slices, a progress event with the boundary grid after
 * each, the watched extras at their bounded rates), its timers run back to back on the CPU clock:
 * epochs per CPU-second over about `ms`, after a warm-up.
 */
export function trainerSpeed(
  variant: string,
  ms: number,
): { epochsPerSecond: number; events: number; withNeurons: number } {
  const watch = TRAINER_VARIANTS[variant]
  if (!watch) throw new Error(`unknown trainer variant ${variant}`)
  const timers: (() => void)[] = []
  let epochs = 0
  let events = 0
  let withNeurons = 0
  const trainer = createTrainer({
    now: cpuMs,
    setTimer: (fn) => timers.push(fn),
    clearTimer: () => {},
    post: (msg: WorkerMessage) => {
      if (msg.type !== 'event' || msg.event.type !== 'progress') return
      epochs += msg.event.metrics.length
      events++
      if (msg.event.neurons) withNeurons++
    },
  })
  let id = 1
  const send = (channel: string, ...args: unknown[]) =>
    trainer.handle({ id: id++, channel: channel as never, args })
  send('trainer:pace', { epochsPerSecond: null, stopAtEpoch: 100_000 })
  send('trainer:watch', watch)
  send('trainer:load', defaultStudioModel())
  send('trainer:play')
  const run = (forMs: number) => {
    const start = cpuMs()
    epochs = 0
    events = 0
    withNeurons = 0
    while (cpuMs() - start < forMs && timers.length > 0) timers.shift()!()
    return (epochs / (cpuMs() - start)) * 1000
  }
  run(Math.max(300, ms / 3))
  const epochsPerSecond = run(ms)
  trainer.dispose()
  return { epochsPerSecond, events, withNeurons }
}

/**
 * One epoch of a hidden × units tanh network on `points` moons, and the extras the trainer computes
 * for it (boundary grid at its size for that network, the 32 × 32 neuron grids), in ms of CPU time.
 */
export function capRow(hidden: number, units: number, points: number, ms: number) {
  const dataset = { classes: ['a', 'b'], train: makeMoons(points, 0.15, 42), test: [] }
  const file = createModelFile({
    dataset,
    layers: [
      ...Array.from({ length: hidden }, () => ({
        units,
        activation: 'tanh' as const,
        init: 'xavier' as const,
      })),
      { units: 1, activation: 'tanh' as const, init: 'xavier' as const },
    ],
    training: { optimizer: { ...defaultOptimizer('adam'), learningRate: 0.01 } },
    seed: 1,
  })
  const session = TrainingSession.fromModelFile(file)
  const bounds = dataBounds(dataset.train)
  const time = (fn: () => void, budget: number) => {
    fn()
    const t0 = cpuMs()
    let n = 0
    do {
      fn()
      n++
    } while (cpuMs() - t0 < budget)
    return (cpuMs() - t0) / n
  }
  const epochMs = time(() => session.step(1), ms)
  const size = boundarySize(session.parameterCount)
  const gridMs = time(() => session.boundaryGrid(size, bounds), ms / 3)
  const cells = neuronGridSize(session.parameterCount)
  const neuronsMs = time(() => session.neuronGrids(cells, bounds), ms / 3)
  return {
    hidden,
    units,
    points,
    parameters: session.parameterCount,
    parameterPoints: session.parameterCount * points,
    epochMs,
    nsPerParameterPoint: (epochMs * 1e6) / (session.parameterCount * points),
    gridSize: size,
    gridMs,
    neuronCells: cells,
    neuronsMs,
  }
}

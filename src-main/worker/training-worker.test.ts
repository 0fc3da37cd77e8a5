import { describe, it, expect, beforeAll, afterAll } from 'vitest'
import { rmSync } from 'node:fs'
import { dirname } from 'node:path'
import { createWorkerHost } from '../worker-host.ts'
import type { WorkerHost } from '../worker-host.ts'
import { buildTrainingWorker } from '../testing/build-worker.ts'
import { tinyModelFile } from '../testing/fixtures.ts'
import type { TrainerEvent } from '../../shared/src/ipc.ts'

type Progress = Extract<TrainerEvent, { type: 'progress' }>

let workerPath = ''
let host: WorkerHost
let events: TrainerEvent[] = []

const progress = () => events.filter((e): e is Progress => e.type === 'progress')
const last = () => progress().at(-1)!
/** Waits until a new event matching `test` arrives after the current ones. */
async function next(test: (e: TrainerEvent) => boolean, timeoutMs = 10_000): Promise<TrainerEvent> {
  const from = events.length
  const start = Date.now()
  for (;;) {
    const hit = events.slice(from).find(test)
    if (hit) return hit
    if (Date.now() - start > timeoutMs) throw new Error('timed out waiting for a trainer event')
    await new Promise((r) => setTimeout(r, 10))
  }
}

beforeAll(async () => {
  workerPath = await buildTrainingWorker()
}, 60_000)

afterAll(async () => {
  await host?.dispose()
  if (workerPath) rmSync(dirname(workerPath), { recursive: true, force: true })
})

describe('training worker (a real worker_thread)', () => {
  it('answers every command through the worker host', async () => {
    events = []
    host = createWorkerHost({ workerPath, onEvent: (e) => events.push(e) })
    const file = tinyModelFile()

    // Nothing loaded yet: commands that need a model say so.
    await expect(host.invoke('trainer:play', [])).rejects.toThrow(/No model is loaded/)
    await expect(host.invoke('trainer:snapshot', [])).resolves.toBeNull()

    // load: one progress event at epoch 0 with a full grid, transferred as a Float32Array.
    await host.invoke('trainer:load', [file])
    const loaded = last()
    expect(loaded).toMatchObject({ running: false, epoch: 0, metrics: [] })
    expect(loaded.grid.values).toBeInstanceOf(Float32Array)
    expect(loaded.grid.values.length).toBe(loaded.grid.size * loaded.grid.size * loaded.grid.outputs)
    expect(loaded.grid.values.every(Number.isFinite)).toBe(true)

    // step: exactly the asked epochs, one metrics entry each.
    await host.invoke('trainer:step', [3])
    expect(last().epoch).toBe(3)
    expect(last().metrics.map((m) => m.epoch)).toEqual([1, 2, 3])
    const firstLoss = last().metrics[0].trainLoss

    // play: progress keeps arriving while running, in batches, with the epoch growing.
    await host.invoke('trainer:play', [])
    await next((e) => e.type === 'progress' && e.running && e.epoch > 10)
    const batches = progress().filter((e) => e.running)
    expect(batches.some((e) => e.metrics.length > 1)).toBe(true)

    // update while running: accepted, and the snapshot carries it.
    await host.invoke('trainer:update', [{ l2: 0.001 }])

    // pause: the epoch stops moving.
    await host.invoke('trainer:pause', [])
    const paused = last()
    expect(paused.running).toBe(false)
    await new Promise((r) => setTimeout(r, 150))
    expect(last().epoch).toBe(paused.epoch)

    const snap = await host.invoke('trainer:snapshot', [])
    expect(snap?.training.epoch).toBe(paused.epoch)
    expect(snap?.training.l2).toBe(0.001)
    expect(snap?.history).toHaveLength(paused.epoch)

    // reset: back to epoch 0 and, stepping again, the same first loss.
    await host.invoke('trainer:reset', [])
    expect(last().epoch).toBe(0)
    await host.invoke('trainer:update', [{ l2: 0 }])
    await host.invoke('trainer:step', [1])
    expect(last().metrics[0].trainLoss).toBe(firstLoss)
  }, 30_000)

  it('reports bad commands as errors and keeps working', async () => {
    await expect(host.invoke('trainer:step', [0])).rejects.toThrow(/whole number from 1 to/)
    await expect(host.invoke('trainer:load', [{ format: 'nope' } as never])).rejects.toThrow()
    await host.invoke('trainer:step', [1])
    expect(last().epoch).toBeGreaterThan(0)
  })

  it('sends a diverged event with a message when the loss blows up', async () => {
    const file = tinyModelFile()
    for (const layer of file.network.layers) layer.activation = 'linear'
    file.training.optimizer = { type: 'sgd', learningRate: 50, momentum: 0 }
    await host.invoke('trainer:load', [file])
    await host.invoke('trainer:play', [])
    const diverged = await next((e) => e.type === 'diverged')
    expect(diverged).toMatchObject({ type: 'diverged', message: expect.any(String) })
    expect((diverged as { message: string }).message.length).toBeGreaterThan(10)
    await expect(host.invoke('trainer:play', [])).rejects.toThrow()
  })

  it('restarts into a fresh worker and ends cleanly', async () => {
    await host.restart()
    expect(host.running).toBe(false)
    await expect(host.invoke('trainer:snapshot', [])).resolves.toBeNull()
    expect(host.running).toBe(true)
    await host.dispose()
    expect(host.running).toBe(false)
    await expect(host.invoke('trainer:play', [])).rejects.toThrow(/shut down/)
  })
})

import { parseModelDocument } from '../model-file/parse.ts'
import { describe, expect, it } from 'vitest'
import type { ModelFile } from '../model-file/types.ts'
import { makeMoons } from '../data/moons.ts'
import { trainerHarness as harness, moonsFile } from '../testing/trainer-harness.ts'
import { MAX_EPOCHS, MAX_STEP_EPOCHS } from '../ipc.ts'
import { boundarySize, DEFAULT_PACE, isDue, neuronGridSize } from './trainer.ts'
import { flattenParameters } from './evaluator.ts'

describe('createTrainer', () => {
  it('answers load with a progress event carrying a grid over the data, and transfers the grid buffer', async () => {
    const h = harness()
    await h.client.invoke('trainer:load', h.file)
    const [p] = h.progress()
    expect(p.type === 'progress' && p.epoch).toBe(0)
    if (p.type !== 'progress') throw new Error('expected progress')
    expect(p.running).toBe(false)
    expect(p.grid.size).toBe(8)
    expect(p.grid.values).toHaveLength(64)
    expect(p.grid.values.every(Number.isFinite)).toBe(true)
    for (const [x, y] of h.file.dataset.train) {
      expect(x).toBeGreaterThan(p.grid.xMin)
      expect(x).toBeLessThan(p.grid.xMax)
      expect(y).toBeGreaterThan(p.grid.yMin)
      expect(y).toBeLessThan(p.grid.yMax)
    }
    expect(h.transfers[0][0]).toBe(p.grid.values.buffer)
  })

  it('plays in slices, each posting the epochs it finished, and pause stops the clock of epochs', async () => {
    const h = harness()
    await h.client.invoke('trainer:load', h.file)
    await h.client.invoke('trainer:play')
    await h.runTimers(3)
    const during = h.progress().slice(1)
    expect(during.length).toBe(3)
    expect(during.every((e) => e.type === 'progress' && e.running && e.metrics.length > 0)).toBe(true)
    const epochs = h.metrics().map((m) => m.epoch)
    expect(epochs).toEqual(epochs.map((_, i) => i + 1))
    await h.client.invoke('trainer:pause')
    const last = h.progress().at(-1)!
    expect(last.type === 'progress' && last.running).toBe(false)
    const before = h.metrics().length
    await h.runTimers(5)
    expect(h.metrics().length).toBe(before)
  })

  it('carries the weights only when watched: after every command, and while playing at a bounded rate', async () => {
    const h = harness()
    await h.client.invoke('trainer:load', h.file)
    expect(h.progress()[0]).not.toHaveProperty('parameters')
    await h.client.invoke('trainer:watch', { parameters: true })
    const watched = h.progress().at(-1)!
    if (watched.type !== 'progress' || !watched.parameters) throw new Error('expected parameters')
    expect([...watched.parameters]).toEqual([...flattenParameters(h.file.network)])
    // Transferred, not copied: the buffer is the event's own.
    expect(h.transfers.at(-1)).toContain(watched.parameters.buffer)

    await h.client.invoke('trainer:play')
    await h.runTimers(40)
    const playing = h.progress().filter((e) => e.type === 'progress' && e.running)
    const carrying = playing.filter((e) => e.type === 'progress' && e.parameters)
    // The clock moves about 5 ms a slice: far fewer than every event carries them, but some do.
    expect(carrying.length).toBeGreaterThan(0)
    expect(carrying.length).toBeLessThan(playing.length / 3)
    await h.client.invoke('trainer:pause')
    const paused = h.progress().at(-1)!
    if (paused.type !== 'progress' || !paused.parameters) throw new Error('expected parameters after pause')
    const saved = await h.client.invoke('trainer:snapshot')
    expect([...paused.parameters]).toEqual([...flattenParameters(saved!.network)])

    await h.client.invoke('trainer:watch', { parameters: false })
    await h.client.invoke('trainer:step', 1)
    expect(h.progress().at(-1)).not.toHaveProperty('parameters')
  })

  it('writes the session as model-file text with the app’s studio object beside it', async () => {
    const h = harness()
    expect(await h.client.invoke('trainer:serialize', {})).toBeNull()
    await h.client.invoke('trainer:load', h.file)
    await h.client.invoke('trainer:step', 3)
    const studio = { view: 'graph', pace: { epochsPerSecond: null, stopAtEpoch: 500 } }
    const text = (await h.client.invoke('trainer:serialize', studio))!
    const doc = parseModelDocument(text)
    expect(doc.studio).toEqual(studio)
    expect(doc.file).toEqual(await h.client.invoke('trainer:snapshot'))
    await expect(h.client.invoke('trainer:serialize', { bad: Number.NaN })).rejects.toThrow(
      /studio\.bad must be a finite number/,
    )
  })

  it('steps exactly the epochs asked for and refuses absurd counts', async () => {
    const h = harness()
    await h.client.invoke('trainer:load', h.file)
    await h.client.invoke('trainer:step', 3)
    expect(h.metrics().map((m) => m.epoch)).toEqual([1, 2, 3])
    await expect(h.client.invoke('trainer:step', 0)).rejects.toThrow(/whole number from 1 to/)
    await expect(h.client.invoke('trainer:step', MAX_STEP_EPOCHS + 1)).rejects.toThrow(/whole number/)
    await expect(h.client.invoke('trainer:step', 1.5)).rejects.toThrow(/whole number/)
  })

  it('resets to the same initial weights, so the first epoch repeats exactly, keeping changed settings', async () => {
    const h = harness()
    await h.client.invoke('trainer:load', h.file)
    await h.client.invoke('trainer:step', 2)
    const first = h.metrics()[0]
    await h.client.invoke('trainer:reset')
    const afterReset = h.progress().at(-1)!
    expect(afterReset.type === 'progress' && afterReset.epoch).toBe(0)
    await h.client.invoke('trainer:step', 1)
    expect(h.metrics().at(-1)).toEqual(first)

    await h.client.invoke('trainer:update', { l2: 0.01 })
    await h.client.invoke('trainer:reset')
    const snap = await h.client.invoke('trainer:snapshot')
    expect(snap?.training.l2).toBe(0.01)
    expect(snap?.training.epoch).toBe(0)
    expect(snap?.network).toEqual(h.file.network)
  })

  it('stops and says why when the loss diverges, and trains again after a lower rate and a reset', async () => {
    // A linear network with a huge learning rate overshoots further every step, until numbers overflow.
    const h = harness(moonsFile({ optimizer: { type: 'sgd', learningRate: 1e3, momentum: 0 } }, 'linear'))
    await h.client.invoke('trainer:load', h.file)
    await h.client.invoke('trainer:play')
    await h.runTimers(20)
    const diverged = h.events.find((e) => e.type === 'diverged')
    expect(diverged).toBeDefined()
    expect(diverged?.type === 'diverged' && diverged.message).toMatch(/learning rate/i)
    expect(h.metrics().every((m) => Number.isFinite(m.trainLoss))).toBe(true)
    await expect(h.client.invoke('trainer:play')).rejects.toThrow()
    await h.client.invoke('trainer:update', { optimizer: { type: 'sgd', learningRate: 0.01, momentum: 0 } })
    // The weights kept are the last finite ones, already huge: rewind them, keeping the new rate.
    await h.client.invoke('trainer:reset')
    await h.client.invoke('trainer:play')
    await h.runTimers(1)
    expect(h.progress().at(-1)?.type === 'progress' && h.progress().at(-1)!.metrics.length).toBeGreaterThan(0)
  })

  it('says a divergence once: reset, pause and a new load do not repeat the old one', async () => {
    const h = harness(moonsFile({ optimizer: { type: 'sgd', learningRate: 1e3, momentum: 0 } }, 'linear'))
    await h.client.invoke('trainer:load', h.file)
    await h.client.invoke('trainer:play')
    await h.runTimers(20)
    const count = () => h.events.filter((e) => e.type === 'diverged').length
    expect(count()).toBe(1)
    await h.client.invoke('trainer:pause')
    await h.client.invoke('trainer:reset')
    expect(count()).toBe(1)
    await h.client.invoke('trainer:play')
    await h.runTimers(20)
    expect(count()).toBe(2)
    await h.client.invoke('trainer:load', moonsFile())
    h.trainer.dispose()
    expect(count()).toBe(2)
  })

  it('a slice that throws stops the run and says why in an error event, instead of killing the worker', async () => {
    const empty = moonsFile()
    const h = harness({ ...empty, dataset: { ...empty.dataset, train: [] } })
    await h.client.invoke('trainer:load', h.file)
    await h.client.invoke('trainer:play')
    await h.runTimers(5)
    const error = h.events.find((e) => e.type === 'error')
    expect(error?.type === 'error' && error.message).toMatch(/training set is empty/)
    expect(h.progress().at(-1)?.running).toBe(false)
    expect(h.timers.size).toBe(0)
    // Not stuck "running": play is tried again (and fails the same clear way).
    await h.client.invoke('trainer:play')
    await h.runTimers(5)
    expect(h.events.filter((e) => e.type === 'error')).toHaveLength(2)
  })

  it("stops by itself at the pace's epoch, and says so when asked to play on", async () => {
    const h = harness()
    await h.client.invoke('trainer:pace', { epochsPerSecond: null, stopAtEpoch: 7 })
    await h.client.invoke('trainer:load', h.file)
    await h.client.invoke('trainer:play')
    await h.runTimers(50)
    expect(h.metrics().at(-1)?.epoch).toBe(7)
    expect(h.progress().at(-1)?.running).toBe(false)
    expect(h.timers.size).toBe(0)
    await expect(h.client.invoke('trainer:play')).rejects.toThrow(/stops at epoch 7.*Raise "Stop at"/)
    // The pace outlives loads and resets.
    await h.client.invoke('trainer:reset')
    await h.client.invoke('trainer:play')
    await h.runTimers(50)
    expect(h.progress().at(-1)?.epoch).toBe(7)
  })

  it('trains at the set pace, and at full speed again when the pace is lifted mid-run', async () => {
    const h = harness()
    await h.client.invoke('trainer:load', h.file)
    // The fake clock moves 1 ms per reading: a few readings per slice make ~10 ms, i.e. 1 epoch at 100/s.
    await h.client.invoke('trainer:pace', { epochsPerSecond: 100, stopAtEpoch: 1000 })
    await h.client.invoke('trainer:play')
    await h.runTimers(20)
    const paced = h.metrics().length
    expect(paced).toBeGreaterThan(0)
    expect(paced).toBeLessThanOrEqual(20)
    await h.client.invoke('trainer:pace', { ...DEFAULT_PACE })
    await h.runTimers(20)
    expect(h.metrics().length - paced).toBeGreaterThan(20)
    const epochs = h.metrics().map((m) => m.epoch)
    expect(epochs).toEqual(epochs.map((_, i) => i + 1))
  })

  it('refuses a pace or a step beyond what a history may hold', async () => {
    const h = harness()
    await h.client.invoke('trainer:load', h.file)
    await expect(
      h.client.invoke('trainer:pace', { epochsPerSecond: null, stopAtEpoch: MAX_EPOCHS + 1 }),
    ).rejects.toThrow(/stopAtEpoch/)
    await expect(h.client.invoke('trainer:pace', { epochsPerSecond: -5, stopAtEpoch: 10 })).rejects.toThrow(
      /epochsPerSecond/,
    )
    const done = { ...h.file, training: { ...h.file.training, epoch: MAX_EPOCHS } }
    await h.client.invoke('trainer:load', done)
    await expect(h.client.invoke('trainer:step', 1)).rejects.toThrow(/the most a history holds/)
  })

  it('answers commands before a load, unknown commands and bad models with errors, not crashes', async () => {
    const h = harness()
    await expect(h.client.invoke('trainer:play')).rejects.toThrow(/No model is loaded/)
    expect(await h.client.invoke('trainer:snapshot')).toBeNull()
    const bad = { ...h.file, network: { inputs: ['x1', 'x2'], layers: [] } } as unknown as ModelFile
    await expect(h.client.invoke('trainer:load', bad)).rejects.toThrow()
    const unknown = (h.client.invoke as (c: string) => Promise<unknown>)('trainer:explode')
    await expect(unknown).rejects.toThrow(/Unknown request/)
  })

  it("'trainer:dataset' swaps the points in place: weights, optimizer, epoch and history untouched, even mid-run", async () => {
    const h = harness(moonsFile({ optimizer: { type: 'sgd', learningRate: 0.05, momentum: 0.9 } }))
    await h.client.invoke('trainer:load', h.file)
    await h.client.invoke('trainer:step', 4)
    const before = (await h.client.invoke('trainer:snapshot'))!
    const next = { classes: ['blue', 'orange'], train: makeMoons(30, 0.2, 7), test: [] }
    await h.client.invoke('trainer:dataset', next)
    const after = (await h.client.invoke('trainer:snapshot'))!
    expect(after.network).toEqual(before.network)
    expect(after.training).toEqual(before.training)
    expect(after.history).toEqual(before.history)
    expect(after.dataset).toEqual(next)
    // A progress event answers it (the plot and the results refresh), at the same epoch.
    expect(h.progress().at(-1)?.epoch).toBe(4)

    // While playing: the run goes on, the epochs keep counting up one by one.
    await h.client.invoke('trainer:play')
    await h.runTimers(3)
    await h.client.invoke('trainer:dataset', { ...next, train: makeMoons(12, 0.2, 8) })
    await h.runTimers(3)
    expect(h.progress().at(-1)?.running).toBe(true)
    const epochs = h.metrics().map((m) => m.epoch)
    expect(epochs).toEqual(epochs.map((_, i) => i + 1))
    await h.client.invoke('trainer:pause')
    // A reset rewinds the weights, not the edits.
    await h.client.invoke('trainer:reset')
    expect((await h.client.invoke('trainer:snapshot'))!.dataset.train).toHaveLength(12)
  })

  it("'trainer:dataset' refuses bad points with a clear error and changes nothing", async () => {
    const h = harness()
    await h.client.invoke('trainer:load', h.file)
    const before = await h.client.invoke('trainer:snapshot')
    const bad: unknown[] = [
      { classes: ['a'], train: [], test: [] },
      { classes: ['a', 'a'], train: [], test: [] },
      { classes: ['a', 'b'], train: [[0, Infinity, 0]], test: [] },
      { classes: ['a', 'b'], train: [[0, 0, 2]], test: [] },
      { classes: ['a', 'b'], train: [[0, 0, 0.5]], test: [] },
      { classes: ['a', 'b'], train: [], test: [], extra: 1 },
      { classes: ['a', 'b'], train: 'many' },
      // Three classes for a network with one output: valid data, but not for this network.
      { classes: ['a', 'b', 'c'], train: [[0, 0, 2]], test: [] },
    ]
    for (const dataset of bad)
      await expect(h.client.invoke('trainer:dataset', dataset as never)).rejects.toThrow(
        /classes|point 1|unknown field|list of points|output unit/,
      )
    const huge = { classes: ['a', 'b'], train: Array.from({ length: 100_001 }, () => [0, 0, 0]), test: [] }
    await expect(h.client.invoke('trainer:dataset', huge as never)).rejects.toThrow(/at most 100000 points/)
    expect(await h.client.invoke('trainer:snapshot')).toEqual(before)
  })

  it("'trainer:view' sets the square the grids cover, kept across loads and resets", async () => {
    const h = harness()
    const view = { xMin: -5, xMax: 5, yMin: -4, yMax: 6 }
    await h.client.invoke('trainer:view', view)
    await h.client.invoke('trainer:load', h.file)
    expect(h.progress().at(-1)?.type === 'progress' && h.progress().at(-1)).toMatchObject({ grid: view })
    await h.client.invoke('trainer:reset')
    expect(h.progress().at(-1)).toMatchObject({ grid: view })
    await expect(h.client.invoke('trainer:view', { xMin: 1, xMax: 0, yMin: 0, yMax: 1 })).rejects.toThrow(
      /xMax > xMin/,
    )
    await expect(h.client.invoke('trainer:view', { xMin: 0, xMax: NaN, yMin: 0, yMax: 1 })).rejects.toThrow(
      /finite number/,
    )
  })

  it('carries neuron grids and point outputs only when watched, transferred, at a bounded rate while playing', async () => {
    const h = harness()
    await h.client.invoke('trainer:load', h.file)
    expect(h.progress()[0]).not.toHaveProperty('neurons')
    expect(h.progress()[0]).not.toHaveProperty('points')
    await h.client.invoke('trainer:watch', { parameters: false, neurons: true, points: true })
    const first = h.progress().at(-1)!
    if (first.type !== 'progress' || !first.neurons || !first.points) throw new Error('expected the extras')
    // notebookLayers: 4 tanh units, then 1 output; 32 × 32 cells each.
    expect(first.neurons.units).toEqual([4, 1])
    expect(first.neurons.values).toHaveLength(5 * 32 * 32)
    expect(first.points.train.predicted).toHaveLength(h.file.dataset.train.length)
    expect(first.points.test.loss).toHaveLength(h.file.dataset.test.length)
    expect(h.transfers.at(-1)).toContain(first.neurons.values.buffer)
    expect(h.transfers.at(-1)).toContain(first.points.train.loss.buffer)

    await h.client.invoke('trainer:play')
    await h.runTimers(60)
    const playing = h.progress().filter((e) => e.type === 'progress' && e.running)
    const withNeurons = playing.filter((e) => e.type === 'progress' && e.neurons).length
    const withPoints = playing.filter((e) => e.type === 'progress' && e.points).length
    expect(withNeurons).toBeGreaterThan(0)
    expect(withNeurons).toBeLessThan(playing.length / 3)
    expect(withPoints).toBeGreaterThan(0)
    expect(withPoints).toBeLessThanOrEqual(withNeurons)
    await h.client.invoke('trainer:watch', { parameters: false })
    await h.runTimers(10)
    expect(h.progress().at(-1)).not.toHaveProperty('neurons')
  })

  it('keeps the boundary grid and the extras within a share of the time: fewer cells for big networks', () => {
    expect(boundarySize(105)).toBe(100)
    expect(boundarySize(500)).toBe(100)
    expect(boundarySize(1_000)).toBe(70) // √(5,000,000 / 1,000)
    expect(boundarySize(30_000)).toBe(40)
    expect(boundarySize(30_000, 8)).toBe(8)
    expect(neuronGridSize(105)).toBe(32)
    expect(neuronGridSize(29_377)).toBe(16)
    expect(isDue(100, 0, 10, 50)).toBe(true)
    expect(isDue(100, 0, 30, 50)).toBe(false) // 4 × 30 ms not yet passed
    expect(isDue(40, 0, 1, 50)).toBe(false)
  })
})

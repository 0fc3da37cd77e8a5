/** The training store's time travel and diagnostics, against shared/'s real trainer in this thread. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import type { AppApi } from '../../shared/src/ipc.ts'
import { createWebApi } from '../bridge/web.ts'
import { inThreadWorker } from '../testing/fakes.ts'
import { useTrainingStore } from './training.ts'

let worker: ReturnType<typeof inThreadWorker>
let api: AppApi
beforeEach(() => {
  setActivePinia(createPinia())
  worker = inThreadWorker()
  api = createWebApi(worker.port)
})
afterEach(() => worker.dispose())

async function waitFor(check: () => boolean) {
  for (let i = 0; i < 600 && !check(); i++) await new Promise((r) => setTimeout(r, 5))
  expect(check()).toBe(true)
}

/** A store connected to the trainer, trained `epochs` epochs. */
async function trained(epochs: number) {
  const training = useTrainingStore()
  await training.connect(api)
  await waitFor(() => training.grid !== null)
  if (epochs > 0) await api.step(epochs)
  await waitFor(() => training.liveEpoch === epochs)
  return training
}

describe('looking back', () => {
  it('the views read the epoch looked at; the live values and the curves stay now', async () => {
    const training = await trained(30)
    expect(training.timelineEpochs).toEqual(Array.from({ length: 31 }, (_, i) => i))
    const now = { grid: training.grid, latest: training.latest }
    await training.lookBack(10)
    await waitFor(() => training.viewing !== null)
    expect(training.epoch).toBe(10)
    expect(training.latest).toEqual(training.history.entries[9])
    expect(training.grid).not.toBe(now.grid)
    expect([...training.grid!.values]).not.toEqual([...now.grid!.values])
    expect(training.network).not.toBeNull()
    expect(training.liveEpoch).toBe(30)
    expect(training.liveLatest).toEqual(now.latest)
    expect(training.liveGrid).toBe(now.grid)
    expect(training.history.entries).toHaveLength(30)

    // Training goes on underneath.
    await api.step(2)
    await waitFor(() => training.liveEpoch === 32)
    expect(training.epoch).toBe(10)
    expect(training.timelineEpochs.at(-1)).toBe(32)

    training.backToNow()
    expect(training.epoch).toBe(32)
    expect(training.grid).toBe(training.liveGrid)
    expect(training.latest?.epoch).toBe(32)
  })

  it('only the latest of many quick requests is waited for, and a reply after letting go is ignored', async () => {
    const training = await trained(20)
    const asked: number[] = []
    const look = api.lookBack
    api.lookBack = (epoch) => (asked.push(epoch), look(epoch))
    for (const e of [1, 2, 3, 4, 5, 6]) void training.lookBack(e)
    await waitFor(() => training.viewing?.epoch === 6)
    expect(asked).toEqual([1, 6])
    void training.lookBack(3)
    training.backToNow()
    await new Promise((r) => setTimeout(r, 30))
    expect(training.viewing).toBeNull()
    expect(training.epoch).toBe(20)
  })

  it('a view that starts watching while looking back gets that epoch’s extras', async () => {
    const training = await trained(8)
    await training.lookBack(3)
    await waitFor(() => training.viewing !== null)
    expect(training.neurons).toBeNull()
    const release = training.needNeurons()
    await waitFor(() => training.neurons !== null)
    expect(training.epoch).toBe(3)
    release()
  })

  it('a reset goes back to now', async () => {
    const training = await trained(5)
    await training.lookBack(2)
    await waitFor(() => training.viewing !== null)
    await training.reset()
    await waitFor(() => training.liveEpoch === 0)
    expect(training.viewing).toBeNull()
    expect(training.lookingAt).toBeNull()
    expect(training.timelineEpochs).toEqual([0])
  })
})

describe('continue from here', () => {
  it('forks from the epoch shown, keeps the curves before it, and undoes once', async () => {
    const training = await trained(40)
    const run = training.run
    await training.lookBack(15)
    await waitFor(() => training.viewing !== null)
    expect(await training.continueFromHere()).toBe(true)
    expect(training.forkNotice).toEqual({ kind: 'forked', epoch: 15, replaced: 25 })
    expect(training.viewing).toBeNull()
    expect(training.epoch).toBe(15)
    expect(training.history.entries.map((m) => m.epoch)).toEqual(Array.from({ length: 15 }, (_, i) => i + 1))
    expect(training.run).toBe(run)
    expect(training.canUndoFork).toBe(true)
    expect(training.timelineEpochs.at(-1)).toBe(15)

    await api.step(3)
    await waitFor(() => training.liveEpoch === 18)
    expect(await training.undoContinue()).toBe(true)
    expect(training.epoch).toBe(40)
    expect(training.history.entries).toHaveLength(40)
    expect(training.forkNotice).toEqual({ kind: 'undone', epoch: 40 })
    expect(training.canUndoFork).toBe(false)
    expect(await training.undoContinue()).toBe(false)
    expect(training.error).toMatch(/to undo/)
  })

  it('does nothing while showing now', async () => {
    const training = await trained(3)
    expect(await training.continueFromHere()).toBe(false)
    expect(training.forkNotice).toBeNull()
  })
})

describe('the timeline in a model file', () => {
  it('round-trips through loadFile; a damaged one opens the model with a notice', async () => {
    const training = await trained(25)
    const file = (await training.snapshot())!
    const saved = JSON.parse(JSON.stringify(await training.timelineForFile()))
    expect(saved.snapshots).toHaveLength(26)

    expect(await training.loadFile(file, () => {}, undefined, saved)).toBe(true)
    await waitFor(() => training.timelineEpochs.length === 26)
    expect(training.timelineNotice).toBeNull()
    await training.lookBack(7)
    await waitFor(() => training.viewing?.epoch === 7)

    // Without one, the timeline starts at the file's epoch.
    expect(await training.loadFile(file)).toBe(true)
    await waitFor(() => training.timelineEpochs.length === 1)
    expect(training.timelineEpochs).toEqual([25])

    const damaged = { ...saved, snapshots: [{ ...saved.snapshots[0], rng: 'lost' }] }
    expect(await training.loadFile(file, () => {}, undefined, damaged)).toBe(true)
    expect(training.timelineNotice).toBe(
      'The snapshots saved in this file could not be used (Snapshot 1 of the timeline: rng must be four whole ' +
        'numbers from 0 to 4294967295), so the timeline starts at epoch 25. The model itself opened as saved.',
    )
    expect(training.liveEpoch).toBe(25)
    expect(training.loaded).toBe(true)
    expect(training.error).toBeNull()
  })
})

describe('diagnostics', () => {
  it('keeps a series per layer while watched, and shows the epoch looked at', async () => {
    const training = await trained(0)
    const release = training.needDiagnostics()
    await waitFor(() => training.diagnostics !== null)
    const layers = training.loadedNetwork!.layers.length
    expect(training.diagnostics).toHaveLength(layers)
    for (let i = 1; i <= 4; i++) {
      await api.step(5)
      await waitFor(() => training.liveEpoch === 5 * i)
      await waitFor(() => training.diagnosticsLog.samples.at(-1)?.epoch === 5 * i)
    }
    const series = training.diagnosticsLog.samples
    // Every epoch the trainer snapshotted (each early one), besides the latest each event brings.
    expect(series.map((s) => s.epoch)).toEqual(Array.from({ length: 21 }, (_, i) => i))
    expect(series.every((s) => s.layers.length === layers)).toBe(true)
    expect(
      series.every((s) => s.layers.every((l) => l.gradientNorm > 0 && l.dead >= 0 && l.saturated <= 1)),
    ).toBe(true)
    await training.lookBack(10)
    await waitFor(() => training.viewing !== null)
    expect(training.diagnostics![0].gradientNorm).toBeCloseTo(series[10].layers[0].gradientNorm, 12)
    release()
  })
})

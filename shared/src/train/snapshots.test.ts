import { describe, expect, it } from 'vitest'
import { MAX_EPOCHS } from '../ipc.ts'
import { generatePresetDataset } from '../data/index.ts'
import { createModelFile, defaultOptimizer } from './new-model.ts'
import { TrainingSession } from './session.ts'
import {
  DENSE_EPOCHS,
  MAX_SNAPSHOTS,
  SNAPSHOT_BUDGET_BYTES,
  SnapshotTimeline,
  keepsEpoch,
  keptCount,
  snapshotBytes,
  snapshotPlan,
  type Snapshot,
} from './snapshots.ts'

const fake = (epoch: number, size = 3): Snapshot => ({
  epoch,
  parameters: new Float64Array(size),
  optimizerType: 'sgd',
  optimizer: new Float64Array(size),
  rng: [1, 2, 3, 4],
})

/** The parameter count of an MLP with these layer widths. */
const params = (widths: number[]) => widths.slice(1).reduce((n, w, i) => n + w * (widths[i] + 1), 0)

describe('snapshot spacing', () => {
  it('keeps every epoch up to D, then about D per doubling', () => {
    const kept = Array.from({ length: 1000 }, (_, i) => i + 1).filter((e) => keepsEpoch(e, 100))
    expect(kept.slice(0, 199)).toEqual(Array.from({ length: 199 }, (_, i) => i + 1))
    expect(kept.filter((e) => e >= 200 && e < 400).every((e) => e % 2 === 0)).toBe(true)
    expect(kept.filter((e) => e >= 400 && e < 800)).toHaveLength(100)
  })

  it('counts exactly what the rule keeps', () => {
    for (const dense of [1, 3, 7, 50, 100])
      for (const last of [1, 2, 99, 100, 101, 250, 1000, 4097, 20_000]) {
        let brute = 0
        for (let e = 1; e <= last; e++) if (keepsEpoch(e, dense)) brute++
        expect(keptCount(last, dense), `dense ${dense}, last ${last}`).toBe(brute)
      }
  })

  it('gives the default network every epoch of the first hundred and fits the longest run', () => {
    const p = params([2, 8, 8, 1])
    const plan = snapshotPlan(p, 2 * p + 1)
    expect(plan.dense).toBe(DENSE_EPOCHS)
    expect(keptCount(MAX_EPOCHS, plan.dense) + 1).toBeLessThanOrEqual(plan.capacity)
    expect(plan.capacity).toBe(MAX_SNAPSHOTS)
  })

  it('gives the largest network fewer snapshots within the same memory budget', () => {
    const p = params([7, 64, 64, 64, 64, 64, 64, 64, 64, 6])
    const plan = snapshotPlan(p, 2 * p + 1)
    expect(plan.capacity * snapshotBytes(p, 2 * p + 1)).toBeLessThanOrEqual(SNAPSHOT_BUDGET_BYTES)
    expect(keptCount(MAX_EPOCHS, plan.dense) + 1).toBeLessThanOrEqual(plan.capacity)
    expect(plan.dense).toBeGreaterThanOrEqual(1)
    expect(plan.dense).toBeLessThan(DENSE_EPOCHS)
  })
})

describe('SnapshotTimeline', () => {
  it('stays within its budget over the longest run, and finds the latest snapshot at or before an epoch', () => {
    const size = 20_000
    const timeline = new SnapshotTimeline(size, size)
    let kept = 0
    for (let e = 0; e <= MAX_EPOCHS; e++) if (timeline.wants(e)) kept += timeline.offer(fake(e, size)) ? 1 : 0
    expect(timeline.size).toBe(kept)
    expect(timeline.size).toBeLessThanOrEqual(timeline.capacity)
    expect(timeline.bytes).toBeLessThanOrEqual(SNAPSHOT_BUDGET_BYTES)
    const epochs = timeline.epochs()
    expect(epochs[0]).toBe(0)
    expect(epochs.at(-1)).toBeGreaterThan(MAX_EPOCHS / 2)
    for (const e of [1, 77, 5_000, 33_333, MAX_EPOCHS])
      expect(timeline.at(e)!.epoch).toBe(Math.max(...epochs.filter((k) => k <= e)))
  })

  it('starts where the run starts (a loaded file may be far along) and forgets the future on a fork', () => {
    const timeline = new SnapshotTimeline(3, 3)
    expect(timeline.offer(fake(5000))).toBe(true)
    for (let e = 5001; e <= 5100; e++) timeline.offer(fake(e))
    expect(timeline.at(4999)).toBeNull()
    expect(timeline.at(5000)!.epoch).toBe(5000)
    timeline.truncateAfter(5050)
    expect(timeline.epochs().at(-1)).toBeLessThanOrEqual(5050)
    expect(timeline.offer(fake(5040))).toBe(false)
  })
})

describe('TrainingSession snapshot and restore (forks)', () => {
  const file = () =>
    createModelFile({
      dataset: generatePresetDataset('moons', { n: 80, seed: 3, testFraction: 0.25 }),
      layers: [
        { units: 6, activation: 'tanh' },
        { units: 1, activation: 'tanh' },
      ],
      // Mini-batches: the generator's state matters too.
      training: { optimizer: defaultOptimizer('adam'), batchSize: 16 },
      seed: 9,
    })

  it('continuing from a snapshot with the same settings retraces the original run bit for bit', () => {
    const original = TrainingSession.fromModelFile(file())
    original.step(20)
    const at20 = original.snapshot()
    original.step(30)
    const fork = TrainingSession.fromModelFile(file())
    fork.step(45)
    fork.restore(at20)
    expect(fork.epoch).toBe(20)
    expect(fork.history).toHaveLength(20)
    fork.step(30)
    expect(fork.history).toEqual(original.history)
    expect(fork.snapshot().parameters).toEqual(original.snapshot().parameters)
  })

  it('equals a fresh session started from that snapshot’s weights and optimizer state', () => {
    const run = TrainingSession.fromModelFile(file())
    run.step(12)
    const saved = run.toModelFile()
    const snap = run.snapshot()
    run.step(8)
    run.restore(snap)
    const fresh = TrainingSession.fromModelFile(saved)
    expect(run.toModelFile()).toEqual(fresh.toModelFile())
    expect(run.step(10)).toEqual(fresh.step(10))
  })

  it('takes the current settings: a fork may change them, and a new optimizer kind starts afresh', () => {
    const a = TrainingSession.fromModelFile(file())
    a.step(10)
    const snap = a.snapshot()
    a.update({ optimizer: defaultOptimizer('sgd') })
    a.step(5)
    a.restore(snap)
    const b = TrainingSession.fromModelFile(file())
    b.step(10)
    b.update({ optimizer: defaultOptimizer('sgd') })
    expect(a.step(5)).toEqual(b.step(5))
  })

  it('refuses a snapshot of another network', () => {
    const a = TrainingSession.fromModelFile(file())
    expect(() => a.restore({ ...a.snapshot(), parameters: new Float64Array(3) })).toThrow(/another network/)
  })
})

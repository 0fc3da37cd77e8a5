/** The trainer's time travel: snapshots while training, looking back, forks and their undo, saved timelines. */
import { describe, expect, it } from 'vitest'
import { MAX_EPOCHS, type PastView } from '../ipc.ts'
import { trainerHarness as harness, moonsFile } from '../testing/trainer-harness.ts'
import { thinHistory } from './trainer.ts'
import { TrainingSession } from './session.ts'
import { encodeTimeline, type SavedTimeline } from './timeline-file.ts'
import type { RngState } from '../random.ts'

/** The snapshot epochs the renderer knows of, from the progress events as it would read them. */
function knownEpochs(h: ReturnType<typeof harness>): number[] {
  let epochs: number[] = []
  for (const e of h.progress())
    if (e.timeline) epochs = e.timeline.fresh ? [...e.timeline.epochs] : [...epochs, ...e.timeline.epochs]
  return epochs
}

describe('trainer snapshots', () => {
  it('keeps a snapshot of every early epoch, from the run’s start, and tells the renderer incrementally', async () => {
    const h = harness()
    await h.client.invoke('trainer:load', h.file)
    expect(h.progress()[0].timeline).toEqual({ fresh: true, epochs: [0] })
    await h.client.invoke('trainer:step', 5)
    expect(h.progress().at(-1)!.timeline).toEqual({ fresh: false, epochs: [1, 2, 3, 4, 5] })
    await h.client.invoke('trainer:play')
    await h.runTimers(10)
    await h.client.invoke('trainer:pause')
    const epoch = h.progress().at(-1)!.epoch
    expect(knownEpochs(h)).toEqual(Array.from({ length: epoch + 1 }, (_, i) => i))
    // An event with nothing new says nothing about the timeline.
    await h.client.invoke('trainer:view', { xMin: -2, xMax: 2, yMin: -2, yMax: 2 })
    expect(h.progress().at(-1)).not.toHaveProperty('timeline')
    await h.client.invoke('trainer:reset')
    expect(h.progress().at(-1)!.timeline).toEqual({ fresh: true, epochs: [0] })
  })

  it('looks back at a past epoch without disturbing the run: its weights, boundary and metrics', async () => {
    const h = harness()
    const quiet = harness()
    for (const t of [h, quiet]) {
      await t.client.invoke('trainer:load', t.file)
      await t.client.invoke('trainer:step', 30)
    }
    const now = h.progress().at(-1)!
    const past = (await h.client.invoke('trainer:look-back', 10))!
    const reference = TrainingSession.fromModelFile(h.file)
    reference.step(10)
    expect(past.epoch).toBe(10)
    expect([...past.parameters]).toEqual([...reference.parameterValues()])
    expect(past.metrics).toEqual(reference.history[9])
    expect([...past.grid.values]).not.toEqual([...now.grid.values])
    expect(past.grid).toMatchObject({ size: now.grid.size, xMin: now.grid.xMin, yMax: now.grid.yMax })
    // Its buffers are transferred with the reply, not copied.
    expect(h.transfers.at(-1)).toEqual([past.parameters.buffer, past.grid.values.buffer])
    // The start of the run has no metrics; an epoch between snapshots shows the one before it.
    expect((await h.client.invoke('trainer:look-back', 0))!.metrics).toBeNull()
    expect((await h.client.invoke('trainer:look-back', MAX_EPOCHS))!.epoch).toBe(30)
    // The run itself carries on exactly as one nobody looked at.
    await h.client.invoke('trainer:step', 5)
    await quiet.client.invoke('trainer:step', 5)
    expect(h.metrics()).toEqual(quiet.metrics())
  })

  it('looks back with the extras that are watched, computed for that epoch', async () => {
    const h = harness()
    await h.client.invoke('trainer:load', h.file)
    await h.client.invoke('trainer:step', 20)
    const plain = (await h.client.invoke('trainer:look-back', 5))!
    expect(plain).not.toHaveProperty('neurons')
    expect(plain).not.toHaveProperty('diagnostics')
    await h.client.invoke('trainer:watch', {
      parameters: true,
      neurons: true,
      points: true,
      diagnostics: true,
    })
    const now = h.progress().at(-1)!
    const past: PastView = (await h.client.invoke('trainer:look-back', 5))!
    expect(past.neurons!.units).toEqual([4, 1])
    expect(past.neurons!.values).toHaveLength(5 * 32 * 32)
    expect([...past.neurons!.values]).not.toEqual([...now.neurons!.values])
    expect(past.points!.train.loss).toHaveLength(h.file.dataset.train.length)
    expect(past.diagnostics!.map((d) => d.layer)).toEqual([1, 2])
    expect(past.diagnostics![0].gradientNorm).not.toBe(now.diagnostics![0].gradientNorm)
  })

  it('refuses epochs that are not whole numbers in range, and a look before a model is loaded is null', async () => {
    const h = harness()
    expect(await h.client.invoke('trainer:look-back', 3)).toBeNull()
    await expect(h.client.invoke('trainer:fork', 3)).rejects.toThrow(/No model is loaded/)
    await h.client.invoke('trainer:load', h.file)
    for (const bad of [-1, 1.5, MAX_EPOCHS + 1, Number.NaN, '3', null])
      await expect(h.client.invoke('trainer:look-back', bad as number)).rejects.toThrow(
        /the epoch to look at\) must be an epoch: a whole number from 0 to 100000/,
      )
    await expect(h.client.invoke('trainer:fork', -2)).rejects.toThrow(/the epoch to continue from/)
  })

  it('with recording off (the bench’s baseline) keeps no snapshots and says so', async () => {
    const h = harness(moonsFile(), { gridSize: 8, frameMs: 5, snapshots: false })
    await h.client.invoke('trainer:load', h.file)
    await h.client.invoke('trainer:step', 3)
    expect(h.progress().some((e) => e.timeline)).toBe(false)
    await expect(h.client.invoke('trainer:look-back', 1)).rejects.toThrow(/keeps no snapshots/)
    expect(await h.client.invoke('trainer:timeline')).toBeNull()
  })
})

describe('continuing from a snapshot (fork) and undoing it', () => {
  it('forks: the later history is replaced, and with unchanged settings the run retraces itself', async () => {
    const h = harness(moonsFile({ batchSize: 8 }))
    await h.client.invoke('trainer:load', h.file)
    await h.client.invoke('trainer:step', 30)
    const original = h.metrics()
    const result = await h.client.invoke('trainer:fork', 10)
    expect(result).toEqual({ epoch: 10, replaced: 20 })
    const forked = h.progress().at(-1)!
    expect(forked.epoch).toBe(10)
    expect(forked.metrics).toEqual([])
    expect(forked.history).toEqual(original.slice(0, 10))
    expect(forked.timeline).toEqual({ fresh: true, epochs: Array.from({ length: 11 }, (_, i) => i) })
    expect(forked.canUndoFork).toBe(true)
    await h.client.invoke('trainer:step', 20)
    expect(h.progress().at(-1)!.metrics).toEqual(original.slice(10))
    expect(knownEpochs(h)).toEqual(Array.from({ length: 31 }, (_, i) => i))
  })

  it('undo puts back the state, history and snapshots the fork replaced, once', async () => {
    const h = harness()
    await h.client.invoke('trainer:load', h.file)
    await h.client.invoke('trainer:step', 30)
    const before = (await h.client.invoke('trainer:snapshot'))!
    const at25 = (await h.client.invoke('trainer:look-back', 25))!
    await h.client.invoke('trainer:fork', 10)
    // A fork is where other settings are tried.
    await h.client.invoke('trainer:update', { optimizer: { type: 'sgd', learningRate: 0.5, momentum: 0 } })
    await h.client.invoke('trainer:step', 7)
    expect((await h.client.invoke('trainer:look-back', 17))!.epoch).toBe(17)
    await h.client.invoke('trainer:undo-fork')
    const undone = h.progress().at(-1)!
    expect(undone.epoch).toBe(30)
    expect(undone.history).toEqual(before.history)
    expect(undone.canUndoFork).toBe(false)
    expect(knownEpochs(h)).toEqual(Array.from({ length: 31 }, (_, i) => i))
    const after = (await h.client.invoke('trainer:snapshot'))!
    expect(after.network).toEqual(before.network)
    expect(after.history).toEqual(before.history)
    expect([...(await h.client.invoke('trainer:look-back', 25))!.parameters]).toEqual([...at25.parameters])
    await expect(h.client.invoke('trainer:undo-fork')).rejects.toThrow(/no “Continue from here” to undo/)
  })

  it('a load or reset forgets the undo; a fork clears a divergence so the run can go on', async () => {
    const h = harness(moonsFile({ optimizer: { type: 'sgd', learningRate: 1e3, momentum: 0 } }, 'linear'))
    await h.client.invoke('trainer:load', h.file)
    await h.client.invoke('trainer:play')
    await h.runTimers(20)
    const diverged = h.events.find((e) => e.type === 'diverged')
    expect(diverged?.type === 'diverged' && diverged.epoch).toBeGreaterThan(1)
    await expect(h.client.invoke('trainer:step', 1)).resolves.toBeUndefined()
    await h.client.invoke('trainer:update', { optimizer: { type: 'sgd', learningRate: 0.01, momentum: 0 } })
    await h.client.invoke('trainer:fork', 1)
    await h.client.invoke('trainer:step', 3)
    expect(h.progress().at(-1)!.epoch).toBe(4)
    expect(
      h
        .metrics()
        .slice(-3)
        .every((m) => Number.isFinite(m.trainLoss)),
    ).toBe(true)
    await h.client.invoke('trainer:reset')
    expect(h.progress().at(-1)!.canUndoFork).toBe(false)
    await expect(h.client.invoke('trainer:undo-fork')).rejects.toThrow(/to undo/)
  })
})

describe('saved timelines', () => {
  async function trained(epochs: number) {
    const h = harness()
    await h.client.invoke('trainer:load', h.file)
    await h.client.invoke('trainer:step', epochs)
    const file = (await h.client.invoke('trainer:snapshot'))!
    const timeline = (await h.client.invoke('trainer:timeline'))!
    return { h, file, timeline }
  }

  it('round-trips through JSON text: the reopened run looks back and continues exactly', async () => {
    const { h, file, timeline } = await trained(40)
    expect(timeline.snapshots.map((s) => s.epoch)).toEqual(knownEpochs(h))
    const text = JSON.stringify(timeline)
    const back = harness()
    await back.client.invoke('trainer:load', file)
    expect(back.progress().at(-1)!.timeline).toEqual({ fresh: true, epochs: [40] })
    await back.client.invoke('trainer:set-timeline', JSON.parse(text) as SavedTimeline)
    expect(back.progress().at(-1)!.timeline).toEqual({ fresh: true, epochs: knownEpochs(h) })
    const a = (await h.client.invoke('trainer:look-back', 12))!
    const b = (await back.client.invoke('trainer:look-back', 12))!
    expect([...b.parameters]).toEqual([...a.parameters])
    expect(b.metrics).toEqual(a.metrics)
    await h.client.invoke('trainer:fork', 12)
    await back.client.invoke('trainer:fork', 12)
    await h.client.invoke('trainer:step', 10)
    await back.client.invoke('trainer:step', 10)
    expect(back.progress().at(-1)!.metrics).toEqual(h.progress().at(-1)!.metrics)
  })

  it('a file without a timeline starts it at the file’s epoch', async () => {
    const { file } = await trained(15)
    const back = harness()
    await back.client.invoke('trainer:load', file)
    expect((await back.client.invoke('trainer:look-back', 15))!.epoch).toBe(15)
    await expect(back.client.invoke('trainer:look-back', 14)).rejects.toThrow(
      /no snapshot at or before epoch 14: this run starts at epoch 15/,
    )
  })

  it('refuses a damaged or mismatched timeline with a clear message and keeps its own', async () => {
    const { file, timeline } = await trained(10)
    const back = harness()
    await back.client.invoke('trainer:load', file)
    const damaged: [unknown, RegExp][] = [
      [{ ...timeline, format: 'nope' }, /format must be "backprop-studio\/timeline"/],
      [{ ...timeline, version: 9 }, /newer version/],
      [{ ...timeline, snapshots: 'many' }, /snapshots must be a list/],
      [{ ...timeline, recorded: 1 }, /"recorded" must be a whole number/],
      [
        { ...timeline, snapshots: [{ ...timeline.snapshots[0], parameters: '!!!!' }] },
        /Snapshot 1 of the timeline: parameters is not valid base64/,
      ],
      [
        { ...timeline, snapshots: [{ ...timeline.snapshots[0], rng: [1, 2, 3] }] },
        /Snapshot 1 of the timeline: rng must be four whole numbers/,
      ],
      [{ ...timeline, snapshots: [timeline.snapshots[3], timeline.snapshots[2]] }, /epochs must increase/],
      [
        { ...timeline, snapshots: [{ ...timeline.snapshots[0], optimizer: 'adam' }] },
        /the adam state must hold 35 numbers for 17 parameters, got 17/,
      ],
    ]
    for (const [bad, message] of damaged)
      await expect(back.client.invoke('trainer:set-timeline', bad as SavedTimeline)).rejects.toThrow(message)
    // Of another network, or running past the model's epoch.
    const small = { epoch: 0, rng: [1, 2, 3, 4] as RngState, optimizerType: 'sgd' as const }
    const other = encodeTimeline([
      { ...small, parameters: new Float64Array(5), optimizer: new Float64Array(5) },
    ])
    await expect(back.client.invoke('trainer:set-timeline', other)).rejects.toThrow(
      /a network with 5 parameters, but this one has 17/,
    )
    const longer = await trained(12)
    await expect(back.client.invoke('trainer:set-timeline', longer.timeline)).rejects.toThrow(
      /goes to epoch 12, past the model's own epoch 10/,
    )
    expect(back.progress().at(-1)!.timeline).toEqual({ fresh: true, epochs: [10] })
    expect((await back.client.invoke('trainer:look-back', 10))!.epoch).toBe(10)
  })
})

describe('diagnostics in progress events', () => {
  it('carries each layer’s diagnostics when watched: after every command, at a bounded rate while playing', async () => {
    const h = harness()
    await h.client.invoke('trainer:load', h.file)
    expect(h.progress()[0]).not.toHaveProperty('diagnostics')
    await h.client.invoke('trainer:watch', { parameters: false, diagnostics: true })
    const first = h.progress().at(-1)!.diagnostics!
    expect(first.map((d) => [d.layer, d.units, d.activation])).toEqual([
      [1, 4, 'tanh'],
      [2, 1, 'tanh'],
    ])
    expect(first.every((d) => d.gradientNorm > 0)).toBe(true)
    await h.client.invoke('trainer:play')
    await h.runTimers(80)
    const playing = h.progress().filter((e) => e.running)
    const carrying = playing.filter((e) => e.diagnostics).length
    expect(carrying).toBeGreaterThan(0)
    expect(carrying).toBeLessThan(playing.length / 3)
    await h.client.invoke('trainer:pause')
    expect(h.progress().at(-1)).toHaveProperty('diagnostics')
    await expect(
      h.client.invoke('trainer:watch', { parameters: false, diagnostics: 1 } as never),
    ).rejects.toThrow(/diagnostics must be true or false/)
  })
})

describe('diagnostics over time', () => {
  it('carries the diagnostics of every snapshotted epoch while watched, so the charts follow the run’s early epochs', async () => {
    const h = harness()
    await h.client.invoke('trainer:load', h.file)
    // Not watched: none, and no cost.
    await h.client.invoke('trainer:step', 3)
    expect(h.progress().some((e) => e.diagnosticsSeries)).toBe(false)
    await h.client.invoke('trainer:watch', { parameters: false, diagnostics: true })
    await h.client.invoke('trainer:play')
    await h.runTimers(40)
    await h.client.invoke('trainer:pause')
    const series = h.progress().flatMap((e) => e.diagnosticsSeries ?? [])
    const snapshotted = knownEpochs(h).filter((epoch) => epoch > 3)
    // One per snapshot taken while watched, in order: every early epoch, many more than the few
    // time-paced `diagnostics` the same events carried.
    expect(series.map((d) => d.epoch)).toEqual(snapshotted)
    expect(series.length).toBeGreaterThan(h.progress().filter((e) => e.diagnostics).length)
    // Each is that epoch's, as a session trained to it and asked then says.
    const at = series[4]
    const reference = TrainingSession.fromModelFile(h.file)
    reference.step(at.epoch)
    expect(at.layers).toEqual(reference.diagnostics())
  })
})

describe('thinHistory', () => {
  it('keeps all of a short history, and every 2^k-th epoch of a long one plus the last', () => {
    const h = Array.from({ length: 10 }, (_, i) => ({ epoch: i + 1, trainLoss: i, trainAccuracy: 0 }))
    expect(thinHistory(h, 10)).toEqual(h)
    const long = Array.from({ length: 1001 }, (_, i) => ({ epoch: i + 5, trainLoss: i, trainAccuracy: 0 }))
    const thin = thinHistory(long, 300)
    expect(thin.length).toBeLessThanOrEqual(301)
    expect(thin[0].epoch).toBe(5)
    expect(thin[1].epoch - thin[0].epoch).toBe(4)
    expect(thin.at(-1)).toEqual(long.at(-1))
  })
})

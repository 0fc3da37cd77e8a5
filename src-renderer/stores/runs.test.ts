import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { nextTick } from 'vue'
import { createWebApi } from '../bridge/web.ts'
import { inThreadWorker } from '../testing/fakes.ts'
import { MAX_PINNED_RUNS, useRunsStore } from './runs.ts'
import { useTrainingStore } from './training.ts'
import { useDocumentStore } from './document.ts'

let worker: ReturnType<typeof inThreadWorker>
beforeEach(() => setActivePinia(createPinia()))
afterEach(() => worker?.dispose())

async function until(check: () => boolean) {
  for (let i = 0; i < 600 && !check(); i++) await new Promise((r) => setTimeout(r, 5))
  expect(check()).toBe(true)
}

let api: ReturnType<typeof createWebApi>
async function connected() {
  worker = inThreadWorker()
  api = createWebApi(worker.port)
  const training = useTrainingStore()
  await training.connect(api)
  return training
}

describe('runs store', () => {
  it('refuses to pin an untrained run, then pins one with its curves and labels it by what differs', async () => {
    const training = await connected()
    const runs = useRunsStore()
    expect(runs.canPin).toBe(false)
    expect(await runs.pin()).toBe(false)
    expect(runs.problem).toMatch(/at least one epoch/)

    for (let i = 0; i < 3; i++) await training.step()
    await until(() => training.epoch === 3)
    expect(await runs.pin()).toBe(true)
    const [run] = runs.pinned
    expect(run.epoch).toBe(3)
    expect(run.curves.loss.train.map((p) => p.x)).toEqual([1, 2, 3])
    expect(run.curves.loss.train.at(-1)!.y).toBe(training.latest!.trainLoss)
    expect(runs.labels.get(run.id)).toBe('same settings (epoch 3)')

    training.learningRate = 0.3
    await nextTick()
    expect(runs.labels.get(run.id)).toBe('lr 0.03 (epoch 3)')
  })

  it('restores a pinned run: its weights, history and settings, after asking about unsaved work', async () => {
    const training = await connected()
    const doc = useDocumentStore()
    await doc.start(api, { setInterval: () => 0, now: () => 0 })
    const runs = useRunsStore()
    for (let i = 0; i < 3; i++) await training.step()
    await until(() => training.epoch === 3)
    await runs.pin()
    const pinnedLoss = training.latest!.trainLoss
    training.learningRate = 0.3
    await nextTick()
    await training.reset()
    await until(() => training.epoch === 0)
    await training.step()
    await until(() => training.epoch === 1)
    const restoring = runs.restore(runs.pinned[0].id)
    await until(() => doc.question !== null)
    doc.question!.answer('discard')
    expect(await restoring).toBe(true)
    expect(training.epoch).toBe(3)
    expect(training.latest!.trainLoss).toBe(pinnedLoss)
    expect(training.learningRate).toBe(0.03)
    expect(doc.dirty).toBe(true)
  })

  it(`holds at most ${MAX_PINNED_RUNS} runs, each in its own colour, and frees a colour on remove`, async () => {
    const training = await connected()
    const runs = useRunsStore()
    await training.step()
    await until(() => training.epoch === 1)
    for (let i = 0; i < MAX_PINNED_RUNS; i++) expect(await runs.pin()).toBe(true)
    expect(new Set(runs.pinned.map((r) => r.colour)).size).toBe(MAX_PINNED_RUNS)
    expect(await runs.pin()).toBe(false)
    expect(runs.problem).toMatch(/At most 4 runs/)
    const second = runs.pinned[1]
    runs.remove(second.id)
    expect(await runs.pin()).toBe(true)
    expect(runs.pinned.at(-1)!.colour).toBe(second.colour)
  })
})

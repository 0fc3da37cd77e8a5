import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { nextTick } from 'vue'
import type { OpenedFile, RecoveryCopy, SaveModelRequest } from '../../shared/src/ipc.ts'
import { parseModelDocument } from '../../shared/src/model-file/index.ts'
import { createWebApi, type WebPlatform } from '../bridge/web.ts'
import { inThreadWorker } from '../testing/fakes.ts'
import { useDatasetStore } from './dataset.ts'
import { RECOVERY_EVERY_MS, useDocumentStore } from './document.ts'
import { useLabStore } from './lab.ts'
import { useNetworkStore } from './network.ts'
import { useTrainingStore } from './training.ts'
import { useViewsStore } from './views.ts'

/** A browser's file and recovery parts kept in memory: saved files by id, one recovery slot. */
function memoryPlatform() {
  const saved = new Map<number, { name: string; text: string }>()
  let nextId = 1
  let recovery: RecoveryCopy | null = null
  const saves: SaveModelRequest[] = []
  const platform = {
    files: {
      nativeFilePicker: () => true,
      openFile: async () => null,
      openDroppedFile: async (f: { name: string; text(): Promise<string> }): Promise<OpenedFile> => ({
        id: nextId++,
        name: f.name,
        kind: f.name.endsWith('.csv') ? 'csv' : 'bpmodel',
        text: await f.text(),
      }),
      saveModel: async (r: SaveModelRequest) => {
        saves.push(r)
        const id = r.fileId !== null && !r.as ? r.fileId : nextId++
        const name = r.fileId !== null && !r.as ? saved.get(id)!.name : r.suggestedName
        saved.set(id, { name, text: r.text })
        return { id, name }
      },
    },
    recovery: {
      write: async (copy: RecoveryCopy) => void (recovery = copy),
      read: async () => recovery,
      clear: async () => void (recovery = null),
    },
  }
  return { platform: platform as unknown as WebPlatform, saved, saves, recovery: () => recovery }
}

let workers: ReturnType<typeof inThreadWorker>[] = []
afterEach(() => {
  workers.forEach((w) => w.dispose())
  workers = []
})

const clock = { now: 0 }

/** A fresh app (its own stores and trainer) on a platform, started as main.ts starts it. */
async function app(mem = memoryPlatform()) {
  setActivePinia(createPinia())
  const worker = inThreadWorker()
  workers.push(worker)
  const api = createWebApi(worker.port, mem.platform)
  const training = useTrainingStore()
  await training.connect(api)
  const doc = useDocumentStore()
  await doc.start(api, { setInterval: () => 0, now: () => clock.now })
  return { mem, api, training, doc, data: useDatasetStore(), network: useNetworkStore() }
}

async function until(check: () => boolean) {
  for (let i = 0; i < 600 && !check(); i++) await new Promise((r) => setTimeout(r, 5))
  expect(check()).toBe(true)
}

const settle = async () => {
  for (let i = 0; i < 5; i++) await nextTick()
}

async function steps(training: ReturnType<typeof useTrainingStore>, n: number) {
  const target = training.epoch + n
  for (let i = 0; i < n; i++) await training.step()
  await until(() => training.epoch === target)
}

beforeEach(() => (clock.now = 0))

describe('the document', () => {
  it('starts clean and untitled; training makes it dirty; saving names it and makes it clean', async () => {
    const { doc, training, mem } = await app()
    expect(doc.dirty).toBe(false)
    expect(document.title).toBe('Untitled — Backprop Studio')
    await steps(training, 2)
    await settle()
    expect(doc.dirty).toBe(true)
    expect(document.title).toBe('• Untitled — Backprop Studio')
    expect(await doc.save()).toBe(true)
    expect(doc.dirty).toBe(false)
    expect(doc.fileName).toBe('moons.bpmodel')
    expect(document.title).toBe('moons.bpmodel — Backprop Studio')
    // Save again goes back to the same file; Save as asks anew.
    await doc.save()
    await doc.save(true)
    expect(mem.saves.map((s) => [s.fileId, s.as])).toEqual([
      [null, false],
      [1, false],
      [1, true],
    ])
    expect(parseModelDocument(mem.saves[0].text).file.training.epoch).toBe(2)
  })

  it('opens a saved file into every store in a new app, and training continues exactly', async () => {
    const first = await app()
    first.network.addLayer()
    first.training.learningRate = 0.1
    first.data.addPoints([[0.5, 0.5]], 1)
    useViewsStore().current = 'lab'
    useLabStore().source = 'L = 3 * 4'
    first.training.stopAt = 1000
    await settle()
    await first.training.load()
    await steps(first.training, 5)
    await first.doc.save()
    const saved = first.mem.saves[0].text
    await steps(first.training, 1)
    const uninterrupted = first.training.latest!.trainLoss

    const second = await app()
    expect(second.network.hidden).toHaveLength(2)
    expect(await second.doc.openText(saved, 'mine.bpmodel', 7)).toBe(true)
    expect(second.training.epoch).toBe(5)
    expect(second.training.history.entries).toHaveLength(5)
    expect(second.network.hidden).toHaveLength(3)
    expect(second.training.learningRate).toBe(0.1)
    expect(second.training.stopAt).toBe(1000)
    expect(second.data.dataset).toEqual(first.data.dataset)
    expect(useViewsStore().current).toBe('lab')
    expect(useLabStore().source).toBe('L = 3 * 4')
    expect([second.doc.fileName, second.doc.fileId, second.doc.dirty]).toEqual(['mine.bpmodel', 7, false])
    await steps(second.training, 1)
    expect(second.training.latest!.trainLoss).toBe(uninterrupted)
  })

  it('saves the timeline in the studio object and puts it back on open; looking back leaves it clean', async () => {
    const first = await app()
    await steps(first.training, 6)
    await first.doc.save()
    expect(first.doc.dirty).toBe(false)
    await first.training.lookBack(2)
    await settle()
    expect(first.doc.dirty).toBe(false)
    first.training.backToNow()
    const text = first.mem.saves[0].text
    expect(parseModelDocument(text).studio).toHaveProperty('timeline')

    const second = await app()
    await second.doc.openText(text, 'six.bpmodel', 1)
    await until(() => second.training.timelineEpochs.includes(2))
    expect(second.training.timelineEpochs).toEqual(expect.arrayContaining([0, 1, 2, 3, 4, 5, 6]))
  })

  it('refuses a malformed file with the field it names, and keeps the work that was open', async () => {
    const { doc, training, data } = await app()
    await steps(training, 3)
    const before = { dataset: data.dataset, epoch: training.epoch }
    const text = (await doc.documentText()).replace('"learningRate": 0.03', '"learningRate": -1')
    expect(await doc.openText(text, 'broken.bpmodel', 3)).toBe(false)
    expect(training.error).toMatch(
      /^broken\.bpmodel could not be opened: .*learningRate.*The model you had is still open\.$/,
    )
    expect(data.dataset).toBe(before.dataset)
    expect(training.epoch).toBe(before.epoch)
    expect(doc.fileName).toBeNull()
    expect(await doc.openText('{"format": "backprop-studio/model", "version": 2}', 'new.bpmodel', 4)).toBe(
      false,
    )
    expect(training.error).toMatch(/newer Backprop Studio/)
  })

  it('opens a file whose studio settings are damaged, saying which were ignored', async () => {
    const { doc, training } = await app()
    const text = await doc.documentText()
    const damaged = text.replace('"view": "studio"', '"view": "cinema"')
    expect(damaged).not.toBe(text)
    expect(await doc.openText(damaged, 'odd.bpmodel', 1)).toBe(true)
    expect(doc.notice).toMatch(/view on screen could not be used/)
    expect(training.error).toBeNull()
  })

  it('asks before New drops unsaved work: cancel keeps it, discard starts afresh', async () => {
    const { doc, training, network } = await app()
    network.addLayer()
    await settle()
    await steps(training, 2)
    await settle()
    let done = doc.newDocument()
    await settle()
    expect(doc.question?.what).toBe('Starting a new model')
    doc.question!.answer('cancel')
    expect(await done).toBe(false)
    expect([training.epoch, network.hidden.length, doc.dirty]).toEqual([2, 3, true])
    done = doc.newDocument()
    await settle()
    doc.question!.answer('discard')
    expect(await done).toBe(true)
    expect([training.epoch, network.hidden.length, doc.dirty, doc.fileName]).toEqual([0, 2, false, null])
  })

  it('keeps a recovery copy of unsaved work about every 10 seconds, and offers it back at the next start', async () => {
    const { doc, training, mem } = await app()
    await doc.keepRecoveryCopy()
    expect(mem.recovery()).toBeNull() // clean: nothing to keep
    await steps(training, 4)
    await settle()
    clock.now = RECOVERY_EVERY_MS - 1
    await doc.keepRecoveryCopy()
    expect(mem.recovery()).toBeNull()
    clock.now = RECOVERY_EVERY_MS
    await doc.keepRecoveryCopy()
    const copy = mem.recovery()!
    expect(copy.name).toBe('Untitled')
    expect(parseModelDocument(copy.text).file.training.epoch).toBe(4)

    // The tab closes; the next start finds the copy.
    const next = await app(mem)
    expect(next.doc.recoveryOffer).toEqual(copy)
    await next.doc.answerRecovery(true)
    expect(next.training.epoch).toBe(4)
    // Restored work is still unsaved until saved.
    expect(next.doc.dirty).toBe(true)
    expect(next.doc.recoveryOffer).toBeNull()

    const third = await app(mem)
    await third.doc.answerRecovery(false)
    expect(mem.recovery()).toBeNull()
    expect(third.training.epoch).toBe(0)
  })

  it('a model chosen while the app is still starting waits for the start and opens, not lost', async () => {
    const first = await app()
    await steps(first.training, 3)
    const text = await first.doc.documentText()

    // A second app whose file input delivers a file before main.ts has started the document.
    setActivePinia(createPinia())
    const worker = inThreadWorker()
    workers.push(worker)
    const api = createWebApi(worker.port, memoryPlatform().platform)
    const training = useTrainingStore()
    const doc = useDocumentStore()
    const opening = doc.openDropped(
      { name: 'early.bpmodel', size: text.length, text: async () => text },
      false,
    )
    await training.connect(api)
    await doc.start(api, { setInterval: () => 0, now: () => clock.now })
    expect(await opening).toBe(true)
    expect([doc.fileName, training.epoch]).toEqual(['early.bpmodel', 3])
    // New still goes back to the model the app started with, not to the file that came early.
    expect(await doc.newDocument()).toBe(true)
    expect(training.epoch).toBe(0)
  })

  it('a dropped CSV imports into the data, a dropped model opens (after asking)', async () => {
    const { doc, data, training } = await app()
    const csv = { name: 'pts.csv', size: 40, text: async () => 'x1,x2,label\n0,0,a\n1,1,b\n2,2,a\n' }
    expect(await doc.openDropped(csv)).toBe(true)
    expect(data.pointCount).toBe(3)
    const text = await doc.documentText()
    await steps(training, 1)
    await settle()
    const model = { name: 'three.bpmodel', size: text.length, text: async () => text }
    const opening = doc.openDropped(model)
    await settle()
    expect(doc.question?.what).toBe('Opening three.bpmodel')
    doc.question!.answer('discard')
    expect(await opening).toBe(true)
    expect([doc.fileName, training.epoch, data.pointCount]).toEqual(['three.bpmodel', 0, 3])
  })
})

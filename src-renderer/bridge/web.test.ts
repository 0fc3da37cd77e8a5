// @vitest-environment node
// (pure logic: no DOM needed, and happy-dom costs a second or two per file to set up)
import { afterEach, describe, expect, it } from 'vitest'
import { generatePresetDataset } from '../../shared/src/data/index.ts'
import { NEW_DOCUMENT, type TrainerEvent } from '../../shared/src/ipc.ts'
import { createModelFile } from '../../shared/src/train/index.ts'
import { inThreadWorker } from '../testing/fakes.ts'
import { createWebApi } from './web.ts'
import { createWebFiles } from './web-files.ts'
import { createIdbRecovery } from './web-recovery.ts'

const model = () =>
  createModelFile({
    dataset: generatePresetDataset('moons', { n: 40, testFraction: 0.25 }),
    layers: [
      { units: 4, activation: 'tanh' },
      { units: 1, activation: 'tanh' },
    ],
    training: {
      optimizer: {
        type: 'adam',
        learningRate: 0.05,
        beta1: 0.9,
        beta2: 0.999,
        epsilon: 1e-8,
        weightDecay: 0,
      },
    },
    seed: 3,
  })

function progressLog(api: ReturnType<typeof createWebApi>) {
  const events: TrainerEvent[] = []
  api.onTrainerEvent((e) => events.push(e))
  const progress = () => events.filter((e) => e.type === 'progress')
  return { events, progress, last: () => progress().at(-1) }
}

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms))
async function until(check: () => boolean, ms = 3000) {
  const end = Date.now() + ms
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out waiting for the trainer')
    await wait(5)
  }
}

let worker: ReturnType<typeof inThreadWorker>
afterEach(() => worker?.dispose())

describe('the web bridge', () => {
  it('loads a model and answers with a progress event at epoch 0 carrying the boundary grid', async () => {
    worker = inThreadWorker()
    const api = createWebApi(worker.port)
    const log = progressLog(api)
    expect(api.platform).toBe('web')
    await api.loadModel(model())
    await until(() => log.progress().length > 0)
    const first = log.last()!
    expect(first).toMatchObject({ type: 'progress', running: false, epoch: 0, metrics: [] })
    if (first.type !== 'progress') throw new Error('unreachable')
    expect(first.grid.size).toBe(10)
    expect(first.grid.values).toBeInstanceOf(Float32Array)
    expect(first.grid.values.length).toBe(100 * first.grid.outputs)
  })

  it('steps whole epochs and reports each one', async () => {
    worker = inThreadWorker()
    const api = createWebApi(worker.port)
    const log = progressLog(api)
    await api.loadModel(model())
    await api.step(3)
    await until(() => log.last()?.epoch === 3)
    const metrics = log.progress().flatMap((e) => (e.type === 'progress' ? e.metrics : []))
    expect(metrics.map((m) => m.epoch)).toEqual([1, 2, 3])
    expect(metrics.every((m) => Number.isFinite(m.trainLoss) && m.testLoss !== undefined)).toBe(true)
  })

  it('plays until paused, then stays still', async () => {
    worker = inThreadWorker()
    const api = createWebApi(worker.port)
    const log = progressLog(api)
    await api.loadModel(model())
    await api.play()
    await until(() => (log.last()?.epoch ?? 0) >= 5)
    expect(log.progress().some((e) => e.type === 'progress' && e.running)).toBe(true)
    await api.pause()
    await until(() => log.last()?.type === 'progress' && !(log.last() as { running: boolean }).running)
    const count = log.progress().length
    const epoch = log.last()!.epoch
    await wait(60)
    expect(log.progress().length).toBe(count)
    expect(log.last()!.epoch).toBe(epoch)
  })

  it('resets to epoch 0 and the same first loss, and keeps a snapshot of the session', async () => {
    worker = inThreadWorker()
    const api = createWebApi(worker.port)
    const log = progressLog(api)
    await api.loadModel(model())
    await api.step(1)
    await until(() => log.last()?.epoch === 1)
    const firstLoss = (log.last() as { metrics: { trainLoss: number }[] }).metrics[0].trainLoss
    await api.step(4)
    const snap = await api.snapshot()
    expect(snap?.training.epoch).toBe(5)
    expect(snap?.history).toHaveLength(5)
    await api.reset()
    await until(() => log.last()?.epoch === 0)
    await api.step(1)
    await until(() => log.last()?.epoch === 1)
    expect((log.last() as { metrics: { trainLoss: number }[] }).metrics[0].trainLoss).toBe(firstLoss)
  })

  it('passes refusals back as rejected promises with the trainer’s message', async () => {
    worker = inThreadWorker()
    const api = createWebApi(worker.port)
    await expect(api.play()).rejects.toThrow(/load/i)
    await api.loadModel(model())
    await expect(api.step(0)).rejects.toThrow(/whole number from 1 to/)
  })

  it('turns a dead worker into an error event and rejects what was waiting', async () => {
    worker = inThreadWorker()
    const api = createWebApi(worker.port)
    const log = progressLog(api)
    const pending = api.loadModel(model())
    worker.crash('Uncaught SyntaxError')
    await expect(pending).rejects.toThrow(/training worker stopped: Uncaught SyntaxError/)
    expect(log.events).toContainEqual({ type: 'error', message: expect.stringMatching(/Reload the page/) })
    // Later commands are refused at once, not left waiting for a worker that will never answer.
    const waiting = new Promise((resolve) => setTimeout(() => resolve('still waiting'), 200))
    const later = Promise.race([
      api.play().then(
        () => 'answered',
        (e: Error) => e.message,
      ),
      waiting,
    ])
    expect(await later).toMatch(/training worker stopped.*Reload the page/)
  })
})

describe('the web bridge’s files and window intents', () => {
  it('answers files and recovery in the page, and the desktop-only intents with nothing to do', async () => {
    worker = inThreadWorker()
    const { IDBFactory } = await import('fake-indexeddb')
    const api = createWebApi(worker.port, {
      files: createWebFiles({}),
      recovery: createIdbRecovery(new IDBFactory()),
    })
    expect(api.nativeFilePicker()).toBe(false)
    const copy = { name: 'Untitled', savedAt: 5, text: '{}' }
    await api.writeRecovery(copy)
    expect(await api.readRecovery()).toEqual(copy)
    await api.clearRecovery()
    expect(await api.readRecovery()).toBeNull()
    const opened = await api.openDroppedFile({
      name: 'points.csv',
      size: 12,
      text: async () => 'x1,x2,label\n',
    })
    expect(opened).toMatchObject({ kind: 'csv', name: 'points.csv' })
    await expect(api.setDocumentState({ ...NEW_DOCUMENT, dirty: true })).resolves.toBeUndefined()
    await expect(api.setTheme('dark')).resolves.toBeUndefined()
    await expect(api.confirmClose()).resolves.toBeUndefined()
    expect(typeof api.onMenuCommand(() => {})).toBe('function')
  })
})

import { describe, it, expect } from 'vitest'
import { EventEmitter } from 'node:events'
import { createWorkerHost } from './worker-host.ts'
import type { WorkerLike } from './worker-host.ts'
import type { WorkerMessage, WorkerRequest } from '../shared/src/worker-protocol.ts'
import type { TrainerEvent } from '../shared/src/ipc.ts'

/** A worker that answers every request itself, so the host's bookkeeping can be tested alone. */
class FakeWorker extends EventEmitter implements WorkerLike {
  requests: WorkerRequest[] = []
  terminated = false
  constructor(private answer = true) {
    super()
  }
  postMessage(req: WorkerRequest): void {
    this.requests.push(req)
    if (this.answer)
      queueMicrotask(() => this.emit('message', { type: 'reply', id: req.id, result: req.channel }))
  }
  send(msg: WorkerMessage): void {
    this.emit('message', msg)
  }
  async terminate(): Promise<number> {
    this.terminated = true
    queueMicrotask(() => this.emit('exit', 1))
    return 1
  }
}

function setup(answer = true) {
  const workers: FakeWorker[] = []
  const events: TrainerEvent[] = []
  const host = createWorkerHost({
    workerPath: '/built/worker.js',
    onEvent: (e) => events.push(e),
    spawn: (path) => {
      expect(path).toBe('/built/worker.js')
      const w = new FakeWorker(answer)
      workers.push(w)
      return w
    },
  })
  return { host, workers, events }
}

describe('createWorkerHost', () => {
  it('starts one worker lazily and reuses it', async () => {
    const { host, workers } = setup()
    expect(workers).toHaveLength(0)
    expect(host.running).toBe(false)
    await expect(host.invoke('trainer:play', [])).resolves.toBe('trainer:play')
    await expect(host.invoke('trainer:step', [2])).resolves.toBe('trainer:step')
    expect(workers).toHaveLength(1)
    expect(workers[0].requests.map((r) => r.args)).toEqual([[], [2]])
    expect(host.running).toBe(true)
  })

  it('forwards trainer events unchanged', async () => {
    const { host, workers, events } = setup()
    await host.invoke('trainer:pause', [])
    const event: TrainerEvent = { type: 'diverged', epoch: 3, message: 'The loss became NaN.' }
    workers[0].send({ type: 'event', event })
    expect(events).toEqual([event])
  })

  it('reports an unexpected death, fails what was pending, and starts afresh next time', async () => {
    const { host, workers, events } = setup(false)
    const pending = host.invoke('trainer:step', [1])
    workers[0].emit('error', new Error('out of memory'))
    await expect(pending).rejects.toThrow(/training worker stopped \(out of memory\)/)
    expect(events).toEqual([{ type: 'error', message: expect.stringMatching(/Load the model again/) }])
    workers[0].emit('exit', 1) // the exit that follows an error is not news twice
    expect(events).toHaveLength(1)
    expect(host.running).toBe(false)
    void host.invoke('trainer:play', [])
    expect(workers).toHaveLength(2)
  })

  it('restart ends the worker quietly and the next request gets a new one', async () => {
    const { host, workers, events } = setup(false)
    const pending = host.invoke('trainer:play', [])
    await host.restart()
    await expect(pending).rejects.toThrow(/restarted/)
    expect(workers[0].terminated).toBe(true)
    await Promise.resolve()
    expect(events).toEqual([])
    void host.invoke('trainer:play', [])
    expect(workers).toHaveLength(2)
  })

  it('passes on nothing an ended worker still had queued', async () => {
    const { host, workers, events } = setup()
    await host.invoke('trainer:play', [])
    await host.restart()
    // An event the old thread posted before it was stopped, delivered late.
    workers[0].send({ type: 'event', event: { type: 'diverged', epoch: 9, message: 'old run' } })
    expect(events).toEqual([])
  })

  it('dispose ends the worker and refuses later requests', async () => {
    const { host, workers } = setup()
    await host.invoke('trainer:play', [])
    await host.dispose()
    expect(workers[0].terminated).toBe(true)
    await expect(host.invoke('trainer:play', [])).rejects.toThrow(/shut down/)
    expect(workers).toHaveLength(1)
  })

  it('says so when a worker cannot be started', async () => {
    const host = createWorkerHost({
      workerPath: '/missing.js',
      onEvent: () => {},
      spawn: () => {
        throw new Error('Cannot find module /missing.js')
      },
    })
    await expect(host.invoke('trainer:play', [])).rejects.toThrow(
      /Could not start the training worker \(Cannot find/,
    )
  })
})

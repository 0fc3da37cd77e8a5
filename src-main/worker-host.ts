/**
 * Main's side of the training worker: starts the worker_thread on first use, passes requests on
 * and events back, and when the worker dies tells the renderer and starts a fresh one on the
 * next request. It batches nothing itself: the trainer in the worker already sends progress
 * about every 50 ms.
 */
import { Worker } from 'node:worker_threads'
import { createWorkerClient } from '../shared/src/worker-protocol.ts'
import type { WorkerClient, WorkerMessage, WorkerRequest } from '../shared/src/worker-protocol.ts'
import type { InvokeChannels, TrainerChannel, TrainerEvent } from '../shared/src/ipc.ts'

/** The parts of a Node Worker the host uses (a fake one in tests). */
export interface WorkerLike {
  postMessage(message: WorkerRequest): void
  on(event: 'message', listener: (message: WorkerMessage) => void): unknown
  on(event: 'error', listener: (error: Error) => void): unknown
  on(event: 'exit', listener: (code: number) => void): unknown
  terminate(): Promise<number>
}

export interface WorkerHostOptions {
  /** Path of the built worker entry file. */
  workerPath: string
  /** Every trainer event, and an 'error' event when the worker dies. */
  onEvent(event: TrainerEvent): void
  /** How to start a worker; a real worker_thread unless a test says otherwise. */
  spawn?: (workerPath: string) => WorkerLike
}

export interface WorkerHost {
  /** Sends one request to the worker (starting it if needed) and resolves with its reply. */
  invoke<C extends TrainerChannel>(
    channel: C,
    args: InvokeChannels[C]['args'],
  ): Promise<InvokeChannels[C]['ret']>
  /** Ends the current worker, if any; the next request starts a fresh one with no model loaded. */
  restart(): Promise<void>
  /** Ends the worker for good: later requests are refused. */
  dispose(): Promise<void>
  /** True while a worker thread is alive. */
  readonly running: boolean
}

const spawnWorker = (workerPath: string): WorkerLike => new Worker(workerPath, { name: 'backprop-trainer' })

/** Creates the host; no thread starts until the first request. */
export function createWorkerHost(options: WorkerHostOptions): WorkerHost {
  const spawn = options.spawn ?? spawnWorker
  let current: { worker: WorkerLike; client: WorkerClient } | null = null
  let disposed = false

  function start(): { worker: WorkerLike; client: WorkerClient } {
    const worker = spawn(options.workerPath)
    const client = createWorkerClient((req) => worker.postMessage(req))
    const entry = { worker, client }
    client.onEvent(options.onEvent)
    // A worker ended on purpose may still deliver what it had queued: that run is over, drop it.
    worker.on('message', (msg) => {
      if (current === entry) client.receive(msg)
    })
    const died = (why: string) => {
      // A worker we ended on purpose is already forgotten: only an unexpected death is news.
      if (current !== entry) return
      current = null
      const message = `The training worker stopped (${why}). Load the model again to keep training.`
      client.fail(message)
      options.onEvent({ type: 'error', message })
    }
    worker.on('error', (error) => died(error.message))
    worker.on('exit', (code) => died(`exit code ${code}`))
    current = entry
    return entry
  }

  async function end(reason: string): Promise<void> {
    const entry = current
    current = null
    if (!entry) return
    entry.client.fail(reason)
    await entry.worker.terminate()
  }

  return {
    invoke(channel, args) {
      if (disposed) return Promise.reject(new Error('The training worker has been shut down with the app.'))
      let entry = current
      if (!entry) {
        try {
          entry = start()
        } catch (e) {
          const why = e instanceof Error ? e.message : String(e)
          return Promise.reject(
            new Error(`Could not start the training worker (${why}). Try restarting the app.`),
          )
        }
      }
      return entry.client.invoke(channel, ...args)
    },
    restart: () => end('The training worker was restarted before it answered.'),
    async dispose() {
      disposed = true
      await end('The training worker was shut down before it answered.')
    },
    get running() {
      return current !== null
    },
  }
}

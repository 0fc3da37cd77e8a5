/**
 * The browser's AppApi: the same trainer the desktop app runs in a worker_thread, here in a Web
 * Worker, spoken to with the same request/reply protocol.
 */
import type { AppApi } from '../../shared/src/ipc.ts'
import {
  createWorkerClient,
  type WorkerMessage,
  type WorkerRequest,
} from '../../shared/src/worker-protocol.ts'

/** The part of a Worker the bridge uses (a fake one in tests). */
export interface WorkerPort {
  postMessage(message: WorkerRequest): void
  addEventListener(type: 'message', listener: (e: MessageEvent<WorkerMessage>) => void): void
  addEventListener(type: 'error', listener: (e: ErrorEvent) => void): void
  addEventListener(type: 'messageerror', listener: (e: MessageEvent) => void): void
}

export function startTrainingWorker(): Worker {
  return new Worker(new URL('./web-worker.ts', import.meta.url), { type: 'module', name: 'trainer' })
}

/** An AppApi backed by a trainer worker (by default a new Web Worker running shared/'s trainer). */
export function createWebApi(worker: WorkerPort = startTrainingWorker()): AppApi {
  const client = createWorkerClient((req) => worker.postMessage(req))
  const report = (message: string) => {
    client.fail(message)
    client.receive({ type: 'event', event: { type: 'error', message } })
  }
  worker.addEventListener('message', (e) => client.receive(e.data))
  worker.addEventListener('error', (e) => {
    e.preventDefault?.()
    report(
      `The training worker stopped: ${e.message || 'it could not start'}. Reload the page to start it again.`,
    )
  })
  worker.addEventListener('messageerror', () =>
    report('A message from the training worker could not be read. Reload the page to start again.'),
  )

  const api = {
    platform: 'web',
    loadModel: (file) => client.invoke('trainer:load', file),
    play: () => client.invoke('trainer:play'),
    pause: () => client.invoke('trainer:pause'),
    step: (epochs) => client.invoke('trainer:step', epochs),
    reset: () => client.invoke('trainer:reset'),
    updateTraining: (patch) => client.invoke('trainer:update', patch),
    setPace: (pace) => client.invoke('trainer:pace', pace),
    snapshot: () => client.invoke('trainer:snapshot'),
    onTrainerEvent: (cb) => client.onEvent(cb),
  } satisfies AppApi
  return api
}

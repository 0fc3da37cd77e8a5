/**
 * The browser's AppApi: the same trainer the desktop app runs in a worker_thread, here in a Web
 * Worker, spoken to with the same request/reply protocol.
 */
import { intentApi, routeInvoke, type AppApi, type TrainerInvoke } from '../../shared/src/ipc.ts'
import {
  createWorkerClient,
  type WorkerMessage,
  type WorkerRequest,
} from '../../shared/src/worker-protocol.ts'
import { downloadFile } from './web-files.ts'

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
  // Set once the worker has failed: later commands are refused with it instead of never settling.
  let stopped: string | null = null
  const toTrainer: TrainerInvoke = (channel, ...args) =>
    stopped === null ? client.invoke(channel, ...args) : Promise.reject(new Error(stopped))
  // The app's own requests (files) are answered here, in the page, as main answers them on the desktop.
  const invoke = routeInvoke(toTrainer, { 'file:export': async (request) => downloadFile(request) })
  worker.addEventListener('error', (e) => {
    e.preventDefault?.()
    stopped = `The training worker stopped: ${e.message || 'it could not start'}. Reload the page to start it again.`
    report(stopped)
  })
  worker.addEventListener('messageerror', () =>
    report('A message from the training worker could not be read. Reload the page to start again.'),
  )

  return intentApi('web', invoke, (cb) => client.onEvent(cb))
}

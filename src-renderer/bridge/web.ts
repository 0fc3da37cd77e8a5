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
import { createWebFiles, downloadFile } from './web-files.ts'
import { createIdbRecovery } from './web-recovery.ts'

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

/** The browser's file pickers and recovery store (the page's own unless a test passes others). */
export interface WebPlatform {
  files: ReturnType<typeof createWebFiles>
  recovery: ReturnType<typeof createIdbRecovery>
}

/** An AppApi backed by a trainer worker (by default a new Web Worker running shared/'s trainer). */
export function createWebApi(
  worker: WorkerPort = startTrainingWorker(),
  platform: WebPlatform = { files: createWebFiles(), recovery: createIdbRecovery() },
): AppApi {
  const { files, recovery } = platform
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
  const invoke = routeInvoke(toTrainer, {
    'file:export': async (request) => downloadFile(request),
    'file:open': (kind) => files.openFile(kind),
    'file:open-dropped': async () => {
      throw new Error('A browser reads dropped files itself: use openDroppedFile.')
    },
    'file:save-model': (request) => files.saveModel(request),
    'recovery:write': (copy) => recovery.write(copy),
    'recovery:read': () => recovery.read(),
    'recovery:clear': () => recovery.clear(),
    // The page sets document.title itself; a browser has no menus or title-bar extras to update.
    'app:document-state': async () => {},
    'app:theme': async () => {},
    'app:confirm-close': async () => {},
  })
  worker.addEventListener('error', (e) => {
    e.preventDefault?.()
    stopped = `The training worker stopped: ${e.message || 'it could not start'}. Reload the page to start it again.`
    report(stopped)
  })
  worker.addEventListener('messageerror', () =>
    report('A message from the training worker could not be read. Reload the page to start again.'),
  )

  return intentApi('web', invoke, (cb) => client.onEvent(cb), {
    openDroppedFile: (file) => files.openDroppedFile(file),
    nativeFilePicker: () => files.nativeFilePicker(),
    // A browser has no native menus: nothing ever arrives.
    onMenuCommand: () => () => {},
  })
}

/**
 * The training worker_thread: the shared trainer, given Node's clock, timers and message port.
 * Main starts it with `new Worker(path)`; it lives until main ends it.
 */
import { parentPort } from 'node:worker_threads'
import { createTrainer } from '../../shared/src/train/trainer.ts'
import type { WorkerRequest } from '../../shared/src/worker-protocol.ts'

const port = parentPort
if (!port) throw new Error('training-worker is a worker_thread entry: start it with new Worker(path).')

const trainer = createTrainer({
  now: () => performance.now(),
  setTimer: (fn, ms) => setTimeout(fn, ms),
  clearTimer: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  post: (message, transfer) => port.postMessage(message, transfer),
})

port.on('message', (request: WorkerRequest) => trainer.handle(request))
port.on('close', () => trainer.dispose())

/** The browser's training worker: shared/'s trainer behind postMessage. */
import { createTrainer } from '../../shared/src/train/trainer.ts'
import type { WorkerRequest } from '../../shared/src/worker-protocol.ts'

const trainer = createTrainer({
  now: () => performance.now(),
  setTimer: (fn, ms) => setTimeout(fn, ms),
  clearTimer: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  // The grid's buffer is transferred, not copied: the worker does not keep it.
  post: (msg, transfer) => self.postMessage(msg, { transfer: transfer ?? [] }),
})

self.addEventListener('message', (e: MessageEvent<WorkerRequest>) => trainer.handle(e.data))

/** Starts the hidden space's worker; where there is none (tests) or it fails, the page computes. */
import { hiddenSpaceColumns, type HiddenSpaceColumns, type HiddenSpaceRequest } from './hidden-space.ts'
import { HiddenSpaceQueue, type HiddenSpaceReply } from './hidden-space-queue.ts'

export interface HiddenSpaceWorker {
  /** The two neurons' outputs; null when a newer request overtook this one. */
  compute(request: HiddenSpaceRequest): Promise<HiddenSpaceColumns | null>
  stop(): void
}

export function startHiddenSpaceWorker(): HiddenSpaceWorker {
  if (typeof Worker === 'undefined')
    return { compute: async (request) => hiddenSpaceColumns(request), stop: () => {} }
  const worker = new Worker(new URL('./hidden-space-worker.ts', import.meta.url), {
    type: 'module',
    name: 'hidden-space',
  })
  let inPage = false
  const queue = new HiddenSpaceQueue((message) => worker.postMessage(message))
  worker.addEventListener('message', (e: MessageEvent<HiddenSpaceReply>) => queue.receive(e.data))
  worker.addEventListener('error', (e) => {
    e.preventDefault()
    inPage = true
    worker.terminate()
    queue.failOver(hiddenSpaceColumns)
  })
  return {
    compute: (request) => (inPage ? Promise.resolve(hiddenSpaceColumns(request)) : queue.compute(request)),
    stop: () => {
      queue.stop()
      worker.terminate()
    },
  }
}

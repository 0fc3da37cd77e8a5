/** The one layout worker of the page, started on first use and shared by the graph views. */
import { LayoutQueue, type LayoutReply, type LayoutResult } from './layout-queue.ts'

let queue: LayoutQueue | null = null

function start(): LayoutQueue {
  const worker = new Worker(new URL('./layout-worker.ts', import.meta.url), {
    type: 'module',
    name: 'layout',
  })
  const q = new LayoutQueue((request) => worker.postMessage(request))
  worker.addEventListener('message', (e: MessageEvent<LayoutReply>) => q.receive(e.data))
  worker.addEventListener('error', (e) => {
    e.preventDefault()
    q.fail(
      new Error(`The graph layout worker stopped: ${e.message || 'it could not start'}. Reload the page.`),
    )
    queue = null
  })
  return q
}

/** Lays out DOT off the UI thread; null when a newer request made this one stale. */
export function layoutDot(dot: string): Promise<LayoutResult | null> {
  queue ??= start()
  return queue.layout(dot)
}

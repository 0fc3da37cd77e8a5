/// <reference lib="webworker" />
/**
 * The hidden space's forward passes in a Web Worker: for a deep network (8 × 64 units) one pass
 * over the grid lines and the points is tens of milliseconds, too long for the page's thread.
 */
import { hiddenSpaceColumns } from './hidden-space.ts'
import type { HiddenSpaceMessage, HiddenSpaceReply } from './hidden-space-queue.ts'

const scope = self as unknown as DedicatedWorkerGlobalScope

scope.addEventListener('message', (e: MessageEvent<HiddenSpaceMessage>) => {
  const { id, request } = e.data
  let reply: HiddenSpaceReply
  let transfer: ArrayBuffer[] = []
  try {
    const columns = hiddenSpaceColumns(request)
    reply = { id, columns }
    transfer = [columns.lineX, columns.lineY, columns.pointX, columns.pointY].map(
      (c) => c.buffer as ArrayBuffer,
    )
  } catch (err) {
    reply = { id, error: err instanceof Error ? err.message : String(err) }
  }
  scope.postMessage(reply, transfer)
})

/**
 * Messages between a trainer worker (Node worker_thread or Web Worker) and its owner, and the
 * owner's side: a client that turns them into promises and event callbacks.
 */
import type { InvokeChannels, TrainerChannel, TrainerEvent } from './ipc.ts'

export type WorkerRequest = { id: number; channel: TrainerChannel; args: unknown[] }

export type WorkerMessage =
  { type: 'reply'; id: number; result?: unknown; error?: string } | { type: 'event'; event: TrainerEvent }

export interface WorkerClient {
  invoke<C extends TrainerChannel>(
    channel: C,
    ...args: InvokeChannels[C]['args']
  ): Promise<InvokeChannels[C]['ret']>
  /** Feed every message that comes from the worker here. */
  receive(msg: WorkerMessage): void
  onEvent(cb: (e: TrainerEvent) => void): () => void
  /** Rejects every pending request (the worker died or was ended). */
  fail(message: string): void
}

/** The owner's side of a worker: `post` sends a request; replies and events arrive via receive(). */
export function createWorkerClient(post: (req: WorkerRequest) => void): WorkerClient {
  let nextId = 1
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>()
  const listeners = new Set<(e: TrainerEvent) => void>()
  return {
    invoke(channel, ...args) {
      const id = nextId++
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve: resolve as (v: unknown) => void, reject })
        post({ id, channel, args })
      })
    },
    receive(msg) {
      if (msg.type === 'event') {
        for (const cb of listeners) cb(msg.event)
        return
      }
      const waiting = pending.get(msg.id)
      if (!waiting) return
      pending.delete(msg.id)
      if (msg.error !== undefined) waiting.reject(new Error(msg.error))
      else waiting.resolve(msg.result)
    },
    onEvent(cb) {
      listeners.add(cb)
      return () => listeners.delete(cb)
    },
    fail(message) {
      for (const { reject } of pending.values()) reject(new Error(message))
      pending.clear()
    },
  }
}

/**
 * The page's side of the hidden space's worker: one forward pass at a time, only the newest
 * request waits (an overtaken one resolves to null without being computed; one already computing
 * still brings its answer), and after each pass a rest as long as the pass took, so a deep
 * network's warp takes at most half a core from the trainer on a small machine.
 */
import { realClock, type TimerClock } from '../timer-clock.ts'
import type { HiddenSpaceColumns, HiddenSpaceRequest } from './hidden-space.ts'

export interface HiddenSpaceMessage {
  id: number
  request: HiddenSpaceRequest
}

export type HiddenSpaceReply = { id: number; columns: HiddenSpaceColumns } | { id: number; error: string }

interface Pending {
  request: HiddenSpaceRequest
  resolve: (columns: HiddenSpaceColumns | null) => void
  reject: (e: Error) => void
}

export class HiddenSpaceQueue {
  private nextId = 1
  private inFlight: (Pending & { id: number; started: number }) | null = null
  private waiting: Pending | null = null
  private restUntil = -Infinity
  private timer: unknown = null

  constructor(
    private readonly send: (message: HiddenSpaceMessage) => void,
    private readonly clock: TimerClock = realClock,
  ) {}

  /** The two neurons' outputs for `request`; null when a newer request overtook it. */
  compute(request: HiddenSpaceRequest): Promise<HiddenSpaceColumns | null> {
    return new Promise((resolve, reject) => {
      this.waiting?.resolve(null)
      this.waiting = { request, resolve, reject }
      this.pump()
    })
  }

  /** A reply from the worker. */
  receive(reply: HiddenSpaceReply): void {
    const done = this.inFlight
    if (!done || reply.id !== done.id) return
    this.inFlight = null
    const now = this.clock.now()
    this.restUntil = now + (now - done.started)
    if ('error' in reply) done.reject(new Error(reply.error))
    // Even with a newer request waiting: an older picture now beats none until that one is done.
    else done.resolve(reply.columns)
    this.pump()
  }

  /** The worker is gone: what it holds and what waits is handed to `instead` (say, the page itself). */
  failOver(instead: (request: HiddenSpaceRequest) => HiddenSpaceColumns | null): void {
    for (const p of [this.inFlight, this.waiting]) {
      if (!p) continue
      try {
        p.resolve(instead(p.request))
      } catch (e) {
        p.reject(e instanceof Error ? e : new Error(String(e)))
      }
    }
    this.inFlight = this.waiting = null
    this.stop()
  }

  /** Drops the timer of a rest (the view is going away). */
  stop(): void {
    if (this.timer !== null) this.clock.clear(this.timer)
    this.timer = null
  }

  private pump(): void {
    if (this.inFlight || !this.waiting || this.timer !== null) return
    const wait = this.restUntil - this.clock.now()
    if (wait > 0) {
      this.timer = this.clock.set(() => {
        this.timer = null
        this.pump()
      }, wait)
      return
    }
    const next = this.waiting
    this.waiting = null
    this.inFlight = { ...next, id: this.nextId++, started: this.clock.now() }
    this.send({ id: this.inFlight.id, request: next.request })
  }
}

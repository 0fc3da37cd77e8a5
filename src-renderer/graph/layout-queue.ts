/**
 * The page's side of the layout worker: one layout at a time, and only the newest request waits.
 * A request overtaken by a newer one resolves to null (stale) without being laid out, and a
 * result that comes back after a newer request was made is dropped the same way, so the graph
 * never flashes an old shape and a burst of edits costs at most two layouts.
 */

export interface LayoutRequest {
  id: number
  dot: string
}

export type LayoutReply = { id: number; svg: string; ms: number } | { id: number; error: string }

export interface LayoutResult {
  svg: string
  /** Time Graphviz took in the worker. */
  layoutMs: number
  /** From the request to the reply, in the page: waiting, layout and the trip both ways. */
  roundTripMs: number
}

interface Pending {
  request: LayoutRequest
  resolve: (r: LayoutResult | null) => void
  reject: (e: Error) => void
  at: number
}

export class LayoutQueue {
  private nextId = 1
  private inFlight: Pending | null = null
  private waiting: Pending | null = null
  private broken: Error | null = null

  constructor(
    private readonly send: (request: LayoutRequest) => void,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Lays out `dot`; null when a newer request made this one stale. */
  layout(dot: string): Promise<LayoutResult | null> {
    if (this.broken) return Promise.reject(this.broken)
    return new Promise((resolve, reject) => {
      const pending: Pending = { request: { id: this.nextId++, dot }, resolve, reject, at: this.now() }
      this.waiting?.resolve(null)
      this.waiting = null
      if (this.inFlight) this.waiting = pending
      else this.start(pending)
    })
  }

  /** Hands a reply from the worker over; replies to nothing asked for are ignored. */
  receive(reply: LayoutReply): void {
    const current = this.inFlight
    if (!current || reply.id !== current.request.id) return
    this.inFlight = null
    if (this.waiting) {
      // A newer shape is waiting: this result is already out of date.
      current.resolve(null)
      const next = this.waiting
      this.waiting = null
      this.start(next)
      return
    }
    if ('error' in reply) current.reject(new Error(reply.error))
    else current.resolve({ svg: reply.svg, layoutMs: reply.ms, roundTripMs: this.now() - current.at })
  }

  /** The worker died: every request now and later fails with `error`. */
  fail(error: Error): void {
    this.broken = error
    for (const p of [this.inFlight, this.waiting]) p?.reject(error)
    this.inFlight = this.waiting = null
  }

  private start(pending: Pending): void {
    this.inFlight = pending
    this.send(pending.request)
  }
}

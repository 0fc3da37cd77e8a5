/**
 * The charts' redraws, one per display frame, in the order they asked: a chart.js update of a
 * thousand-point curve takes several milliseconds in software rendering, and four charts redrawn
 * in the same frame as the plot made that frame a long task. A chart asking again while it waits
 * keeps its place (its redraw reads the newest data when it runs).
 */

export interface FrameClock {
  request: (fn: () => void) => number
  cancel: (handle: number) => void
}

export class FrameQueue {
  private readonly waiting = new Set<() => void>()
  private frame = 0

  constructor(
    private readonly clock: FrameClock = {
      request: (fn) => requestAnimationFrame(fn),
      cancel: (h) => cancelAnimationFrame(h),
    },
  ) {}

  /** Runs `job` at a coming frame, once however often it is asked for before then. */
  add(job: () => void): void {
    this.waiting.add(job)
    if (this.frame === 0) this.frame = this.clock.request(() => this.run())
  }

  /** Forgets `job` (a chart going away). */
  remove(job: () => void): void {
    this.waiting.delete(job)
    if (this.waiting.size === 0 && this.frame !== 0) {
      this.clock.cancel(this.frame)
      this.frame = 0
    }
  }

  get size(): number {
    return this.waiting.size
  }

  private run(): void {
    this.frame = 0
    const [job] = this.waiting
    if (!job) return
    this.waiting.delete(job)
    if (this.waiting.size > 0) this.frame = this.clock.request(() => this.run())
    job()
  }
}

/** The page's one queue, shared by every chart. */
export const chartFrames = new FrameQueue()

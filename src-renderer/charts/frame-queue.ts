/**
 * The charts' redraws, one per display frame, in the order they asked, each chart at most every
 * CHART_EVERY_MS: a chart.js update of a thousand-point curve takes several milliseconds in
 * software rendering (most of it laying out axes and legend again), and four charts redrawn at
 * every progress event, in the same frame as the plot, made long tasks. A chart asking again while
 * it waits keeps its place (its redraw reads the newest data when it runs).
 */

/** A chart redraws at most this often: 10 a second, the pace the weights and neuron grids come at. */
export const CHART_EVERY_MS = 100

export interface FrameClock {
  request: (fn: () => void) => number
  cancel: (handle: number) => void
  now: () => number
}

const displayFrames: FrameClock = {
  request: (fn) => requestAnimationFrame(fn),
  cancel: (h) => cancelAnimationFrame(h),
  now: () => performance.now(),
}

export class FrameQueue {
  private readonly waiting = new Set<() => void>()
  /** When each job last ran. */
  private readonly ran = new Map<() => void, number>()
  private frame = 0

  constructor(
    private readonly clock: FrameClock = displayFrames,
    private readonly everyMs = 0,
  ) {}

  /** Runs `job` at a coming frame, once however often it is asked for before then. */
  add(job: () => void): void {
    this.waiting.add(job)
    if (this.frame === 0) this.frame = this.clock.request(() => this.run())
  }

  /** Forgets `job` (a chart going away). */
  remove(job: () => void): void {
    this.waiting.delete(job)
    this.ran.delete(job)
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
    const now = this.clock.now()
    // The first job in line whose last run is long enough ago; none yet: look again next frame.
    const job = [...this.waiting].find((j) => now - (this.ran.get(j) ?? -Infinity) >= this.everyMs)
    if (job) {
      this.waiting.delete(job)
      this.ran.set(job, now)
    }
    if (this.waiting.size > 0) this.frame = this.clock.request(() => this.run())
    job?.()
  }
}

/** The page's one queue, shared by every chart. */
export const chartFrames = new FrameQueue(displayFrames, CHART_EVERY_MS)

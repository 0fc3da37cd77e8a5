/**
 * The page's redraws, shared out over display frames. Every view that paints (the data plot, the
 * network diagram, the hidden space, the graph's live numbers, the charts) asks here instead of
 * calling requestAnimationFrame itself. Each frame runs the jobs in the order they asked until
 * FRAME_BUDGET_MS of work is spent (always at least one), and the rest wait for the next frame.
 *
 * Why: separate requestAnimationFrame callbacks all run in one task. In software rendering a plot of
 * 10,000 points, the diagram's neuron heatmaps and a chart.js update each take several to tens of
 * milliseconds, and drawn in the same frame they made the page's long tasks (over 50 ms) while
 * training, brushing and scrubbing. A job asking again while it waits keeps its place (it reads the
 * newest state when it runs); one asking while or after it runs goes to the back, so a view that
 * redraws every frame takes turns with the others.
 */

/** Work started in a frame once this much of it is spent waits for the next frame. */
export const FRAME_BUDGET_MS = 12

/**
 * A chart redraws at most this often: 5 a second. A chart.js update of a curve of a thousand points
 * is 5 to 20 ms in software rendering, most of it laying out axes and legend again; at 10 a second
 * the four charts were the largest part of the page's script while training.
 */
export const CHART_EVERY_MS = 200

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
  /** Each waiting job and the least time between its runs. */
  private readonly waiting = new Map<() => void, number>()
  /** When each job last ran. */
  private readonly ran = new Map<() => void, number>()
  private frame = 0

  constructor(
    private readonly clock: FrameClock = displayFrames,
    private readonly budgetMs = FRAME_BUDGET_MS,
  ) {}

  /** Runs `job` at a coming frame, once however often it is asked for before then, at most every `everyMs`. */
  add(job: () => void, everyMs = 0): void {
    if (!this.waiting.has(job)) this.waiting.set(job, everyMs)
    if (this.frame === 0) this.frame = this.clock.request(() => this.run())
  }

  /** Forgets `job` (a view going away). */
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
    const start = this.clock.now()
    let ranOne = false
    // The jobs in line now; one added while these run waits for the next frame.
    for (const [job, everyMs] of [...this.waiting]) {
      const now = this.clock.now()
      if (ranOne && now - start >= this.budgetMs) break
      // Removed by a job before it in this frame (a view going away).
      if (!this.waiting.has(job)) continue
      if (now - (this.ran.get(job) ?? -Infinity) < everyMs) continue
      this.waiting.delete(job)
      this.ran.set(job, now)
      ranOne = true
      try {
        job()
      } catch (e) {
        // One view's bug must not stop the others drawing; it still reaches the console.
        queueMicrotask(() => {
          throw e
        })
      }
    }
    if (this.waiting.size > 0 && this.frame === 0) this.frame = this.clock.request(() => this.run())
  }
}

/** The page's one queue, shared by every view that paints. */
export const viewFrames = new FrameQueue()

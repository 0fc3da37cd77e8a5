/**
 * Warming Graphviz up in the layout worker. V8 runs WebAssembly first in its baseline tier and
 * optimises each hot function once it has run long enough, in the background, so a fresh worker's
 * first layouts take several times as long as later ones: in headless Chromium the collapsed 16-16-1
 * layout went 97, 28, 22, 36, 32, 32, 53, 37, then 12 ms; in full, 249, 242, 272, 210, then 142 ms.
 * While nothing is asked for, the worker lays the last DOT out again a few times and throws the
 * result away: a real request then waits at most for one of these repeats, and finds Graphviz
 * faster. The gain comes late and at once, so there is no telling from the times when to stop:
 * bounded instead by a number of repeats and a time budget over the worker's life (at most 1.5 s of
 * the worker's time, once, while the page is idle), and only small graphs are repeated, so that a
 * request never waits long behind a repeat (a big graph warms up by being laid out for real).
 */

export interface WarmUpLimits {
  /** Repeats over the worker's life. */
  runs: number
  /** Milliseconds spent on repeats over the worker's life. */
  budgetMs: number
  /** A longer DOT is not repeated (the 16-16-1 graph collapsed is 9,000 characters, in full 158,000). */
  maxDotLength: number
}

export const WARM_UP_LIMITS: WarmUpLimits = { runs: 10, budgetMs: 1500, maxDotLength: 40_000 }

export class WarmUp {
  private runs = 0
  private spentMs = 0
  /** Bumped by every real request: a repeat scheduled before it does not run. */
  private generation = 0

  constructor(
    private readonly layout: (dot: string) => void,
    private readonly limits: WarmUpLimits = WARM_UP_LIMITS,
    private readonly later: (run: () => void) => void = (run) => setTimeout(run, 0),
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** A real request arrived: any repeat not yet run is dropped. */
  cancel(): void {
    this.generation++
  }

  /** After a real layout of `dot` that took `ms`: repeats it while the worker is idle, within the limits. */
  after(dot: string, ms: number): void {
    if (dot.length > this.limits.maxDotLength) return
    const generation = ++this.generation
    // What the next repeat will cost: the last one's time.
    let estimate = ms
    const step = () => {
      if (generation !== this.generation) return
      if (this.runs >= this.limits.runs || this.spentMs + estimate > this.limits.budgetMs) return
      const t0 = this.now()
      try {
        this.layout(dot)
      } catch {
        return // it laid out a moment ago; if it fails now, warming up is not worth a report
      }
      estimate = this.now() - t0
      this.runs++
      this.spentMs += estimate
      this.later(step)
    }
    this.later(step)
  }
}

/**
 * Calls `fn` at most once per `ms`: at once when it has been quiet that long, else once at the end
 * of the interval however many calls came in between (the last call's state is what counts).
 */
export function throttle(
  fn: () => void,
  ms: number,
  clock: { now: () => number; set: (f: () => void, ms: number) => unknown; clear: (h: unknown) => void } = {
    now: () => performance.now(),
    set: (f, wait) => setTimeout(f, wait),
    clear: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
  },
): { (): void; cancel(): void } {
  let last = -Infinity
  let pending: unknown = null
  const run = () => {
    pending = null
    last = clock.now()
    fn()
  }
  const call = () => {
    if (pending !== null) return
    const wait = last + ms - clock.now()
    if (wait <= 0) run()
    else pending = clock.set(run, wait)
  }
  call.cancel = () => {
    if (pending !== null) clock.clear(pending)
    pending = null
  }
  return call
}

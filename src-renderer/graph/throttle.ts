import { realClock, type TimerClock } from '../timer-clock.ts'

/**
 * Calls `fn` at most once per `ms`: at once when it has been quiet that long, else once at the end
 * of the interval however many calls came in between (the last call's state is what counts).
 */
export function throttle(
  fn: () => void,
  ms: number,
  clock: TimerClock = realClock,
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

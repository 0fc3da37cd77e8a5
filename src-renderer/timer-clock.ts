/** What code that waits needs of time: a clock and timers; tests pass a fake one (testing/fake-clock.ts). */
export interface TimerClock {
  now: () => number
  set: (fn: () => void, ms: number) => unknown
  clear: (handle: unknown) => void
}

/** The page's own clock and timers. */
export const realClock: TimerClock = {
  now: () => performance.now(),
  set: (fn, ms) => setTimeout(fn, ms),
  clear: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
}

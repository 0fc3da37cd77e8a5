/** A TimerClock whose time moves only when a test says: `advance(ms)` runs the timers then due. */
import type { TimerClock } from '../timer-clock.ts'

export function fakeClock(): TimerClock & { advance(ms: number): void; pending(): number } {
  let t = 0
  const timers: { at: number; f: () => void }[] = []
  return {
    now: () => t,
    set: (f, ms) => {
      const timer = { at: t + ms, f }
      timers.push(timer)
      return timer
    },
    clear: (h) => void timers.splice(timers.indexOf(h as (typeof timers)[0]), 1),
    advance(ms: number) {
      t += ms
      for (const timer of timers.filter((x) => x.at <= t)) {
        timers.splice(timers.indexOf(timer), 1)
        timer.f()
      }
    },
    pending: () => timers.length,
  }
}

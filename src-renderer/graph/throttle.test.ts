import { describe, it, expect } from 'vitest'
import { throttle } from './throttle.ts'
import { fakeClock } from '../testing/fake-clock.ts'

describe('throttle', () => {
  it('runs at once after a quiet spell, then at most once per interval, ending on the last call', () => {
    const clock = fakeClock()
    let calls = 0
    const t = throttle(() => calls++, 100, clock)
    t()
    expect(calls).toBe(1)
    t()
    t()
    t()
    expect(calls).toBe(1)
    expect(clock.pending()).toBe(1)
    clock.advance(99)
    expect(calls).toBe(1)
    clock.advance(1)
    expect(calls).toBe(2)
    // Ten calls a millisecond apart for a second: about ten runs, never two within 100 ms.
    for (let i = 0; i < 1000; i++) {
      t()
      clock.advance(1)
    }
    expect(calls).toBeGreaterThanOrEqual(11)
    expect(calls).toBeLessThanOrEqual(12)
    clock.advance(200)
    t()
    expect(calls).toBeLessThanOrEqual(13)
  })

  it('cancel drops the pending call', () => {
    const clock = fakeClock()
    let calls = 0
    const t = throttle(() => calls++, 100, clock)
    t()
    t()
    t.cancel()
    clock.advance(500)
    expect(calls).toBe(1)
  })
})

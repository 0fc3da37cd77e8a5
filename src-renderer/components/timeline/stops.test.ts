import { describe, expect, it } from 'vitest'
import { replayRate, snapshotAtOrBefore, stepTimeline } from './stops.ts'

const epochs = [0, 1, 2, 3, 4, 6, 8, 16]

describe('timeline stops', () => {
  it('shows the latest snapshot at or before a slider position', () => {
    expect(snapshotAtOrBefore(epochs, 5)).toBe(4)
    expect(snapshotAtOrBefore(epochs, 8)).toBe(8)
    expect(snapshotAtOrBefore(epochs, 100)).toBe(16)
    expect(snapshotAtOrBefore([10, 20], 3)).toBe(10)
    expect(snapshotAtOrBefore([], 3)).toBe(0)
  })

  it('steps through snapshots with the arrow keys, now at the right end', () => {
    // Now is epoch 16, which has a snapshot: it is the live end, not a stop of its own.
    expect(stepTimeline(epochs, 16, null, 'ArrowLeft')).toBe(8)
    expect(stepTimeline(epochs, 16, 8, 'ArrowLeft')).toBe(6)
    expect(stepTimeline(epochs, 16, 7, 'ArrowLeft')).toBe(4)
    expect(stepTimeline(epochs, 16, 0, 'ArrowLeft')).toBe(0)
    expect(stepTimeline(epochs, 16, 6, 'ArrowRight')).toBe(8)
    expect(stepTimeline(epochs, 16, 8, 'ArrowRight')).toBeNull()
    expect(stepTimeline(epochs, 16, null, 'ArrowRight')).toBeNull()
    expect(stepTimeline(epochs, 20, null, 'ArrowLeft')).toBe(16)
    expect(stepTimeline(epochs, 16, null, 'Home')).toBe(0)
    expect(stepTimeline(epochs, 16, 2, 'End')).toBeNull()
    expect(stepTimeline(epochs, 16, null, 'PageDown')).toBe(0)
    const many = Array.from({ length: 30 }, (_, i) => i)
    expect(stepTimeline(many, 30, 25, 'PageDown')).toBe(15)
    expect(stepTimeline(many, 30, 15, 'PageUp')).toBe(25)
    expect(stepTimeline(epochs, 16, 0, 'PageUp')).toBeNull()
    expect(stepTimeline(epochs, 16, 3, 'a')).toBeUndefined()
    // A run at its start has nothing to go back to.
    expect(stepTimeline([0], 0, null, 'ArrowLeft')).toBeNull()
  })

  it('replays the whole run in the time chosen, or at a set rate', () => {
    expect(replayRate('30s', 0, 3000)).toBe(100)
    expect(replayRate('10/s', 0, 3000)).toBe(10)
    expect(replayRate('5s', 100, 100)).toBeGreaterThan(0)
  })
})

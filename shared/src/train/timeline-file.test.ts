import { describe, expect, it } from 'vitest'
import { fromByteArray } from 'base64-js'
import type { Snapshot } from './snapshots.ts'
import {
  decodeTimeline,
  encodeTimeline,
  evenlySpread,
  MAX_SAVED_TIMELINE_CHARS,
  TimelineFileError,
  type SavedTimeline,
} from './timeline-file.ts'

const snapshot = (epoch: number, n: number, optimizerType: Snapshot['optimizerType'] = 'adam'): Snapshot => ({
  epoch,
  parameters: Float64Array.from({ length: n }, (_, i) => Math.sin(epoch + i) * 1e-3 + i),
  optimizerType,
  optimizer: Float64Array.from({ length: optimizerType === 'adam' ? 1 + 2 * n : n }, (_, i) => i / 7),
  rng: [epoch, 2, 3, 4],
})

describe('saved timeline format', () => {
  it('round-trips every number bit for bit, with odd values too', () => {
    const s = snapshot(3, 4, 'sgd')
    s.parameters.set([0.1, -0, 5e-324, -1.7976931348623157e308])
    const back = decodeTimeline(JSON.parse(JSON.stringify(encodeTimeline([snapshot(0, 4, 'sgd'), s]))))
    expect(back).toHaveLength(2)
    expect(back[1]).toEqual(s)
    expect(Object.is(back[1].parameters[1], -0)).toBe(true)
  })

  it('drops snapshots evenly past the size budget, keeping the first and the last', () => {
    // 8 × 64-sized vectors: about 0.9 MB of base64 each with Adam's state.
    const big = Array.from({ length: 40 }, (_, i) => snapshot(i * 10, 30_000))
    const saved = encodeTimeline(big)
    const chars = saved.snapshots.reduce((n, s) => n + s.parameters.length + s.state.length, 0)
    expect(chars).toBeLessThanOrEqual(MAX_SAVED_TIMELINE_CHARS)
    expect(saved.snapshots.length).toBeGreaterThanOrEqual(2)
    expect(saved.recorded).toBe(40)
    const epochs = saved.snapshots.map((s) => s.epoch)
    expect(epochs[0]).toBe(0)
    expect(epochs.at(-1)).toBe(390)
    // The default network's whole 10,000-epoch run (about 760 snapshots) fits.
    const small = Array.from({ length: 760 }, (_, i) => snapshot(i, 105))
    expect(encodeTimeline(small).snapshots).toHaveLength(760)
  })

  it('evenlySpread picks distinct indices, first and last, at most the count asked', () => {
    expect(evenlySpread(5, 10)).toEqual([0, 1, 2, 3, 4])
    expect(evenlySpread(10, 3)).toEqual([0, 5, 9])
    expect(evenlySpread(10, 1)).toEqual([9])
    expect(evenlySpread(10, 0)).toEqual([])
    const picked = evenlySpread(1000, 37)
    expect(picked).toHaveLength(37)
    expect(new Set(picked).size).toBe(37)
  })

  it('names the bad field of a damaged timeline', () => {
    const good = encodeTimeline([snapshot(0, 3), snapshot(1, 3)])
    const one = good.snapshots[0]
    const nan = fromByteArray(new Uint8Array(new Float64Array([1, Number.NaN, 2]).buffer))
    const cases: [unknown, RegExp][] = [
      [null, /must be an object/],
      [[], /must be an object/],
      [{ ...good, snapshots: [1] }, /Snapshot 1 of the timeline must be an object/],
      [{ ...good, snapshots: [{ ...one, epoch: -1 }] }, /epoch must be a whole number ≥ 0/],
      [{ ...good, snapshots: [{ ...one, epoch: 0.5 }] }, /epoch must be a whole number/],
      [{ ...good, snapshots: [{ ...one, optimizer: 'rmsprop' }] }, /optimizer must be "sgd" or "adam"/],
      [{ ...good, snapshots: [{ ...one, parameters: 12 }] }, /parameters must be base64 text/],
      [{ ...good, snapshots: [{ ...one, parameters: 'AAAA' }] }, /whole 8-byte numbers, got 3 bytes/],
      [{ ...good, snapshots: [{ ...one, parameters: nan }] }, /parameters holds a number that is not finite/],
      [{ ...good, snapshots: [{ ...one, parameters: '' }] }, /parameters must not be empty/],
      [
        { ...good, snapshots: [{ ...one, state: '' }] },
        /adam state must hold 7 numbers for 3 parameters, got 0/,
      ],
      [
        { ...good, snapshots: [one, { ...encodeTimeline([snapshot(4, 2)]).snapshots[0] }] },
        /Snapshot 2 of the timeline has 2 parameters, snapshot 1 has 3/,
      ],
      [{ ...good, snapshots: Array.from({ length: 2001 }, () => one) }, /at most 2000 snapshots/],
    ]
    for (const [bad, message] of cases) {
      expect(() => decodeTimeline(bad)).toThrow(TimelineFileError)
      expect(() => decodeTimeline(bad)).toThrow(message)
    }
    expect(decodeTimeline({ ...good, extra: 'kept apart' } as SavedTimeline)).toHaveLength(2)
  })
})

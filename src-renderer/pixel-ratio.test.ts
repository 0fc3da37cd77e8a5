import { describe, expect, it } from 'vitest'
import { followPixelRatio } from './pixel-ratio.ts'

/** A window whose pixel ratio the test sets; matchMedia queries fire when they stop matching. */
function fakeScreen(start: number) {
  const queries: { media: string; listener: () => void }[] = []
  const win = {
    devicePixelRatio: start,
    matchMedia(media: string) {
      return {
        addEventListener: (_: string, listener: () => void) => queries.push({ media, listener }),
      } as unknown as MediaQueryList
    },
  }
  const setRatio = (r: number) => {
    win.devicePixelRatio = r
    // A `once` listener fires one time: the queries that matched the old ratio go.
    const stale = queries.splice(0).filter((q) => q.media !== `(resolution: ${r}dppx)`)
    stale.forEach((q) => q.listener())
  }
  return { win, setRatio, queries }
}

describe('followPixelRatio', () => {
  it('starts at the ratio of now and follows each change', () => {
    const s = fakeScreen(1)
    const ratio = followPixelRatio(s.win)
    expect(ratio.value).toBe(1)
    s.setRatio(2)
    expect(ratio.value).toBe(2)
    s.setRatio(1.5)
    expect(ratio.value).toBe(1.5)
  })

  it('listens with one query at a time, for the ratio it holds', () => {
    const s = fakeScreen(2)
    followPixelRatio(s.win)
    expect(s.queries.map((q) => q.media)).toEqual(['(resolution: 2dppx)'])
    s.setRatio(3)
    expect(s.queries.map((q) => q.media)).toEqual(['(resolution: 3dppx)'])
  })

  it('reads a missing ratio as 1', () => {
    const s = fakeScreen(0)
    expect(followPixelRatio(s.win).value).toBe(1)
  })
})

import { describe, it, expect } from 'vitest'
import { MIN_SIZE, parseWindowState, restoreBounds, type Rect } from './window-state.ts'

const laptop: Rect = { x: 0, y: 0, width: 1440, height: 860 }
const rightMonitor: Rect = { x: 1440, y: 0, width: 2560, height: 1400 }

describe('restoreBounds (displays as data)', () => {
  it('keeps bounds that fit where they were, and the maximized flag', () => {
    const saved = { x: 100, y: 50, width: 1200, height: 800, maximized: true }
    expect(restoreBounds(saved, [laptop])).toEqual(saved)
  })

  it('moves a window that hangs off the edge back inside its display', () => {
    expect(restoreBounds({ x: 1000, y: 500, width: 1200, height: 800, maximized: false }, [laptop])).toEqual({
      x: 240,
      y: 60,
      width: 1200,
      height: 800,
      maximized: false,
    })
  })

  it('shrinks a window bigger than the display it is on, but not below the minimum size', () => {
    expect(
      restoreBounds({ x: 0, y: 0, width: 3000, height: 2000, maximized: false }, [laptop]),
    ).toMatchObject({
      width: 1440,
      height: 860,
    })
    expect(
      restoreBounds({ x: 10, y: 10, width: 100, height: 100, maximized: false }, [laptop]),
    ).toMatchObject(MIN_SIZE)
  })

  it('stays on the display it overlaps most', () => {
    const saved = { x: 2000, y: 100, width: 1600, height: 1000, maximized: false }
    expect(restoreBounds(saved, [laptop, rightMonitor])).toEqual(saved)
  })

  it('centres the window on the first display when its display is gone', () => {
    const saved = { x: 2000, y: 100, width: 1200, height: 700, maximized: false }
    expect(restoreBounds(saved, [laptop])).toEqual({
      x: 120,
      y: 80,
      width: 1200,
      height: 700,
      maximized: false,
    })
  })

  it('works with displays left of and above the primary one (negative coordinates)', () => {
    const left: Rect = { x: -1920, y: -200, width: 1920, height: 1080 }
    const saved = { x: -1800, y: -300, width: 1000, height: 700, maximized: false }
    expect(restoreBounds(saved, [laptop, left])).toEqual({ ...saved, y: -200 })
  })

  it('gives null (the defaults) with nothing saved or no displays', () => {
    expect(restoreBounds(null, [laptop])).toBeNull()
    expect(restoreBounds({ x: 0, y: 0, width: 800, height: 600, maximized: false }, [])).toBeNull()
  })
})

describe('parseWindowState', () => {
  it('reads what main wrote and refuses anything damaged', () => {
    expect(parseWindowState('{"x":1,"y":2,"width":800,"height":600,"maximized":true}')).toEqual({
      x: 1,
      y: 2,
      width: 800,
      height: 600,
      maximized: true,
    })
    for (const bad of [
      '',
      '{',
      'null',
      '{"x":1,"y":2,"width":0,"height":600}',
      '{"x":"1","y":2,"width":8,"height":6}',
      '{"x":1e999,"y":2,"width":8,"height":6}',
    ])
      expect(parseWindowState(bad)).toBeNull()
  })
})

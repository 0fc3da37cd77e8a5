import { describe, expect, it } from 'vitest'
import { FrameQueue } from './frame-queue.ts'

/** Display frames 16 ms apart. */
function fakeFrames() {
  let next = 1
  let t = 0
  const callbacks = new Map<number, () => void>()
  return {
    now: () => t,
    request: (fn: () => void) => {
      callbacks.set(next, fn)
      return next++
    },
    cancel: (h: number) => void callbacks.delete(h),
    /** Runs one display frame: the callbacks asked for before it. */
    tick() {
      t += 16
      const due = [...callbacks.values()]
      callbacks.clear()
      due.forEach((fn) => fn())
    },
    pending: () => callbacks.size,
  }
}

describe('FrameQueue', () => {
  it('runs one job per frame, in the order they asked, each once however often it asked', () => {
    const frames = fakeFrames()
    const q = new FrameQueue(frames)
    const ran: string[] = []
    const loss = () => ran.push('loss')
    const accuracy = () => ran.push('accuracy')
    q.add(loss)
    q.add(accuracy)
    q.add(loss)
    frames.tick()
    expect(ran).toEqual(['loss'])
    frames.tick()
    expect(ran).toEqual(['loss', 'accuracy'])
    frames.tick()
    expect(ran).toEqual(['loss', 'accuracy'])
    expect(frames.pending()).toBe(0)
  })

  it('a job asking again while it runs goes to the back; a removed job never runs', () => {
    const frames = fakeFrames()
    const q = new FrameQueue(frames)
    const ran: string[] = []
    const a = () => {
      ran.push('a')
      if (ran.length < 3) q.add(a)
    }
    const b = () => ran.push('b')
    const c = () => ran.push('c')
    q.add(a)
    q.add(b)
    q.add(c)
    q.remove(c)
    for (let i = 0; i < 5; i++) frames.tick()
    expect(ran).toEqual(['a', 'b', 'a'])
    q.add(c)
    q.remove(c)
    expect(frames.pending()).toBe(0)
    expect(q.size).toBe(0)
  })

  it('runs a job at most every everyMs, the others taking the frames between', () => {
    const frames = fakeFrames()
    const q = new FrameQueue(frames, 100)
    const ran: string[] = []
    const loss = () => ran.push('loss')
    const accuracy = () => ran.push('accuracy')
    for (let i = 0; i < 13; i++) {
      q.add(loss)
      q.add(accuracy)
      frames.tick()
    }
    // 13 frames of 16 ms: each chart at frame 1 or 2, then 100 ms later, and again.
    expect(ran).toEqual(['loss', 'accuracy', 'loss', 'accuracy'])
    expect(q.size).toBe(2)
  })
})

import { describe, expect, it } from 'vitest'
import { FrameQueue } from './frame-queue.ts'

function fakeFrames() {
  let next = 1
  const callbacks = new Map<number, () => void>()
  return {
    request: (fn: () => void) => {
      callbacks.set(next, fn)
      return next++
    },
    cancel: (h: number) => void callbacks.delete(h),
    /** Runs one display frame: the callbacks asked for before it. */
    tick() {
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
})

import { describe, expect, it } from 'vitest'
import { FrameQueue } from './view-frames.ts'

/** Display frames 16 ms apart; a job spends time with `work(ms)`, or is made by `job`. */
function fakeFrames() {
  let next = 1
  let t = 0
  const callbacks = new Map<number, () => void>()
  const work = (ms: number) => void (t += ms)
  return {
    now: () => t,
    work,
    /** A job that writes its name into `ran` and takes `ms`. */
    job: (ran: string[], name: string, ms: number) => () => {
      ran.push(name)
      work(ms)
    },
    request: (fn: () => void) => {
      callbacks.set(next, fn)
      return next++
    },
    cancel: (h: number) => void callbacks.delete(h),
    /** Runs one display frame: the callbacks asked for before it. */
    tick() {
      t = (Math.floor(t / 16) + 1) * 16
      const due = [...callbacks.values()]
      callbacks.clear()
      due.forEach((fn) => fn())
    },
    pending: () => callbacks.size,
  }
}

describe('FrameQueue', () => {
  it('runs cheap jobs in one frame, in the order they asked, each once however often it asked', () => {
    const frames = fakeFrames()
    const q = new FrameQueue(frames, 12)
    const ran: string[] = []
    const loss = () => ran.push('loss')
    const accuracy = () => ran.push('accuracy')
    q.add(loss)
    q.add(accuracy)
    q.add(loss)
    frames.tick()
    expect(ran).toEqual(['loss', 'accuracy'])
    frames.tick()
    expect(ran).toEqual(['loss', 'accuracy'])
    expect(frames.pending()).toBe(0)
  })

  it('once a frame’s budget is spent the other jobs wait for the next frame', () => {
    const frames = fakeFrames()
    const q = new FrameQueue(frames, 12)
    const ran: string[] = []
    const plot = frames.job(ran, 'plot', 10)
    const diagram = frames.job(ran, 'diagram', 8)
    const chart = frames.job(ran, 'chart', 20)
    const marker = frames.job(ran, 'marker', 1)
    ;[plot, diagram, chart, marker].forEach((j) => q.add(j))
    frames.tick()
    // plot (10 ms) leaves room to start the diagram; then 18 ms are spent.
    expect(ran).toEqual(['plot', 'diagram'])
    frames.tick()
    // A job over the budget on its own still runs: at least one a frame.
    expect(ran).toEqual(['plot', 'diagram', 'chart'])
    frames.tick()
    expect(ran).toEqual(['plot', 'diagram', 'chart', 'marker'])
    expect(frames.pending()).toBe(0)
  })

  it('the first job of a frame always runs, even with no budget at all', () => {
    const frames = fakeFrames()
    const q = new FrameQueue(frames, 0)
    const ran: string[] = []
    q.add(() => ran.push('a'))
    q.add(() => ran.push('b'))
    frames.tick()
    expect(ran).toEqual(['a'])
    frames.tick()
    expect(ran).toEqual(['a', 'b'])
  })

  it('a job asking again while it runs goes to the back, so views redrawing every frame take turns', () => {
    const frames = fakeFrames()
    const q = new FrameQueue(frames, 12)
    const ran: string[] = []
    const plot = () => {
      ran.push('plot')
      frames.work(15)
      if (ran.length < 5) q.add(plot)
    }
    const chart = frames.job(ran, 'chart', 15)
    q.add(plot)
    q.add(chart)
    for (let i = 0; i < 5; i++) frames.tick()
    expect(ran).toEqual(['plot', 'chart', 'plot', 'plot', 'plot'])
  })

  it('a removed job never runs, and an empty queue asks for no frame', () => {
    const frames = fakeFrames()
    const q = new FrameQueue(frames, 12)
    const ran: string[] = []
    const c = () => ran.push('c')
    q.add(c)
    q.remove(c)
    expect(frames.pending()).toBe(0)
    expect(q.size).toBe(0)
    frames.tick()
    expect(ran).toEqual([])
  })

  it('a job removed by an earlier job in the same frame does not run', () => {
    const frames = fakeFrames()
    const q = new FrameQueue(frames, 12)
    const ran: string[] = []
    const gone = () => ran.push('gone')
    q.add(() => {
      ran.push('first')
      q.remove(gone)
    })
    q.add(gone)
    frames.tick()
    frames.tick()
    expect(ran).toEqual(['first'])
  })

  it('runs a job at most every everyMs, the others taking the frames between', () => {
    const frames = fakeFrames()
    const q = new FrameQueue(frames, 12)
    const ran: string[] = []
    const loss = frames.job(ran, 'loss', 13)
    const accuracy = frames.job(ran, 'accuracy', 13)
    for (let i = 0; i < 13; i++) {
      q.add(loss, 100)
      q.add(accuracy, 100)
      frames.tick()
    }
    // 13 frames of 16 ms: each chart at frame 1 or 2, then 100 ms later, and again.
    expect(ran).toEqual(['loss', 'accuracy', 'loss', 'accuracy'])
    expect(q.size).toBe(2)
  })

  it('a job that throws does not stop the others', async () => {
    const frames = fakeFrames()
    const q = new FrameQueue(frames, 12)
    const ran: string[] = []
    const thrown: unknown[] = []
    const onError = (e: unknown) => thrown.push(e)
    process.on('uncaughtException', onError)
    try {
      q.add(() => {
        throw new Error('broken view')
      })
      q.add(() => ran.push('next'))
      frames.tick()
      await new Promise((r) => setTimeout(r, 0))
    } finally {
      process.off('uncaughtException', onError)
    }
    expect(ran).toEqual(['next'])
    expect(String(thrown[0])).toContain('broken view')
  })
})

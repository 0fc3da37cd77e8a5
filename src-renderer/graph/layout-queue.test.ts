import { describe, it, expect } from 'vitest'
import { LayoutQueue, type LayoutRequest } from './layout-queue.ts'

function setup() {
  const sent: LayoutRequest[] = []
  let clock = 0
  const queue = new LayoutQueue(
    (r) => sent.push(r),
    () => clock,
  )
  const tick = (ms: number) => (clock += ms)
  return { queue, sent, tick }
}

describe('LayoutQueue', () => {
  it('sends a request at once and resolves with the SVG and the times', async () => {
    const { queue, sent, tick } = setup()
    const result = queue.layout('digraph { a }')
    expect(sent).toEqual([{ id: 1, dot: 'digraph { a }' }])
    tick(30)
    queue.receive({ id: 1, svg: '<svg/>', ms: 12 })
    expect(await result).toEqual({ svg: '<svg/>', layoutMs: 12, roundTripMs: 30 })
  })

  it('while one is laid out, only the newest request waits; the ones it overtook resolve to null unsent', async () => {
    const { queue, sent } = setup()
    const first = queue.layout('one')
    const second = queue.layout('two')
    const third = queue.layout('three')
    expect(sent.map((r) => r.dot)).toEqual(['one'])
    expect(await second).toBeNull()
    // The first comes back after newer requests were made: it is stale too, and the newest goes out.
    queue.receive({ id: 1, svg: '<svg>one</svg>', ms: 5 })
    expect(await first).toBeNull()
    expect(sent.map((r) => r.dot)).toEqual(['one', 'three'])
    queue.receive({ id: sent[1].id, svg: '<svg>three</svg>', ms: 5 })
    expect((await third)!.svg).toBe('<svg>three</svg>')
  })

  it('ignores replies to requests it did not make or already dropped', async () => {
    const { queue, sent } = setup()
    const result = queue.layout('one')
    queue.receive({ id: 99, svg: 'x', ms: 1 })
    queue.receive({ id: sent[0].id, svg: '<svg/>', ms: 1 })
    queue.receive({ id: sent[0].id, svg: 'again', ms: 1 })
    expect((await result)!.svg).toBe('<svg/>')
  })

  it('a Graphviz error rejects that request only; the next one goes through', async () => {
    const { queue, sent } = setup()
    const bad = queue.layout('digraph {')
    queue.receive({ id: 1, error: 'syntax error in line 1' })
    await expect(bad).rejects.toThrow(/syntax error/)
    const good = queue.layout('digraph {}')
    queue.receive({ id: sent[1].id, svg: '<svg/>', ms: 1 })
    expect(await good).not.toBeNull()
  })

  it('a dead worker fails what is pending and everything after', async () => {
    const { queue } = setup()
    const inFlight = queue.layout('one')
    const waiting = queue.layout('two')
    queue.fail(new Error('The layout worker stopped'))
    await expect(inFlight).rejects.toThrow(/stopped/)
    await expect(waiting).rejects.toThrow(/stopped/)
    await expect(queue.layout('three')).rejects.toThrow(/stopped/)
  })
})

// @vitest-environment node
import { describe, expect, it } from 'vitest'
import type { HiddenSpaceColumns, HiddenSpaceRequest } from './hidden-space.ts'
import { HiddenSpaceQueue, type HiddenSpaceMessage } from './hidden-space-queue.ts'
import { fakeClock } from '../testing/fake-clock.ts'

const request = (horizontal: number) => ({ horizontal }) as unknown as HiddenSpaceRequest
const columns = (n: number): HiddenSpaceColumns => ({
  lineX: Float64Array.of(n),
  lineY: Float64Array.of(n),
  pointX: Float64Array.of(n),
  pointY: Float64Array.of(n),
})

describe('HiddenSpaceQueue', () => {
  it('computes one request at a time; of those waiting only the newest is sent, the others get null', async () => {
    const clock = fakeClock()
    const sent: HiddenSpaceMessage[] = []
    const q = new HiddenSpaceQueue((m) => sent.push(m), clock)
    const first = q.compute(request(1))
    const second = q.compute(request(2))
    const third = q.compute(request(3))
    expect(sent.map((m) => m.request.horizontal)).toEqual([1])
    expect(await second).toBeNull()
    q.receive({ id: sent[0].id, columns: columns(1) })
    // The first still brings its answer: an older picture beats none.
    expect(await first).toEqual(columns(1))
    clock.advance(0)
    expect(sent.map((m) => m.request.horizontal)).toEqual([1, 3])
    q.receive({ id: sent[1].id, columns: columns(3) })
    expect(await third).toEqual(columns(3))
  })

  it('rests as long as a pass took before sending the next, leaving the trainer the rest of the machine', () => {
    const clock = fakeClock()
    const sent: HiddenSpaceMessage[] = []
    const q = new HiddenSpaceQueue((m) => sent.push(m), clock)
    void q.compute(request(1))
    clock.advance(40)
    q.receive({ id: sent[0].id, columns: columns(1) })
    void q.compute(request(2))
    expect(sent).toHaveLength(1)
    clock.advance(39)
    expect(sent).toHaveLength(1)
    clock.advance(1)
    expect(sent).toHaveLength(2)
  })

  it('an error is the request’s own; a worker that fails hands what it holds and what waits to the page', async () => {
    const clock = fakeClock()
    const sent: HiddenSpaceMessage[] = []
    const q = new HiddenSpaceQueue((m) => sent.push(m), clock)
    const failing = q.compute(request(1))
    q.receive({ id: sent[0].id, error: 'no such layer' })
    await expect(failing).rejects.toThrow('no such layer')
    clock.advance(10)
    const held = q.compute(request(2))
    const waiting = q.compute(request(3))
    expect(sent.map((m) => m.request.horizontal)).toEqual([1, 2])
    q.failOver((r) => columns(r.horizontal * 10))
    expect(await held).toEqual(columns(20))
    expect(await waiting).toEqual(columns(30))
  })
})

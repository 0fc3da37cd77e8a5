import { describe, it, expect } from 'vitest'
import { WarmUp } from './warm-up.ts'

/**
 * A WarmUp whose repeats wait in a queue until `idle()` runs them, and whose layouts take `ms` each
 * (a number, or one per layout: the code getting faster as it warms).
 */
function harness(ms: number | number[], limits = { runs: 3, budgetMs: 1000, maxDotLength: 20 }) {
  const queue: (() => void)[] = []
  const laidOut: string[] = []
  let clock = 0
  const warm = new WarmUp(
    (dot) => {
      laidOut.push(dot)
      clock += typeof ms === 'number' ? ms : (ms[laidOut.length - 1] ?? ms[ms.length - 1])
    },
    limits,
    (run) => queue.push(run),
    () => clock,
  )
  const idle = () => {
    while (queue.length) queue.shift()!()
  }
  return { warm, laidOut, idle, queue }
}

describe('WarmUp', () => {
  it('repeats the last layout while idle, up to its number of runs over its life', () => {
    const { warm, laidOut, idle } = harness([80, 50, 30])
    warm.after('digraph { a }', 20)
    expect(laidOut).toEqual([])
    idle()
    expect(laidOut).toEqual(['digraph { a }', 'digraph { a }', 'digraph { a }'])
    warm.after('digraph { b }', 20)
    idle()
    expect(laidOut).toHaveLength(3)
  })

  it('drops a repeat a real request overtook, and warms with the newest DOT', () => {
    const { warm, laidOut, idle, queue } = harness([80, 50, 30])
    warm.after('old', 20)
    warm.cancel()
    warm.after('new', 20)
    expect(queue).toHaveLength(2)
    idle()
    expect(laidOut).toEqual(['new', 'new', 'new'])
  })

  it('never repeats a big graph, and stops before a repeat would pass its time budget', () => {
    const big = harness(20)
    big.warm.after('digraph { a; b; c; d; e }', 20)
    big.idle()
    expect(big.laidOut).toEqual([])
    const { warm, laidOut, idle } = harness([100, 80, 60], { runs: 10, budgetMs: 250, maxDotLength: 20 })
    warm.after('mid', 120)
    idle()
    // 100 + 80 spent; the next (about 80 more) would pass 250.
    expect(laidOut).toHaveLength(2)
    const slow = harness(400, { runs: 10, budgetMs: 250, maxDotLength: 20 })
    slow.warm.after('big', 400)
    slow.idle()
    expect(slow.laidOut).toEqual([])
  })

  it('gives up quietly when a repeat throws', () => {
    let calls = 0
    const queue: (() => void)[] = []
    const warm = new WarmUp(
      () => {
        calls++
        throw new Error('out of memory')
      },
      undefined,
      (run) => queue.push(run),
    )
    warm.after('x', 10)
    while (queue.length) queue.shift()!()
    expect(calls).toBe(1)
  })
})

import { describe, it, expect } from 'vitest'
import fc from 'fast-check'
import { Value, OPS } from '../engine/value.ts'
import { MLP } from '../nn/mlp.ts'
import { createRng } from '../random.ts'
import { tanhLesson } from '../testing/fixtures.ts'
import { BackwardWalk, localDerivatives } from './backward-walk.ts'

describe('localDerivatives', () => {
  it('reads each op’s local derivative from the table without touching real grads', () => {
    const a = new Value(2)
    const b = new Value(-3)
    const cases: [Value, number[]][] = [
      [a.add(b), [1, 1]],
      [a.sub(b), [1, -1]],
      [a.mul(b), [-3, 2]],
      [a.div(b), [-1 / 3, -2 / 9]],
      [a.pow(3), [12]],
      [a.pow(new Value(3)), [12, 8 * Math.log(2)]],
      [a.tanh(), [1 - Math.tanh(2) ** 2]],
      [b.relu(), [0]],
      [b.leakyRelu(0.3), [0.3]],
      [a.exp(), [Math.exp(2)]],
      [a.log(), [0.5]],
      [b.abs(), [-1]],
      [a.sigmoid(), [(1 / (1 + Math.exp(-2))) * (1 - 1 / (1 + Math.exp(-2)))]],
    ]
    for (const [node, expected] of cases) {
      const local = localDerivatives(node)
      expect(local).toHaveLength(expected.length)
      local.forEach((d, i) => expect(d).toBeCloseTo(expected[i], 12))
    }
    expect(a.grad).toBe(0)
    expect(b.grad).toBe(0)
    expect(localDerivatives(a)).toEqual([])
  })

  it('gives x*x one derivative per operand', () => {
    const x = new Value(5)
    expect(localDerivatives(x.mul(x))).toEqual([5, 5])
  })

  it('covers every op in the table', () => {
    const built = new Set<string>()
    const x = new Value(0.7)
    for (const node of [
      x.add(1),
      x.sub(1),
      x.mul(2),
      x.div(2),
      x.pow(new Value(2)),
      x.pow(2),
      x.neg(),
      x.exp(),
      x.log(),
      x.tanh(),
      x.relu(),
      x.leakyRelu(),
      x.sigmoid(),
      x.softplus(),
      x.abs(),
    ]) {
      built.add(node.op.startsWith('**') && node.op !== '**' ? '**k' : node.op)
      for (const d of localDerivatives(node)) expect(Number.isFinite(d)).toBe(true)
    }
    expect([...built].sort()).toEqual(Object.keys(OPS).sort())
  })
})

describe('BackwardWalk', () => {
  it('starts with every grad 0 except the root’s 1, then walks parents before children', () => {
    const { a, e, d, L } = tanhLesson()
    a.grad = 42 // left over from earlier: the walk starts clean
    const walk = new BackwardWalk(L)
    expect(walk.graph.nodes.map((n) => n.grad)).toEqual([0, 0, 0, 0, 0, 1])
    expect(a.grad).toBe(0)
    expect(walk.current).toBe(walk.graph.ids.get(L))

    const first = walk.step()!
    expect(first.op).toBe('tanh')
    expect(first.upstream).toBe(1)
    expect(first.terms).toEqual([
      { child: walk.graph.ids.get(d), local: 1 - Math.tanh(4) ** 2, contribution: 1 - Math.tanh(4) ** 2 },
    ])
    expect(walk.graph.nodes[walk.graph.ids.get(d)!].grad).toBe(d.grad)

    const second = walk.step()!
    expect(second.op).toBe('+')
    expect(second.terms.map((t) => t.contribution)).toEqual([d.grad, d.grad])

    const third = walk.step()!
    expect(third.id).toBe(walk.graph.ids.get(e))
    expect(third.terms.map((t) => t.local)).toEqual([-3, 2])
    expect(third.terms[0].contribution).toBe(-3 * e.grad)
    expect(walk.done).toBe(true)
    expect(walk.step()).toBeNull()
    expect(walk.steps).toEqual([first, second, third])
  })

  it('ends exactly where backward() ends, on random networks', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1000 }),
        fc.double({ min: -2, max: 2, noNaN: true }),
        (seed, x) => {
          const rng = createRng(seed)
          const net = new MLP(
            2,
            [
              { units: 3, activation: 'tanh' },
              { units: 1, activation: 'sigmoid' },
            ],
            rng.next,
          )
          const out = net.forward([x, 0.5])[0].sub(1).pow(2)
          const walk = new BackwardWalk(out)
          walk.finish()
          const stepped = walk.graph.values.map((v) => v.grad)
          expect(walk.graph.nodes.map((n) => n.grad)).toEqual(stepped)
          for (const v of walk.graph.values) v.grad = 0
          out.backward()
          expect(walk.graph.values.map((v) => v.grad)).toEqual(stepped)
          // Every inner node was stepped once; leaves never.
          expect(walk.steps).toHaveLength(walk.graph.nodes.filter((n) => n.op !== '').length)
        },
      ),
      { numRuns: 20 },
    )
  })

  it('accumulates contributions into a Value used twice', () => {
    const x = new Value(3, undefined, '', 'x')
    const walk = new BackwardWalk(x.mul(x).add(x))
    walk.finish()
    expect(x.grad).toBe(7) // 2x + 1
    expect(walk.graph.nodes[walk.graph.ids.get(x)!].grad).toBe(7)
    const [times, plus] = walk.steps.slice().reverse()
    expect(times.terms.map((t) => t.contribution)).toEqual([3, 3])
    expect(plus.terms.map((t) => t.contribution)).toEqual([1, 1])
  })
})

import { describe, it, expect } from 'vitest'
import fc from 'fast-check'
import { Value, sum } from '../engine/value.ts'
import { MLP } from '../nn/mlp.ts'
import { createRng } from '../random.ts'
import { tanhLesson } from '../testing/fixtures.ts'
import { chainRuleLines, explainNode, formatNumber, formulaOf, localRule } from './chain-rule.ts'
import { LedgerWalk } from './ledger.ts'
import { traceNetworkSample } from './network.ts'
import { traceGraph } from './trace.ts'

/** A fresh network and graph on every call (a walk must not share Values with another graph). */
function randomLoss(seed: number, x1: number) {
  return () => {
    const mlp = new MLP(
      2,
      [
        { units: 3, activation: 'tanh' },
        { units: 2, activation: 'relu' },
        { units: 1, activation: 'sigmoid' },
      ],
      createRng(seed).next,
    )
    return traceNetworkSample(mlp, [x1, -0.3], (outs) => sum(outs.map((o) => o.sub(1).pow(2)))).root
  }
}

describe('LedgerWalk: the ledger’s numbers are the engine’s grads', () => {
  it('on random networks, every total is the grad backward() gives, and contributions add up to it', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000 }),
        fc.double({ min: -2, max: 2, noNaN: true }),
        (seed, x) => {
          const build = randomLoss(seed, x)
          const ledger = new LedgerWalk(build)
          while (ledger.step());
          const reference = build()
          reference.backward()
          const grads = traceGraph(reference).values.map((v) => v.grad)
          const sums = new Map<number, number>()
          for (const entry of ledger.entries) {
            // Each step passes on the grad the node had by then: its final grad (parents come first).
            expect(entry.upstream).toBe(grads[entry.id])
            for (const t of entry.terms) {
              expect(t.contribution).toBe(t.local * entry.upstream)
              sums.set(t.child, (sums.get(t.child) ?? 0) + t.contribution)
            }
          }
          ledger.graph.nodes.forEach((n, id) => {
            expect(n.grad).toBe(grads[id])
            if (id !== ledger.graph.root) expect(sums.get(id) ?? 0).toBeCloseTo(grads[id], 12)
          })
          // The last contribution a node receives leaves exactly its final grad.
          const last = new Map<number, number>()
          for (const e of ledger.entries) for (const t of e.terms) last.set(t.child, t.total)
          for (const [id, total] of last) expect(total).toBe(grads[id])
          expect(ledger.entries).toHaveLength(ledger.total)
        },
      ),
      { numRuns: 25 },
    )
  })

  it("the lesson's first three steps: tanh, then +, then *", () => {
    const ledger = new LedgerWalk(() => tanhLesson().L)
    expect(ledger.total).toBe(3)
    const [one, two, three] = [ledger.step()!, ledger.step()!, ledger.step()!]
    expect(ledger.step()).toBeNull()
    expect(ledger.done).toBe(true)
    const dt = 1 - Math.tanh(4) ** 2
    expect([one.name, one.op, one.upstream]).toEqual(['L', 'tanh', 1])
    expect(one.terms).toMatchObject([{ rule: '1 − L²', local: dt, contribution: dt, total: dt, nth: 1 }])
    expect(two.terms.map((t) => [t.rule, t.contribution])).toEqual([
      ['1', dt],
      ['1', dt],
    ])
    expect(three.terms.map((t) => [t.childName, t.rule, t.local, t.contribution])).toEqual([
      ['a', 'b', -3, -3 * dt],
      ['b', 'a', 2, 2 * dt],
    ])
  })

  it('a Value used twice receives two contributions, numbered, the second total being its grad', () => {
    const build = () => {
      const x = new Value(3, undefined, '', 'x')
      const y = x.mul(x)
      y.label = 'y'
      return y.add(x)
    }
    const ledger = new LedgerWalk(build)
    const plus = ledger.step()!
    const times = ledger.step()!
    const x = ledger.graph.ids.get(ledger.graph.values.find((v) => v.label === 'x')!)!
    expect(plus.terms.find((t) => t.child === x)).toMatchObject({ contribution: 1, total: 1, nth: 1 })
    expect(times.terms.map((t) => [t.child, t.contribution, t.total, t.nth])).toEqual([
      [x, 3, 4, 2],
      [x, 3, 7, 3],
    ])
    expect(ledger.contributions(x)).toBe(3)
  })

  it('steps back by replaying on a fresh graph, and restarts from grads 0 and the output’s 1', () => {
    const ledger = new LedgerWalk(randomLoss(4, 0.7))
    for (let i = 0; i < 5; i++) ledger.step()
    const grads = ledger.graph.nodes.map((n) => n.grad)
    const fifth = ledger.entries[4]
    ledger.step()
    expect(ledger.back()).toBe(true)
    expect(ledger.entries).toHaveLength(5)
    expect(ledger.entries[4]).toEqual(fifth)
    expect(ledger.graph.nodes.map((n) => n.grad)).toEqual(grads)
    ledger.restart()
    expect(ledger.entries).toHaveLength(0)
    expect(ledger.back()).toBe(false)
    expect(ledger.graph.nodes.filter((n) => n.grad !== 0).map((n) => n.id)).toEqual([ledger.graph.root])
  })
})

describe('explainNode: the chain rule with numbers', () => {
  it('writes ∂out/∂w = x with the numbers, as the issue shows it', () => {
    const w = new Value(-0.5, undefined, '', 'w')
    const x = new Value(0.93, undefined, '', 'x')
    const out = w.mul(x)
    out.label = 'out'
    const loss = out.mul(2)
    loss.label = 'loss'
    loss.backward()
    const graph = traceGraph(loss)
    const lines = chainRuleLines(graph, explainNode(graph, graph.ids.get(w)!))
    expect(lines).toEqual([
      '∂out/∂w = x = 0.9300, so 0.9300 × grad(out) = 0.9300 × 2.0000 = 1.8600',
      'grad(w) = 1.8600',
    ])
    const o = explainNode(graph, graph.ids.get(out)!)
    expect(o.forward).toBe('out = w * x = −0.5000 * 0.9300 = −0.4650')
    expect(chainRuleLines(graph, explainNode(graph, graph.root))).toEqual([
      "grad(loss) = 1: the output's derivative with respect to itself.",
    ])
  })

  it('sums the terms of a Value used twice, and every term matches the engine', () => {
    const { a, L } = tanhLesson()
    const twice = L.add(a.mul(a))
    twice.backward()
    const graph = traceGraph(twice)
    const x = explainNode(graph, graph.ids.get(a)!)
    expect(x.terms).toHaveLength(3)
    expect(x.terms.reduce((s, t) => s + t.contribution, 0)).toBeCloseTo(a.grad, 12)
    expect(chainRuleLines(graph, x).at(-1)).toMatch(/^grad\(a\) = .+ \+ .+ \+ .+ = /)
  })

  it('has a rule and a formula for every op', () => {
    const a = new Value(2, undefined, '', 'a')
    const b = new Value(-3, undefined, '', 'b')
    const cases: [Value, string, string[]][] = [
      [a.add(b), 'a + b', ['1', '1']],
      [a.sub(b), 'a - b', ['1', '−1']],
      [a.mul(b), 'a * b', ['b', 'a']],
      [a.div(b), 'a / b', ['1 / b', '−a / b²']],
      [a.pow(b), 'a ** b', ['b · a^(b − 1)', 'the output · ln a']],
      [a.pow(3), 'a**3', ['3 · a^2']],
      [a.neg(), '−a', ['−1']],
      [a.exp(), 'exp(a)', ['exp(a), the output itself']],
      [a.log(), 'log(a)', ['1 / a']],
      [a.tanh(), 'tanh(a)', ['1 − the output²']],
      [b.relu(), 'relu(b)', ['0, as b ≤ 0']],
      [a.relu(), 'relu(a)', ['1, as a > 0']],
      [b.leakyRelu(0.1), 'leaky_relu(b)', ['the slope 0.1, as b ≤ 0']],
      [a.sigmoid(), 'sigmoid(a)', ['the output · (1 − the output)']],
      [a.softplus(), 'softplus(a)', ['sigmoid(a)']],
      [b.abs(), 'abs(b)', ['sign(b)']],
    ]
    for (const [v, formula, rules] of cases) {
      expect(formulaOf(v)).toBe(formula)
      expect(v.children.map((_, i) => localRule(v, i))).toEqual(rules)
    }
    // An unnamed operand is written as its number.
    expect(formulaOf(a.mul(0.5))).toBe('a * 0.5000')
  })

  it('formats numbers as the readouts do', () => {
    expect(formatNumber(-0.44101)).toBe('−0.4410')
    expect(formatNumber(0.00001234)).toBe('1.23e-5')
    expect(formatNumber(0)).toBe('0.0000')
    expect(formatNumber(-Infinity)).toBe('−∞')
    expect(formatNumber(NaN)).toBe('NaN')
  })
})

import { describe, it, expect } from 'vitest'
import { LedgerWalk } from '../../shared/src/graph/ledger.ts'
import { parseProgram, LAB_EXAMPLES } from '../../shared/src/lab/index.ts'
import type { LossName } from '../../shared/src/model-file/types.ts'
import { MLP, type NetworkJSON } from '../../shared/src/nn/mlp.ts'
import { createRng } from '../../shared/src/random.ts'
import { checkInSlices } from './check-in-slices.ts'
import { labModel, sampleModel } from './explorer-model.ts'

function net(units: number[], outputs: number, seed = 5, activation: 'tanh' | 'relu' = 'tanh'): NetworkJSON {
  const mlp = new MLP(
    2,
    [...units.map((u) => ({ units: u, activation })), { units: outputs, activation: 'tanh' as const }],
    createRng(seed).next,
  )
  return mlp.toJSON()
}

const labels = (m: ReturnType<typeof sampleModel>) => m.graph.nodes.map((n) => n.label).filter(Boolean)

describe('sampleModel', () => {
  it('traces the point through the network and its loss, with grads from backward()', () => {
    const network = net([3], 1)
    const model = sampleModel({ network, point: [0.5, -0.25, 1], loss: 'mse' })
    const { graph } = model
    const value = (label: string) => graph.nodes.find((n) => n.label === label)!
    expect(value('x1').data).toBe(0.5)
    expect(value('x2').data).toBe(-0.25)
    // mse with one output: (out − t)², t = +1 for class 1.
    expect(value('t').data).toBe(1)
    const out = value('out').data
    expect(value('loss').data).toBeCloseTo((out - 1) ** 2, 14)
    expect(value('loss').grad).toBe(1)
    expect(value('out').grad).toBeCloseTo(2 * (out - 1), 14)
    expect(model.groups.map((g) => g.key)).toEqual(['n1.1', 'n1.2', 'n1.3', 'n2.1'])
    expect(model.parameterNames).toEqual(
      MLP.fromJSON(network)
        .parameters()
        .map((p) => p.label),
    )
    expect(model.parameterIds.map((id) => graph.nodes[id].label)).toEqual(model.parameterNames)
    expect(model.classOf(value('x1').id)).toBe('input')
  })

  it('names the constants of each loss: t, −t, max', () => {
    const point = [0.1, 0.2, 0] as [number, number, number]
    const constants = (loss: LossName, outputs: number) =>
      labels(sampleModel({ network: net([2], outputs), point, loss })).filter((l) => /^(−?t\d*|max)$/.test(l))
    expect(constants('mse', 1)).toEqual(['t'])
    expect(constants('hinge', 1)).toEqual(['−t'])
    expect(constants('bce', 1)).toEqual(['−t'])
    expect(new Set(constants('mse', 3))).toEqual(new Set(['t1', 't2', 't3']))
    expect(new Set(constants('cross_entropy', 3))).toEqual(new Set(['max']))
    const ce = sampleModel({ network: net([2], 3), point, loss: 'cross_entropy' })
    expect(ce.legend.map((e) => e.term)).toContain('max')
  })

  it('is the same shape for another point or new weights, another shape for another network', () => {
    const a = sampleModel({ network: net([3], 1, 1), point: [0.5, -0.25, 1], loss: 'mse' })
    const b = sampleModel({ network: net([3], 1, 2), point: [-1, 1, 0], loss: 'mse' })
    const c = sampleModel({ network: net([4], 1, 1), point: [0.5, -0.25, 1], loss: 'mse' })
    const d = sampleModel({ network: net([3], 1, 1), point: [0.5, -0.25, 1], loss: 'hinge' })
    expect(b.shape).toBe(a.shape)
    expect(c.shape).not.toBe(a.shape)
    expect(d.shape).not.toBe(a.shape)
  })

  it('a fresh copy has the same ids, so the backward walk draws on the same boxes', () => {
    const model = sampleModel({ network: net([3, 2], 1), point: [0.5, -0.25, 0], loss: 'mse' })
    const walk = new LedgerWalk(model.freshRoot)
    expect(walk.graph.nodes.map((n) => n.label)).toEqual(model.graph.nodes.map((n) => n.label))
    while (walk.step());
    walk.graph.nodes.forEach((n, id) => expect(n.grad).toBeCloseTo(model.graph.nodes[id].grad, 12))
    // The model's own graph kept its grads: the walk worked on a copy.
    expect(model.graph.values[model.graph.root].grad).toBe(1)
  })

  it('every gradient passes the check, slice by slice, on random networks and each loss', async () => {
    for (const [loss, outputs, seed] of [
      ['mse', 1, 1],
      ['hinge', 1, 2],
      ['bce', 1, 3],
      ['cross_entropy', 3, 4],
      ['mse', 3, 5],
    ] as [LossName, number, number][]) {
      const model = sampleModel({ network: net([4, 3], outputs, seed), point: [0.7, -0.4, 1], loss })
      const progress: number[] = []
      const summary = (await checkInSlices(model, { slice: 7, onProgress: (done) => progress.push(done) }))!
      expect(summary.rows).toHaveLength(model.parameterNames.length)
      expect(summary.passed).toBe(summary.rows.length)
      expect(summary.rows.map((r) => r.index)).toEqual(model.parameterNames.map((_, i) => i))
      expect(summary.rows.map((r) => r.name)).toEqual(model.parameterNames)
      expect(progress.at(-1)).toBe(summary.rows.length)
      expect(progress.length).toBe(Math.ceil(summary.rows.length / 7))
      // The autograd column is the graph's own grads.
      summary.rows.forEach((r) =>
        expect(r.analytic).toBeCloseTo(model.graph.nodes[model.parameterIds[r.index]].grad, 12),
      )
    }
  })

  it('a cancelled check stops between slices', async () => {
    const model = sampleModel({ network: net([4, 3], 1), point: [0.7, -0.4, 1], loss: 'mse' })
    let slices = 0
    const result = await checkInSlices(model, {
      slice: 5,
      onProgress: () => slices++,
      cancelled: () => slices >= 2,
    })
    expect(result).toBeNull()
    expect(slices).toBe(2)
  })
})

describe('labModel', () => {
  it('draws the program, marks its named numbers as parameters and checks them', async () => {
    const model = labModel(parseProgram(LAB_EXAMPLES[0].source))
    expect(model.graph.nodes[model.graph.root].label).toBe('L')
    expect(model.parameterNames).toEqual(['a', 'b', 'c', 'f'])
    expect(model.parameterIds.map((id) => model.graph.nodes[id].grad)).toEqual([6, -4, -2, 4])
    expect(model.classOf(model.parameterIds[0])).toBe('param')
    const summary = (await checkInSlices(model))!
    expect(summary.rows.map((r) => [r.name, r.passed])).toEqual([
      ['a', true],
      ['b', true],
      ['c', true],
      ['f', true],
    ])
    summary.rows.forEach((r) => expect(r.numeric).toBeCloseTo(r.analytic, 6))
  })

  it('leaves out named numbers the output does not use', () => {
    const model = labModel(parseProgram('a = 1; unused = 5; b = 2; L = a * b'))
    expect(model.parameterNames).toEqual(['a', 'b'])
    const result = model.check([1])
    expect(result.entries.map((e) => [e.index, e.analytic])).toEqual([[1, 1]])
  })

  it('at a relu kink the two gradients disagree, and the check says so', async () => {
    const summary = (await checkInSlices(labModel(parseProgram('x = 0; L = relu(x)'))))!
    expect(summary.rows[0]).toMatchObject({ name: 'x', analytic: 0, passed: false })
    expect(summary.rows[0].numeric).toBeCloseTo(0.5, 6)
  })
})

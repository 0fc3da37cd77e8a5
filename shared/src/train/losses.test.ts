import { describe, expect, it } from 'vitest'
import { Value } from '../engine/value.ts'
import { lossOf, objectiveOf, regularizationOf, sampleLoss, targetOf } from './losses.ts'
import type { LossName } from '../model-file/types.ts'

const leaves = (xs: number[]) => xs.map((x) => new Value(x))
const softplus = (x: number) => Math.log1p(Math.exp(x))

/** Loss value and d loss / d output for every output of a batch. */
function lossAndGrads(loss: LossName, outs: number[][], labels: number[]) {
  const outputs = outs.map(leaves)
  const l = lossOf(loss, outputs, labels)
  l.backward()
  return { loss: l.data, grads: outputs.map((o) => o.map((v) => v.grad)) }
}

describe('targets', () => {
  it('maps one output to ±1 (the notebook y*2-1) and K outputs one-vs-rest', () => {
    expect([targetOf(0, 0, 1), targetOf(1, 0, 1)]).toEqual([-1, 1])
    expect([0, 1, 2].map((u) => targetOf(1, u, 3))).toEqual([-1, 1, -1])
  })
})

describe('binary losses (one output), batch out = [0.5, -2], labels [1, 0] → targets [+1, -1]', () => {
  const outs = [[0.5], [-2]]
  const labels = [1, 0]

  it('mse = mean (out − t)², gradient 2(out − t)/n', () => {
    const { loss, grads } = lossAndGrads('mse', outs, labels)
    expect(loss).toBeCloseTo(((0.5 - 1) ** 2 + (-2 + 1) ** 2) / 2, 12)
    expect(grads).toEqual([[(2 * (0.5 - 1)) / 2], [(2 * (-2 + 1)) / 2]])
  })

  it('hinge = mean relu(1 − t·out): only the point inside the margin pulls', () => {
    const { loss, grads } = lossAndGrads('hinge', outs, labels)
    expect(loss).toBeCloseTo((1 - 0.5 + 0) / 2, 12)
    expect(grads[0][0]).toBeCloseTo(-1 / 2, 12)
    expect(grads[1][0]).toBe(0)
  })

  it('bce = mean log(1 + exp(−t·out)), gradient −t·σ(−t·out)/n', () => {
    const { loss, grads } = lossAndGrads('bce', outs, labels)
    expect(loss).toBeCloseTo((softplus(-0.5) + softplus(-2)) / 2, 12)
    const sigma = (x: number) => 1 / (1 + Math.exp(-x))
    expect(grads[0][0]).toBeCloseTo((-1 * sigma(-0.5)) / 2, 12)
    expect(grads[1][0]).toBeCloseTo((1 * sigma(-2)) / 2, 12)
  })

  it('refuses cross-entropy with one output, saying what to do', () => {
    expect(() => lossOf('cross_entropy', [leaves([0.5])], [1])).toThrow(/at least two output units/)
  })

  it('refuses an empty batch and an unknown loss with a clear message', () => {
    expect(() => lossOf('mse', [], [])).toThrow(/empty batch/)
    expect(() => lossOf('l7' as LossName, [leaves([1])], [0])).toThrow(/Unknown loss "l7"/)
  })
})

describe('K-class losses, out = [1, 2, 0.5], label 1 → one-vs-rest targets [−1, +1, −1]', () => {
  const outs = [[1, 2, 0.5]]
  const labels = [1]

  it('mse sums over units', () => {
    const { loss, grads } = lossAndGrads('mse', outs, labels)
    expect(loss).toBeCloseTo((1 + 1) ** 2 + (2 - 1) ** 2 + (0.5 + 1) ** 2, 12)
    expect(grads[0]).toEqual([2 * (1 + 1), 2 * (2 - 1), 2 * (0.5 + 1)])
  })

  it('hinge sums over units', () => {
    const { loss, grads } = lossAndGrads('hinge', outs, labels)
    expect(loss).toBeCloseTo(1 + 1 + 0 + (1 + 0.5), 12)
    expect(grads[0]).toEqual([1, 0, 1])
  })

  it('bce sums over units', () => {
    const { loss } = lossAndGrads('bce', outs, labels)
    expect(loss).toBeCloseTo(softplus(1) + softplus(-2) + softplus(0.5), 12)
  })

  it('cross_entropy = −log softmax[label], gradient softmax − one-hot', () => {
    const { loss, grads } = lossAndGrads('cross_entropy', outs, labels)
    const z = Math.exp(1) + Math.exp(2) + Math.exp(0.5)
    expect(loss).toBeCloseTo(-Math.log(Math.exp(2) / z), 12)
    const expected = [Math.exp(1) / z, Math.exp(2) / z - 1, Math.exp(0.5) / z]
    grads[0].forEach((g, u) => expect(g).toBeCloseTo(expected[u], 12))
  })

  it('averages over the batch', () => {
    const one = lossAndGrads('cross_entropy', [[0, 1]], [0]).loss
    const two = lossAndGrads('cross_entropy', [[3, -1]], [1]).loss
    expect(
      lossAndGrads(
        'cross_entropy',
        [
          [0, 1],
          [3, -1],
        ],
        [0, 1],
      ).loss,
    ).toBeCloseTo((one + two) / 2, 12)
  })
})

describe('stability on huge outputs', () => {
  it('bce stays finite and its gradient saturates at ±1', () => {
    const { loss, grads } = lossAndGrads('bce', [[1000], [-1000]], [0, 0])
    expect(loss).toBeCloseTo(1000 / 2, 9)
    expect(grads[0][0]).toBeCloseTo(1 / 2, 12)
    expect(grads[1][0]).toBeCloseTo(0, 12)
  })

  it('cross_entropy stays finite via log-sum-exp', () => {
    const { loss, grads } = lossAndGrads('cross_entropy', [[1000, -1000, 0]], [1])
    expect(loss).toBeCloseTo(2000, 9)
    expect(grads[0][0]).toBeCloseTo(1, 12)
    expect(grads[0][1]).toBeCloseTo(-1, 12)
    expect(grads[0].every(Number.isFinite)).toBe(true)
  })

  it('cross_entropy is unchanged by adding a constant to every output', () => {
    const a = lossAndGrads('cross_entropy', [[0.3, -1.2, 2]], [2]).loss
    const b = lossAndGrads('cross_entropy', [[500.3, 498.8, 502]], [2]).loss
    expect(b).toBeCloseTo(a, 9)
  })
})

describe('regularization', () => {
  it('adds l2·Σp² + l1·Σ|p| over all parameters, gradient 2·l2·p + l1·sign(p)', () => {
    const params = leaves([0.5, -2, 0])
    const reg = regularizationOf(params, 0.01, 0.1)!
    expect(reg.data).toBeCloseTo(0.1 * (0.25 + 4 + 0) + 0.01 * (0.5 + 2 + 0), 12)
    reg.backward()
    expect(params[0].grad).toBeCloseTo(2 * 0.1 * 0.5 + 0.01, 12)
    expect(params[1].grad).toBeCloseTo(2 * 0.1 * -2 - 0.01, 12)
    expect(params[2].grad).toBe(0)
  })

  it('builds nothing when both strengths are 0', () => {
    expect(regularizationOf(leaves([1, 2]), 0, 0)).toBeNull()
  })

  it('objectiveOf = mean loss + regularization', () => {
    const params = leaves([0.5, -2])
    const out = [[params[0].mul(params[1])]]
    const total = objectiveOf('mse', out, [1], params, 0, 0.5)
    expect(total.data).toBeCloseTo((-1 - 1) ** 2 + 0.5 * (0.25 + 4), 12)
  })

  it('sampleLoss of one point equals the loss of a batch of one', () => {
    const out = leaves([0.7, -0.2])
    expect(sampleLoss('hinge', out, 0).data).toBe(lossOf('hinge', [out], [0]).data)
  })
})

import { describe, expect, it } from 'vitest'
import { Value } from '../engine/value.ts'
import { generatePresetDataset } from '../data/index.ts'
import { MLP, type LayerJSON } from '../nn/mlp.ts'
import type { ModelFile } from '../model-file/types.ts'
import { sampleLoss } from './losses.ts'
import { createModelFile, defaultOptimizer } from './new-model.ts'
import { TrainingSession } from './session.ts'
import { softmaxFloor, warningsFor, type LayerDiagnostics } from './diagnostics.ts'

const dataset = () => generatePresetDataset('moons', { n: 100, seed: 2, testFraction: 0 })

function model(
  layers: { units: number; activation: LayerJSON['activation'] }[],
  edit?: (f: ModelFile) => void,
) {
  const file = createModelFile({
    dataset: dataset(),
    layers: layers.map((l) => ({ ...l, init: 'xavier' as const })),
    training: { optimizer: defaultOptimizer('sgd') },
    seed: 3,
  })
  edit?.(file)
  return TrainingSession.fromModelFile(file)
}

describe('diagnostics', () => {
  it('measures each layer’s gradient norm as the Value engine’s gradients give it', () => {
    const s = model([
      { units: 3, activation: 'tanh' },
      { units: 1, activation: 'tanh' },
    ])
    const file = s.toModelFile()
    const mlp = MLP.fromJSON(file.network)
    const points = file.dataset.train
    const losses = points.map(([x1, x2, c]) => sampleLoss('mse', mlp.forward([x1, x2]), c))
    losses
      .reduce((a, b) => a.add(b))
      .mul(1 / points.length)
      .backward()
    const norm = (ps: Value[]) => Math.sqrt(ps.reduce((sum, p) => sum + p.grad * p.grad, 0))
    const [hidden, output] = s.diagnostics()
    expect(hidden.gradientNorm).toBeCloseTo(norm(mlp.layers[0].parameters()), 12)
    expect(output.gradientNorm).toBeCloseTo(norm(mlp.layers[1].parameters()), 12)
  })

  it('finds ReLU units that are never active and says what to do', () => {
    const s = model(
      [
        { units: 16, activation: 'relu' },
        { units: 16, activation: 'relu' },
        { units: 1, activation: 'linear' },
      ],
      // Twelve units of hidden layer 2 get a bias no input can overcome.
      (f) => f.network.layers[1].biases.forEach((_, j, b) => (b[j] = j < 12 ? -100 : 0.1)),
    )
    const layers = s.diagnostics()
    expect(layers[1].deadUnits).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11])
    expect(layers[0].deadUnits).toEqual([])
    const [warning] = warningsFor(layers).filter((w) => w.kind === 'dead')
    expect(warning).toMatchObject({ layer: 2, units: layers[1].deadUnits })
    expect(warning.message).toBe(
      '12 of 16 units in hidden layer 2 are dead (their ReLU is 0 on every training point, so no gradient ' +
        'reaches them and they stop learning): lower the learning rate or try leaky ReLU.',
    )
  })

  it('finds saturated tanh and sigmoid units, but never calls leaky ReLU or a confident output sick', () => {
    const huge = (f: ModelFile) =>
      f.network.layers[0].weights.forEach((row) => row.forEach((_, k) => (row[k] *= 400)))
    const tanh = model(
      [
        { units: 6, activation: 'tanh' },
        { units: 1, activation: 'tanh' },
      ],
      huge,
    ).diagnostics()
    expect(tanh[0].saturatedUnits.length).toBeGreaterThanOrEqual(5)
    expect(warningsFor(tanh).map((w) => w.kind)).toContain('saturated')
    // The same units in a network that sorts the points: steps doing their job, not a warning.
    expect(warningsFor(tanh, 0.5).map((w) => w.kind)).toContain('saturated')
    expect(warningsFor(tanh, 0.98).map((w) => w.kind)).not.toContain('saturated')
    const sigmoid = model(
      [
        { units: 6, activation: 'sigmoid' },
        { units: 1, activation: 'tanh' },
      ],
      huge,
    ).diagnostics()
    expect(sigmoid[0].saturatedUnits.length).toBeGreaterThanOrEqual(5)
    const leaky = model(
      [
        { units: 6, activation: 'leaky_relu' },
        { units: 1, activation: 'linear' },
      ],
      (f) => f.network.layers[0].biases.fill(-100),
    ).diagnostics()
    expect(leaky[0].deadUnits).toEqual([])
    // Only the output is saturated: that is a confident network, not a sick one.
    const confident = model(
      [
        { units: 4, activation: 'tanh' },
        { units: 1, activation: 'tanh' },
      ],
      (f) => (f.network.layers[1].weights[0] = f.network.layers[1].weights[0].map((w) => w * 1000)),
    ).diagnostics()
    expect(warningsFor(confident).filter((w) => w.kind === 'saturated')).toEqual([])
  })

  it('warns of vanishing gradients in a deep sigmoid network and of exploding ones', () => {
    const deep = model([
      ...Array.from({ length: 7 }, () => ({ units: 8, activation: 'sigmoid' as const })),
      { units: 1, activation: 'linear' },
    ])
    const layers = deep.diagnostics()
    expect(layers[0].gradientNorm).toBeLessThan(1e-3 * layers.at(-1)!.gradientNorm)
    expect(warningsFor(layers).find((w) => w.kind === 'vanishing')?.message).toMatch(
      /^The gradient reaching hidden layer 1 is [\d,]+× smaller than at the output/,
    )
    const wild = model(
      [
        { units: 4, activation: 'linear' },
        { units: 1, activation: 'linear' },
      ],
      (f) =>
        f.network.layers.forEach((l) => l.weights.forEach((row) => row.forEach((_, k) => (row[k] *= 1e3)))),
    ).diagnostics()
    expect(warningsFor(wild).map((w) => w.kind)).toContain('exploding')
  })

  it('tells a stalled network from a finished one by its accuracy', () => {
    const flat = model(
      [
        { units: 3, activation: 'relu' },
        { units: 1, activation: 'relu' },
      ],
      (f) => f.network.layers.forEach((l) => l.biases.fill(-50)),
    ).diagnostics()
    expect(warningsFor(flat, 0.5).map((w) => w.kind)).toContain('stalled')
    expect(warningsFor(flat, 1).map((w) => w.kind)).not.toContain('stalled')
    // It points at the stuck units of the layer most stuck: here every unit of both is dead, the first wins.
    expect(warningsFor(flat, 0.5).find((w) => w.kind === 'stalled')).toMatchObject({
      layer: 1,
      units: [0, 1, 2],
    })
  })

  it('points a stalled warning at a saturated output, which no warning of its own names', () => {
    const stuck: LayerDiagnostics[] = [
      { layer: 1, units: 8, activation: 'relu', gradientNorm: 0, deadUnits: [3], saturatedUnits: [] },
      { layer: 2, units: 8, activation: 'relu', gradientNorm: 0, deadUnits: [], saturatedUnits: [] },
      { layer: 3, units: 1, activation: 'tanh', gradientNorm: 0, deadUnits: [], saturatedUnits: [0] },
    ]
    const kinds = warningsFor(stuck, 0.5).map((w) => w.kind)
    expect(kinds).not.toContain('dead')
    expect(warningsFor(stuck, 0.5).find((w) => w.kind === 'stalled')).toMatchObject({ layer: 3, units: [0] })
  })

  it('a ReLU network pushed by a huge learning rate ends up with dead units, and is told so', () => {
    const s = TrainingSession.fromModelFile(
      createModelFile({
        dataset: generatePresetDataset('moons', { n: 200, seed: 42, testFraction: 0.2 }),
        layers: [
          { units: 8, activation: 'relu', init: 'xavier' },
          { units: 8, activation: 'relu', init: 'xavier' },
          { units: 1, activation: 'linear', init: 'xavier' },
        ],
        training: { optimizer: { ...defaultOptimizer('sgd'), learningRate: 1 } },
        seed: 1,
      }),
    )
    s.step(10)
    expect(warningsFor(s.diagnostics()).filter((w) => w.kind === 'dead').length).toBeGreaterThan(0)
  })

  it('a tanh output under softmax cross-entropy is told of its floor, which training cannot pass', () => {
    const session = (activation: 'tanh' | 'linear') =>
      TrainingSession.fromModelFile(
        createModelFile({
          dataset: generatePresetDataset('gaussians', { n: 150, seed: 3, testFraction: 0 }),
          layers: [
            { units: 8, activation: 'tanh', init: 'xavier' },
            { units: 3, activation, init: 'xavier' },
          ],
          training: { loss: 'cross_entropy', optimizer: { ...defaultOptimizer('adam'), learningRate: 0.05 } },
          seed: 1,
        }),
      )
    const capped = session('tanh')
    const free = session('linear')
    capped.step(400)
    free.step(400)
    const floor = softmaxFloor('tanh', 3)
    expect(floor).toBeCloseTo(Math.log(1 + 2 * Math.exp(-2)), 12)
    expect(capped.history.at(-1)!.trainLoss).toBeGreaterThanOrEqual(floor)
    expect(free.history.at(-1)!.trainLoss).toBeLessThan(floor)
    const warning = warningsFor(capped.diagnostics(), 1, 'cross_entropy').find((w) => w.kind === 'capped')
    expect(warning?.message).toMatch(/cannot fall below 0\.24.*linear output activation/)
    expect(warningsFor(free.diagnostics(), 1, 'cross_entropy').map((w) => w.kind)).not.toContain('capped')
    expect(warningsFor(capped.diagnostics(), 1, 'mse').map((w) => w.kind)).not.toContain('capped')
  })

  it('looks at an even spread of at most maxRows points of a big training set', () => {
    const s = model([
      { units: 3, activation: 'tanh' },
      { units: 1, activation: 'tanh' },
    ])
    const file = s.toModelFile()
    const mlp = MLP.fromJSON(file.network)
    // 100 points, at most 10: every tenth point, from the first.
    const picked = file.dataset.train.filter((_, i) => i % 10 === 0)
    picked
      .map(([x1, x2, c]) => sampleLoss('mse', mlp.forward([x1, x2]), c))
      .reduce((a, b) => a.add(b))
      .mul(1 / picked.length)
      .backward()
    const norm = Math.sqrt(mlp.layers[1].parameters().reduce((sum, p) => sum + p.grad * p.grad, 0))
    expect(s.diagnostics(10)[1].gradientNorm).toBeCloseTo(norm, 12)
    expect(s.diagnostics(10)[1].gradientNorm).not.toBeCloseTo(s.diagnostics()[1].gradientNorm, 6)
  })
})

// The exported programs are run for real (Node with tsx; python3 where it exists) and must print
// the app's outputs for every training point.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { generatePresetDataset } from '../data/index.ts'
import type { ModelFile } from '../model-file/types.ts'
import { MLP, type LayerSpec } from '../nn/mlp.ts'
import { featurize } from '../data/features.ts'
import { createModelFile, defaultOptimizer } from '../train/new-model.ts'
import { TrainingSession } from '../train/session.ts'
import { toPython } from './python.ts'
import { toTypeScript } from './typescript.ts'

const dir = mkdtempSync(join(tmpdir(), 'bp-codegen-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** A model trained a little, so its weights are not the initial ones. */
function trained(options: {
  preset: 'moons' | 'spiral'
  classes?: number
  layers: LayerSpec[]
  inputs: string[]
}): ModelFile {
  const dataset = generatePresetDataset(options.preset, {
    n: 60,
    seed: 5,
    classes: options.classes,
    testFraction: 0.2,
  })
  const file = createModelFile({
    name: `${options.preset} "test" \\ model */ """`,
    dataset,
    inputs: options.inputs,
    layers: options.layers,
    training: { optimizer: defaultOptimizer('adam'), loss: options.classes ? 'cross_entropy' : 'mse' },
    seed: 11,
  })
  const session = TrainingSession.fromModelFile(file)
  session.step(20)
  return session.toModelFile()
}

/** Every output the app computes for the training points, as the Value engine computes it. */
function appOutputs(file: ModelFile): number[][] {
  const mlp = MLP.fromJSON(file.network)
  return file.dataset.train.map(([x1, x2]) =>
    mlp.forward([...featurize(file.network.inputs, x1, x2)]).map((v) => v.data),
  )
}

function parse(stdout: string) {
  const lines = stdout.trim().split('\n')
  const header = lines[0].split(',')
  const rows = lines.slice(1, -1).map((l) => l.split(',').map(Number))
  return { header, rows, summary: lines.at(-1)! }
}

function expectSameOutputs(file: ModelFile, stdout: string) {
  const { header, rows, summary } = parse(stdout)
  const outputs = file.network.layers.at(-1)!.weights.length
  expect(header).toEqual([
    'x1',
    'x2',
    'label',
    'predicted',
    ...Array.from({ length: outputs }, (_, k) => `out${k + 1}`),
  ])
  const expected = appOutputs(file)
  expect(rows).toHaveLength(file.dataset.train.length)
  const session = TrainingSession.fromModelFile(file)
  const xy = Float64Array.from(file.dataset.train.flatMap((p) => [p[0], p[1]]))
  const predicted = session.predict(xy, file.dataset.train.length)
  rows.forEach((row, i) => {
    const [x1, x2, label] = file.dataset.train[i]
    expect(row.slice(0, 3)).toEqual([x1, x2, label])
    row.slice(4).forEach((out, k) => {
      expect(Math.abs(out - expected[i][k])).toBeLessThanOrEqual(
        1e-12 * Math.max(1, Math.abs(expected[i][k])),
      )
      expect(Math.abs(out - predicted[i * outputs + k])).toBeLessThanOrEqual(
        1e-12 * Math.max(1, Math.abs(out)),
      )
    })
    const cls = outputs === 1 ? (expected[i][0] > 0 ? 1 : 0) : expected[i].indexOf(Math.max(...expected[i]))
    expect(row[3]).toBe(cls)
  })
  expect(summary).toMatch(/^# accuracy [\d.]+ \(\d+ of \d+ training points\)/)
}

const cases = {
  'binary, every activation and feature': () =>
    trained({
      preset: 'moons',
      inputs: ['x1', 'x2', 'x1^2', 'x2^2', 'x1*x2', 'sin(x1)', 'sin(x2)'],
      layers: [
        { units: 5, activation: 'tanh' },
        { units: 4, activation: 'relu' },
        { units: 3, activation: 'leaky_relu' },
        { units: 3, activation: 'sigmoid' },
        { units: 1, activation: 'linear' },
      ],
    }),
  'three classes, softmax outputs': () =>
    trained({
      preset: 'spiral',
      classes: 3,
      inputs: ['x1', 'x2'],
      layers: [
        { units: 8, activation: 'tanh' },
        { units: 3, activation: 'linear' },
      ],
    }),
  'the linear model (no hidden layer)': () =>
    trained({ preset: 'moons', inputs: ['x1', 'x2'], layers: [{ units: 1, activation: 'tanh' }] }),
}

const tsx = (path: string) => spawnSync(process.execPath, ['--import', 'tsx', path], { encoding: 'utf8' })
const python = spawnSync('python3', ['--version'], { encoding: 'utf8' })
const hasPython = python.status === 0
/** A Python test, or where python3 is missing a skipped one that says so. */
const withPython = (name: string, fn: () => void) =>
  hasPython ? it(name, fn) : it.skip(`${name} (skipped: no python3 on this machine)`, fn)

describe('export as TypeScript', () => {
  for (const [name, make] of Object.entries(cases)) {
    it(`prints the app's outputs to 1e-12 for every training point: ${name}`, () => {
      const file = make()
      const path = join(dir, `${name.replace(/\W+/g, '-')}.ts`)
      writeFileSync(path, toTypeScript(file))
      const run = tsx(path)
      expect(run.stderr).toBe('')
      expect(run.status).toBe(0)
      expectSameOutputs(file, run.stdout)
    })
  }

  it('type-checks as a standalone file under strict settings', () => {
    const path = join(dir, 'strict.ts')
    writeFileSync(path, toTypeScript(cases['binary, every activation and feature']()))
    const tsc = join(import.meta.dirname, '../../../node_modules/typescript/bin/tsc')
    const run = spawnSync(
      process.execPath,
      [tsc, '--noEmit', '--strict', '--target', 'es2022', '--module', 'esnext', '--lib', 'es2022,dom', path],
      { encoding: 'utf8' },
    )
    expect(run.stdout + run.stderr).toBe('')
    expect(run.status).toBe(0)
  }, 60_000)
})

describe('export as Python', () => {
  for (const [name, make] of Object.entries(cases)) {
    withPython(`prints the app's outputs to 1e-12 for every training point: ${name}`, () => {
      const file = make()
      const path = join(dir, `${name.replace(/\W+/g, '-')}.py`)
      writeFileSync(path, toPython(file))
      const run = spawnSync('python3', [path], { encoding: 'utf8' })
      expect(run.stderr).toBe('')
      expect(run.status).toBe(0)
      expectSameOutputs(file, run.stdout)
    })
  }

  withPython('its Value computes the notebook’s gradients', () => {
    const path = join(dir, 'grads.py')
    const source = toPython(cases['the linear model (no hidden layer)']()).split('\nif __name__')[0]
    writeFileSync(
      path,
      source +
        '\na, b, c, f = Value(2.0), Value(-3.0), Value(10.0), Value(-2.0)\n' +
        'L = (a * b + c) * f\nL.backward()\nprint(L.data, a.grad, b.grad, c.grad, f.grad)\n' +
        'x = Value(0.5)\ny = (x.exp() + x.exp()).tanh()\ny.backward()\nprint(x.grad)\n',
    )
    const run = spawnSync('python3', [path], { encoding: 'utf8' })
    expect(run.stderr).toBe('')
    const [first, second] = run.stdout.trim().split('\n')
    expect(first.split(' ').map(Number)).toEqual([-8, 6, -4, -2, 4])
    const e = Math.exp(0.5)
    expect(Number(second)).toBeCloseTo((1 - Math.tanh(2 * e) ** 2) * 2 * e, 12)
  })
})

describe('exports refuse what they cannot write', () => {
  it('names a weight that is not finite', () => {
    const file = cases['the linear model (no hidden layer)']()
    file.network.layers[0].weights[0][0] = Number.NaN
    expect(() => toPython(file)).toThrow(/only finite numbers/)
    expect(() => toTypeScript(file)).toThrow(/only finite numbers/)
  })
})

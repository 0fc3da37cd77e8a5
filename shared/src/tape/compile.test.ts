// Recording and compiling: what fuses, what stays generic, and that any graph still replays exactly.
import { describe, it, expect } from 'vitest'
import { Value } from '../engine/value.ts'
import type { NetworkShape } from '../train/evaluator.ts'
import { recordGraph, recordNetwork } from './record.ts'
import { BLOCK, compile } from './compile.ts'
import { backward, forward } from './run.ts'
import { createTapeEvaluator, programFor } from './evaluator.ts'

const W2: NetworkShape = {
  inputs: 2,
  layers: [
    { units: 16, activation: 'relu' },
    { units: 16, activation: 'relu' },
    { units: 1, activation: 'linear' },
  ],
}

/** Replays a compiled graph on one row and returns the outputs and the parameter gradients. */
function replay(outputs: Value[], params: Value[], inputs: Value[], seeds: number[]) {
  const program = compile(recordGraph(outputs, params, inputs))
  const P = Float64Array.from(params, (p) => p.data)
  const D = new Float64Array(program.slots)
  D.set(program.constValues)
  inputs.forEach((x, i) => (D[program.inputSlot + i] = x.data))
  forward(program, P, D, 1)
  const PG = new Float64Array(P.length)
  const DG = new Float64Array(program.slots)
  program.outputSlots.forEach((s, i) => (DG[s] = seeds[i]))
  const scratch = program.stats.maxUnits
  backward(program, P, D, PG, DG, 1, new Int32Array(scratch), new Float64Array(scratch))
  return { program, out: Array.from(program.outputSlots, (s) => D[s]), grad: Array.from(PG) }
}

describe('compile', () => {
  it('turns each layer of an MLP into one BLOCK and nothing else', () => {
    const program = compile(recordNetwork(W2))
    expect(program.stats).toMatchObject({ blocks: 3, dots: 0, generic: 0, maxUnits: 16 })
    expect(Array.from(program.code)).toEqual([BLOCK, BLOCK, BLOCK])
    // 2 inputs → 16 → 16 → 1: (2+1)·16 + (16+1)·16 + 17 parameters, all read by the blocks.
    expect(program.params).toBe(337)
    expect(program.stats.nodes).toBeGreaterThan(600) // the scalar graph it came from
  })

  it('replays an arbitrary graph (shared nodes, every op, products of two parameters) exactly', () => {
    const a = new Value(0.7, undefined, '', 'a')
    const b = new Value(-1.3, undefined, '', 'b')
    const c = new Value(2.1, undefined, '', 'c')
    const x = new Value(0.4)
    const y = new Value(-0.9)
    const h = a.mul(x).add(b.mul(y)).tanh() // a fused neuron without bias...
    const shared = h.mul(h) // ...whose output is used twice by one op
    const e = shared.add(c.mul(a)).exp().div(b.pow(2).add(1)).log()
    const f = h.pow(c.abs()).sub(y.sigmoid()).neg().softplus().add(x.relu()).add(y.leakyRelu(0.2))
    const g = a.mul(b).add(x.mul(3)) // constant leaf inside a product
    const outputs = [e, f, g]
    const seeds = [1.5, -0.25, 2]
    const { program, out, grad } = replay(outputs, [a, b, c], [x, y], seeds)
    expect(program.stats.generic).toBeGreaterThan(5)
    expect(program.stats.dots).toBeGreaterThanOrEqual(1)

    // Reference: the Value engine on the same graph, the outputs weighted by the seeds.
    const root = e.mul(seeds[0]).add(f.mul(seeds[1])).add(g.mul(seeds[2]))
    root.backward()
    expect(out).toEqual(outputs.map((o) => o.data))
    for (const [i, p] of [a, b, c].entries()) expect(grad[i]).toBeCloseTo(p.grad, 12)
  })

  it('refuses outputs that are bare leaves', () => {
    const p = new Value(1)
    expect(() => compile(recordGraph([p], [p], []))).toThrow(/computed by the graph/)
  })
})

describe('programFor', () => {
  it('records a shape once and reuses it for every objective and batch size', () => {
    const shape: NetworkShape = {
      inputs: 3,
      layers: [
        { units: 5, activation: 'sigmoid' },
        { units: 2, activation: 'tanh' },
      ],
    }
    const first = programFor(shape)
    expect(programFor({ inputs: 3, layers: shape.layers.map((l) => ({ ...l })) })).toBe(first)
    expect(createTapeEvaluator(shape, { loss: 'cross_entropy', l1: 0.1, l2: 0 }).program).toBe(first)
    expect(programFor({ ...shape, inputs: 4 })).not.toBe(first)
  })
})

describe('tape evaluator errors', () => {
  const shape: NetworkShape = { inputs: 2, layers: [{ units: 2, activation: 'linear' }] }
  const ev = createTapeEvaluator(shape, { loss: 'cross_entropy', l1: 0, l2: 0 })
  const params = new Float64Array(6)
  const x = new Float64Array([1, 2])
  it('names a wrong parameter count', () => {
    expect(() =>
      ev.lossAndGrad(new Float64Array(5), x, new Int32Array([0]), new Int32Array([0]), 1, null),
    ).toThrow(/Expected 6 parameters/)
  })
  it('names a class the outputs cannot score', () => {
    expect(() => ev.lossAndGrad(params, x, new Int32Array([2]), new Int32Array([0]), 1, null)).toThrow(
      /class 2/,
    )
  })
  it('refuses an empty batch', () => {
    expect(() => ev.lossAndGrad(params, x, new Int32Array([0]), new Int32Array([0]), 0, null)).toThrow(
      /at least one/,
    )
  })
  it('refuses cross-entropy with one output unit', () => {
    expect(() =>
      createTapeEvaluator(
        { inputs: 1, layers: [{ units: 1, activation: 'tanh' }] },
        { loss: 'cross_entropy', l1: 0, l2: 0 },
      ),
    ).toThrow(/Cross-entropy needs at least two output units/)
  })
})

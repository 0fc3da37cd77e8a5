import { describe, expect, it } from 'vitest'
import { createRng } from '../random.ts'
import { ACTIVATIONS, MLP } from './mlp.ts'
import { forwardLayers } from './dense.ts'
import { flattenParameters, shapeOf } from '../train/evaluator.ts'

describe('forwardLayers', () => {
  it('gives every layer’s outputs exactly as the Value engine computes them', () => {
    const rng = createRng(4)
    const layers = ACTIVATIONS.map((activation, i) => ({ units: 2 + i, activation }))
    const mlp = new MLP(3, layers, rng.next)
    const network = mlp.toJSON()
    const rows = 7
    const x = Float64Array.from({ length: rows * 3 }, () => rng.next() * 4 - 2)
    const outs = forwardLayers(shapeOf(network), flattenParameters(network), x, rows)
    expect(outs.map((o) => o.length)).toEqual(layers.map((l) => l.units * rows))
    for (let r = 0; r < rows; r++) {
      // The engine, layer by layer.
      let values = [...x.subarray(r * 3, r * 3 + 3)] as number[]
      mlp.layers.forEach((layer, li) => {
        const vs = layer.forward(values).map((v) => v.data)
        expect([...outs[li].subarray(r * vs.length, (r + 1) * vs.length)]).toEqual(vs)
        values = vs
      })
    }
  })
})

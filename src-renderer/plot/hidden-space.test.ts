// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { MLP } from '../../shared/src/nn/mlp.ts'
import { createRng } from '../../shared/src/random.ts'
import { flattenParameters, shapeOf } from '../../shared/src/train/evaluator.ts'
import { axisRange, gridLinePoints, hiddenSpaceColumns, layerOutputs, spread } from './hidden-space.ts'

describe('hidden space', () => {
  it('gives a layer’s outputs exactly as the engine computes them, through the network’s features', () => {
    const mlp = new MLP(
      3,
      [
        { units: 4, activation: 'tanh' },
        { units: 3, activation: 'relu' },
        { units: 1, activation: 'tanh' },
      ],
      createRng(2).next,
    )
    mlp.inputNames = ['x1', 'x2', 'x1*x2']
    const network = mlp.toJSON()
    const xy = Float64Array.from([0.5, -1, 2, 0.25])
    const out = layerOutputs(network, 1, xy, 2)
    expect(out).toHaveLength(6)
    for (let i = 0; i < 2; i++) {
      const [x1, x2] = [xy[2 * i], xy[2 * i + 1]]
      const hidden = mlp.layers[1].forward(mlp.layers[0].forward([x1, x2, x1 * x2]))
      expect([...out.subarray(3 * i, 3 * i + 3)]).toEqual(hidden.map((v) => v.data))
    }
  })

  it('lays straight lines over the plane, corner to corner', () => {
    const g = gridLinePoints({ xMin: -2, xMax: 2, yMin: 0, yMax: 1 }, 3, 5)
    expect(g).toHaveLength(2 * 3 * 5 * 2)
    // First vertical line at x = -2 from y = 0 to 1; last horizontal line at y = 1.
    expect([g[0], g[1], g[8], g[9]]).toEqual([-2, 0, -2, 1])
    expect([g.at(-2), g.at(-1)]).toEqual([2, 1])
  })

  it('keeps an even spread of big point sets and fits the axes to what an activation can output', () => {
    const points = Array.from({ length: 10_000 }, (_, i) => i)
    const kept = spread(points, 100)
    expect(kept).toHaveLength(100)
    expect(kept[1] - kept[0]).toBe(100)
    expect(axisRange('tanh', [5])).toEqual([-1.05, 1.05])
    expect(axisRange('relu', [0, 10])).toEqual([-0.5, 10.5])
    expect(axisRange('linear', [3, 3])).toEqual([2, 4])
  })

  it('gives the two chosen neurons of a layer for the lines and the points, from flat parameters', () => {
    const mlp = new MLP(
      2,
      [
        { units: 3, activation: 'tanh' },
        { units: 4, activation: 'relu' },
        { units: 1, activation: 'tanh' },
      ],
      createRng(5).next,
    )
    mlp.inputNames = ['x1', 'x2']
    const network = mlp.toJSON()
    const lines = Float64Array.from([0, 0, 1, -1, 0.5, 2])
    const points = Float64Array.from([-1, 0.25, 3, 3])
    const shape = shapeOf(network)
    const columns = hiddenSpaceColumns({
      inputs: network.inputs,
      shape: { inputs: shape.inputs, layers: shape.layers.slice(0, 2) },
      // All of them: only the first two layers' are read.
      parameters: flattenParameters(network),
      lines,
      points,
      horizontal: 3,
      vertical: 1,
    })
    const lineOut = layerOutputs(network, 1, lines, 3)
    const pointOut = layerOutputs(network, 1, points, 2)
    expect([...columns.lineX]).toEqual([0, 1, 2].map((i) => lineOut[i * 4 + 3]))
    expect([...columns.lineY]).toEqual([0, 1, 2].map((i) => lineOut[i * 4 + 1]))
    expect([...columns.pointX]).toEqual([0, 1].map((i) => pointOut[i * 4 + 3]))
    expect([...columns.pointY]).toEqual([0, 1].map((i) => pointOut[i * 4 + 1]))
  })
})

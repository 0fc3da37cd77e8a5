// @vitest-environment node
import { describe, expect, it } from 'vitest'
import type { NetworkJSON } from '../../../shared/src/nn/mlp.ts'
import { formatWeight, layoutDiagram, neuronFormula, shownUnits } from './diagram.ts'

const net: NetworkJSON = {
  inputs: ['x1', 'x2', 'x1^2'],
  layers: [
    { activation: 'tanh', weights: [[0.41, -1.2, 0.004]], biases: [0.05] },
    { activation: 'linear', weights: [[-2]], biases: [-0.5] },
  ],
}

describe('network diagram', () => {
  it("writes a neuron's formula with today's numbers and the features' names", () => {
    expect(neuronFormula(net, 0, 0)).toBe('tanh(0.41·x1 − 1.20·x2 + 0.00·x1² + 0.05)')
    expect(neuronFormula(net, 1, 0)).toBe('−2.00·n1.1 − 0.50')
    expect(formatWeight(-0.001)).toBe('0.00')
  })

  it('shortens a formula with many inputs, saying how many terms are left out', () => {
    const wide: NetworkJSON = {
      inputs: ['x1'],
      layers: [
        { activation: 'relu', weights: Array.from({ length: 10 }, () => [1]), biases: Array(10).fill(0) },
        { activation: 'relu', weights: [Array.from({ length: 10 }, (_, k) => k)], biases: [1] },
      ],
    }
    expect(neuronFormula(wide, 1, 0)).toBe(
      'relu(0.00·n1.1 + 1.00·n1.2 + 2.00·n1.3 + 3.00·n1.4 + 4.00·n1.5 + … (5 more terms) + 1.00)',
    )
  })

  it('collapses a wide layer to what fits: the first units and the last', () => {
    expect(shownUnits(4, 8)).toEqual([0, 1, 2, 3])
    expect(shownUnits(64, 8)).toEqual([0, 1, 2, 3, 4, 5, 6, 63])
    const layout = layoutDiagram(2, [64, 64, 1], 400)
    expect(layout.columns.map((c) => c.hidden)).toEqual([0, 56, 56, 0])
    expect(layout.nodes).toHaveLength(2 + 8 + 8 + 1)
    expect(layout.at(0, 63)).toBeDefined()
    expect(layout.at(0, 30)).toBeUndefined()
    // Every node inside the drawing, columns left to right.
    for (const n of layout.nodes) {
      expect(n.x).toBeGreaterThan(0)
      expect(n.x).toBeLessThan(400)
      expect(n.y - layout.node / 2).toBeGreaterThanOrEqual(0)
      expect(n.y + layout.node / 2).toBeLessThanOrEqual(layout.height)
    }
    const xs = layout.columns.map((c) => c.x)
    expect([...xs].sort((a, b) => a - b)).toEqual(xs)
  })
})

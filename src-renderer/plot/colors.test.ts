// @vitest-environment node
// (pure logic: no DOM needed, and happy-dom costs a second or two per file to set up)
import { describe, expect, it } from 'vitest'
import type { BoundaryGrid } from '../../shared/src/ipc.ts'
import { LIGHT_PALETTE, DARK_PALETTE, MAX_TINT, classify, paintBoundary, paintNeuron } from './colors.ts'

function grid(values: number[], outputs: number): BoundaryGrid {
  const size = Math.sqrt(values.length / outputs)
  return { size, xMin: -1, xMax: 1, yMin: -1, yMax: 1, outputs, values: Float32Array.from(values) }
}

describe('classify', () => {
  it('uses the sign of a single output, |out| as confidence', () => {
    expect(classify([0.5], 0, 1)).toEqual({ cls: 1, confidence: 0.5 })
    expect(classify([-0.25], 0, 1)).toEqual({ cls: 0, confidence: 0.25 })
    expect(classify([-3], 0, 1)).toEqual({ cls: 0, confidence: 1 })
    // The notebook's rule: 0 is not > 0, so class 0 with no confidence.
    expect(classify([0], 0, 1)).toEqual({ cls: 0, confidence: 0 })
  })

  it('takes the argmax of several outputs, confidence 0 for a tie and near 1 for a clear winner', () => {
    expect(classify([9, 1, 2, 0, 0, 5], 3, 3).cls).toBe(2)
    expect(classify([1, 1, 1], 0, 3).confidence).toBeCloseTo(0, 12)
    expect(classify([0, 20, 0], 0, 3).confidence).toBeGreaterThan(0.999)
  })
})

describe('paintBoundary', () => {
  it('tints each cell towards its class colour in proportion to confidence', () => {
    const pixels = paintBoundary(grid([1, -1, 0, 0.5], 1), LIGHT_PALETTE)
    const [s, orange, blue] = [LIGHT_PALETTE.surface, LIGHT_PALETTE.classes[1], LIGHT_PALETTE.classes[0]]
    const at = (i: number) => Array.from(pixels.slice(i * 4, i * 4 + 4))
    const mix = (c: readonly number[], t: number) => [...c.map((v, k) => s[k] + (v - s[k]) * t), 255]
    // Within one step of the exact mix: the pixel array rounds halves to even.
    const expectNear = (got: number[], want: number[]) =>
      got.forEach((v, k) => expect(Math.abs(v - want[k])).toBeLessThanOrEqual(0.5))
    expectNear(at(0), mix(orange, MAX_TINT))
    expectNear(at(1), mix(blue, MAX_TINT))
    expect(at(2)).toEqual([...s, 255])
    expectNear(at(3), mix(orange, MAX_TINT * 0.5))
  })

  it('paints a diverged (NaN) network as plain surface and reuses a buffer of the right size', () => {
    const buffer = new Uint8ClampedArray(4 * 4)
    const pixels = paintBoundary(
      grid([Number.NaN, Number.NaN, Number.NaN, Number.NaN], 1),
      DARK_PALETTE,
      buffer,
    )
    expect(pixels).toBe(buffer)
    expect(Array.from(pixels.slice(0, 4))).toEqual([...DARK_PALETTE.surface, 255])
  })

  it('colours class 0 blue and class 1 orange in both themes', () => {
    for (const palette of [LIGHT_PALETTE, DARK_PALETTE]) {
      const [blue, orange] = palette.classes
      expect(blue[2]).toBeGreaterThan(blue[0])
      expect(orange[0]).toBeGreaterThan(orange[2])
    }
  })
})

describe('paintNeuron', () => {
  it('paints positive outputs in class 1 colour, negative in class 0, fading to the surface at 0', () => {
    const px = paintNeuron([1, -1, 0, 0.5], 0, 2, 'tanh', LIGHT_PALETTE, 1)
    expect([...px.slice(0, 3)]).toEqual(LIGHT_PALETTE.classes[1])
    expect([...px.slice(4, 7)]).toEqual(LIGHT_PALETTE.classes[0])
    expect([...px.slice(8, 11)]).toEqual(LIGHT_PALETTE.surface)
    expect(px[15]).toBe(255)
  })

  it('scales unbounded activations by their largest magnitude; a dead ReLU is plain surface', () => {
    const relu = paintNeuron([0, 4, 2, 0], 0, 2, 'relu', LIGHT_PALETTE, 1)
    expect([...relu.slice(4, 7)]).toEqual(LIGHT_PALETTE.classes[1])
    const dead = paintNeuron([0, 0, 0, 0], 0, 2, 'relu', LIGHT_PALETTE, 1)
    for (let i = 0; i < 4; i++) expect([...dead.slice(i * 4, i * 4 + 3)]).toEqual(LIGHT_PALETTE.surface)
    // Sigmoid around 0.5; an offset picks one neuron out of many.
    const sig = paintNeuron([9, 9, 9, 9, 0.5, 1, 0, 0.5], 4, 2, 'sigmoid', LIGHT_PALETTE, 1)
    expect([...sig.slice(0, 3)]).toEqual(LIGHT_PALETTE.surface)
    expect([...sig.slice(4, 7)]).toEqual(LIGHT_PALETTE.classes[1])
  })
})

describe('class colours', () => {
  /** WCAG contrast ratio of two colours. */
  const contrast = (a: readonly number[], b: readonly number[]) => {
    const lum = (c: readonly number[]) => {
      const [r, g, bl] = c.map((v) => {
        const s = v / 255
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4
      })
      return 0.2126 * r + 0.7152 * g + 0.0722 * bl
    }
    const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x)
    return (hi + 0.05) / (lo + 0.05)
  }

  it('are the same in both themes, six of them, each at least 3:1 against the dark surface', () => {
    expect(DARK_PALETTE.classes).toEqual(LIGHT_PALETTE.classes)
    expect(LIGHT_PALETTE.classes).toHaveLength(6)
    for (const c of DARK_PALETTE.classes) expect(contrast(c, DARK_PALETTE.surface)).toBeGreaterThanOrEqual(3)
  })
})

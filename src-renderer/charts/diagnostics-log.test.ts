import { describe, expect, it } from 'vitest'
import type { LayerDiagnostics } from '../../shared/src/ipc.ts'
import { DiagnosticsLog } from './diagnostics-log.ts'

const layer = (gradientNorm: number, dead: number[] = [], saturated: number[] = []): LayerDiagnostics => ({
  layer: 1,
  units: 4,
  activation: 'relu',
  gradientNorm,
  deadUnits: dead,
  saturatedUnits: saturated,
})

describe('DiagnosticsLog', () => {
  it('keeps shares per layer, and a rewound epoch replaces what came after it', () => {
    const log = new DiagnosticsLog()
    log.add(0, [layer(1, [0]), layer(2, [], [1, 2])])
    log.add(5, [layer(0.5, [0, 1])])
    expect(log.samples[0].layers).toEqual([
      { gradientNorm: 1, dead: 0.25, saturated: 0 },
      { gradientNorm: 2, dead: 0, saturated: 0.5 },
    ])
    log.add(3, [layer(7)])
    expect(log.samples.map((s) => s.epoch)).toEqual([0, 3])
    expect(log.layerCount).toBe(1)
  })

  it('halves itself past its size, always keeping the newest sample', () => {
    const log = new DiagnosticsLog(10)
    for (let e = 1; e <= 100; e++) log.add(e, [layer(e)])
    expect(log.samples.length).toBeLessThanOrEqual(10)
    expect(log.samples.length).toBeGreaterThanOrEqual(5)
    expect(log.samples.at(-1)!.epoch).toBe(100)
    const epochs = log.samples.map((s) => s.epoch)
    expect(epochs).toEqual([...epochs].sort((a, b) => a - b))
  })

  it('truncates after a fork, and a clone put back restores it', () => {
    const log = new DiagnosticsLog()
    for (const e of [0, 10, 20, 30]) log.add(e, [layer(e + 1)])
    const before = log.clone()
    log.truncateAfter(15)
    expect(log.samples.map((s) => s.epoch)).toEqual([0, 10])
    log.replaceWith(before)
    expect(log.samples.map((s) => s.epoch)).toEqual([0, 10, 20, 30])
    log.clear()
    expect(log.layerCount).toBe(0)
  })
})

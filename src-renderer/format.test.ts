// @vitest-environment node
// (pure logic: no DOM needed, and happy-dom costs a second or two per file to set up)
import { describe, expect, it } from 'vitest'
import { formatAxis, formatLoss, formatPercent } from './format.ts'

describe('readout formats', () => {
  it('shows losses with four significant digits and a dash before the first epoch', () => {
    expect(formatLoss(undefined)).toBe('—')
    expect(formatLoss(0.123456)).toBe('0.1235')
    expect(formatLoss(12.3456)).toBe('12.35')
    expect(formatLoss(0.0000123)).toBe('1.230e-5')
    expect(formatLoss(Number.NaN)).toBe('NaN')
  })

  it('shows accuracies as percentages', () => {
    expect(formatPercent(0.9634)).toBe('96.3 %')
    expect(formatPercent(1)).toBe('100.0 %')
    expect(formatPercent(undefined)).toBe('—')
  })
})

describe('axis labels', () => {
  it('stay short for any magnitude', () => {
    expect(formatAxis(0)).toBe('0')
    expect(formatAxis(0.25)).toBe('0.25')
    expect(formatAxis(0.30000000000000004)).toBe('0.3')
    expect(formatAxis(1200)).toBe('1200')
    expect(formatAxis(3.0000000000000003e303)).toBe('3e+303')
    expect(formatAxis(1.5e-5)).toBe('1.5e-5')
  })
})

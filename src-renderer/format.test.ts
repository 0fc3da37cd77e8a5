// @vitest-environment node
// (pure logic: no DOM needed, and happy-dom costs a second or two per file to set up)
import { describe, expect, it } from 'vitest'
import { formatLoss, formatPercent } from './format.ts'

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

import { describe, expect, it } from 'vitest'
import { markerStyle } from './epoch-marker.ts'

const chart = {
  chartArea: { left: 40, right: 240, top: 10, bottom: 110 },
  scales: { x: { getPixelForValue: (e: number) => 40 + e * 2 } },
} as unknown as Parameters<typeof markerStyle>[0]

describe('markerStyle', () => {
  it('places the line at the epoch over the plotting area, and none off it or without an epoch', () => {
    expect(markerStyle(chart, 50)).toEqual({ left: '140px', top: '10px', height: '100px' })
    expect(markerStyle(chart, 500)).toBeNull()
    expect(markerStyle(chart, null)).toBeNull()
    expect(markerStyle(null, 3)).toBeNull()
  })
})

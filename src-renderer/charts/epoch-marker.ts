/**
 * A vertical line across a chart at one epoch: where the timeline is looking back to, so the
 * curves show which moment the plot and the diagram are showing. It is an element over the canvas
 * rather than something chart.js draws: moving it while scrubbing then costs a style change, not a
 * redraw of every curve.
 */
import type { Chart } from 'chart.js'

/** Where the line goes over `chart` for `epoch` (null: no line, or the epoch is off the axis). */
export function markerStyle(
  chart: Pick<Chart, 'chartArea' | 'scales'> | null,
  epoch: number | null,
): Record<string, string> | null {
  const x = chart?.scales.x
  const area = chart?.chartArea
  if (epoch === null || !x || !area) return null
  const px = x.getPixelForValue(epoch)
  if (!(px >= area.left - 1 && px <= area.right + 1)) return null
  return { left: `${px}px`, top: `${area.top}px`, height: `${area.bottom - area.top}px` }
}

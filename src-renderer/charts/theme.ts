/** Theme colours for a chart.js chart's legend and axes, set in place (then call chart.update). */
import type { Chart } from 'chart.js'

/** Recolours the legend's labels and every axis's ticks, grid and title. */
export function recolourAxes(
  chart: Chart<'line', never[]> | Chart<'line'>,
  text: string,
  grid: string,
): void {
  const opts = chart.options
  if (opts.plugins?.legend?.labels) opts.plugins.legend.labels.color = text
  for (const axis of Object.values(opts.scales ?? {})) {
    if (!axis) continue
    if (axis.ticks) axis.ticks.color = text
    if (axis.grid) axis.grid.color = grid
    if ('title' in axis && axis.title) axis.title.color = text
  }
}

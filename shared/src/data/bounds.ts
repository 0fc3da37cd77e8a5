/** A rectangle in data coordinates: the extent of a plot or of a decision-boundary grid. */
export interface Bounds {
  xMin: number
  xMax: number
  yMin: number
  yMax: number
}

/**
 * A square extent around the points: the larger of the two data spans on both axes, centred on the
 * data, widened by `margin` (data units, like the notebook's `X.min() - 1`) on every side.
 * No points, or all points at one spot, give a span of 2 so the grid never collapses.
 */
export function dataBounds(points: readonly (readonly number[])[], margin = 0.5): Bounds {
  if (typeof margin !== 'number' || !Number.isFinite(margin) || margin < 0) {
    throw new RangeError(`margin must be a finite number ≥ 0, got ${String(margin)}`)
  }
  let xMin = Infinity
  let xMax = -Infinity
  let yMin = Infinity
  let yMax = -Infinity
  for (let i = 0; i < points.length; i++) {
    const [x, y] = points[i]
    if (!Number.isFinite(x) || !Number.isFinite(y)) {
      throw new RangeError(`point ${i} has a coordinate that is not a finite number: (${x}, ${y})`)
    }
    xMin = Math.min(xMin, x)
    xMax = Math.max(xMax, x)
    yMin = Math.min(yMin, y)
    yMax = Math.max(yMax, y)
  }
  if (points.length === 0) xMin = xMax = yMin = yMax = 0
  const span = Math.max(xMax - xMin, yMax - yMin) || 2
  const half = span / 2 + margin
  const cx = (xMin + xMax) / 2
  const cy = (yMin + yMax) / 2
  return { xMin: cx - half, xMax: cx + half, yMin: cy - half, yMax: cy + half }
}

/**
 * What a pointer on the plot touches, in plain functions: screen ↔ data coordinates, the nearest
 * point, the points under a brush or inside a rectangle, and where a brush dab puts new points.
 */
import type { DatasetJSON } from '../../shared/src/model-file/types.ts'
import type { Bounds } from '../../shared/src/data/bounds.ts'
import type { PointRef } from '../stores/selection.ts'
import { MARGIN } from './draw.ts'

/** The plot's size in CSS pixels and the square of data it shows. */
export interface Frame {
  width: number
  height: number
  view: Bounds
}

/** How far (CSS pixels) a click may be from a point and still pick it. */
export const PICK_RADIUS = 12

/** Data coordinates of a CSS-pixel position on the plot. */
export function toData(frame: Frame, px: number, py: number): [number, number] {
  const { view } = frame
  const w = frame.width - MARGIN.left - MARGIN.right
  const h = frame.height - MARGIN.top - MARGIN.bottom
  return [
    view.xMin + ((px - MARGIN.left) / w) * (view.xMax - view.xMin),
    view.yMax - ((py - MARGIN.top) / h) * (view.yMax - view.yMin),
  ]
}

/** CSS pixels per data unit along x (the view is square on a square plot). */
export function pixelsPerUnit(frame: Frame): number {
  return (frame.width - MARGIN.left - MARGIN.right) / (frame.view.xMax - frame.view.xMin)
}

/** Whether a CSS-pixel position is inside the plotting area (not on the axes). */
export function insidePlot(frame: Frame, px: number, py: number): boolean {
  return (
    px >= MARGIN.left &&
    px <= frame.width - MARGIN.right &&
    py >= MARGIN.top &&
    py <= frame.height - MARGIN.bottom
  )
}

function each(
  dataset: DatasetJSON,
  withTest: boolean,
  fn: (ref: PointRef, x: number, y: number) => void,
): void {
  dataset.train.forEach((p, index) => fn({ set: 'train', index }, p[0], p[1]))
  if (withTest) dataset.test.forEach((p, index) => fn({ set: 'test', index }, p[0], p[1]))
}

/** The point nearest to a data position within `radius` data units, or null. */
export function nearestPoint(
  dataset: DatasetJSON,
  x: number,
  y: number,
  radius: number,
  withTest = true,
): PointRef | null {
  let best: PointRef | null = null
  let bestD = radius * radius
  each(dataset, withTest, (ref, px, py) => {
    const d = (px - x) ** 2 + (py - y) ** 2
    if (d <= bestD) {
      bestD = d
      best = ref
    }
  })
  return best
}

/** Every point within `radius` data units of a data position. */
export function pointsWithin(
  dataset: DatasetJSON,
  x: number,
  y: number,
  radius: number,
  withTest = true,
): PointRef[] {
  const out: PointRef[] = []
  const r2 = radius * radius
  each(dataset, withTest, (ref, px, py) => {
    if ((px - x) ** 2 + (py - y) ** 2 <= r2) out.push(ref)
  })
  return out
}

/** Every point inside the rectangle spanned by two data positions. */
export function pointsInRect(
  dataset: DatasetJSON,
  a: readonly [number, number],
  b: readonly [number, number],
  withTest = true,
): PointRef[] {
  const [x0, x1] = [Math.min(a[0], b[0]), Math.max(a[0], b[0])]
  const [y0, y1] = [Math.min(a[1], b[1]), Math.max(a[1], b[1])]
  const out: PointRef[] = []
  each(dataset, withTest, (ref, px, py) => {
    if (px >= x0 && px <= x1 && py >= y0 && py <= y1) out.push(ref)
  })
  return out
}

/**
 * `count` new points spread uniformly over a disc of `radius` data units around (x, y): one brush
 * dab. `random` returns numbers in [0, 1).
 */
export function brushDab(
  x: number,
  y: number,
  radius: number,
  count: number,
  random: () => number,
): [number, number][] {
  const out: [number, number][] = []
  for (let i = 0; i < count; i++) {
    // √u spreads the points evenly over the disc's area instead of bunching them at the centre.
    const r = radius * Math.sqrt(random())
    const a = 2 * Math.PI * random()
    out.push([x + r * Math.cos(a), y + r * Math.sin(a)])
  }
  return out
}

/** Whether a reference is in a list of references. */
export function includesRef(refs: readonly PointRef[], ref: PointRef): boolean {
  return refs.some((r) => r.set === ref.set && r.index === ref.index)
}

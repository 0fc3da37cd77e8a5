/** Draws the data plot: decision-boundary heatmap, axes with ticks, training and test points. */
import type { Bounds } from '../../shared/src/data/bounds.ts'
import type { DatasetJSON } from '../../shared/src/model-file/types.ts'
import { css, type PlotPalette } from './colors.ts'
import { formatTick, niceTicks } from './ticks.ts'

export type { Bounds }

/** Room for the axes, in CSS pixels. */
export const MARGIN = { left: 44, right: 10, top: 10, bottom: 40 }

export interface PlotScene {
  /** CSS pixels. */
  width: number
  height: number
  view: Bounds
  /** Where the heatmap goes: the square its grid covers. */
  grid: Bounds | null
  /** The grid painted at one pixel per cell (see paintBoundary), scaled up when drawn. */
  heatmap: CanvasImageSource | null
  dataset: DatasetJSON
  palette: PlotPalette
}

/** Maps the view onto the plot area: data coordinates to CSS pixels (y grows upwards). */
export function projector(scene: Pick<PlotScene, 'width' | 'height' | 'view'>) {
  const { view } = scene
  const w = scene.width - MARGIN.left - MARGIN.right
  const h = scene.height - MARGIN.top - MARGIN.bottom
  return {
    x: (x: number) => MARGIN.left + ((x - view.xMin) / (view.xMax - view.xMin)) * w,
    y: (y: number) => MARGIN.top + ((view.yMax - y) / (view.yMax - view.yMin)) * h,
    w,
    h,
  }
}

/** The whole plot in one go: the moving heatmap, then the static axes and points over it. */
export function drawPlot(ctx: CanvasRenderingContext2D, scene: PlotScene, style: PointStyle = {}): void {
  drawBoundary(ctx, scene)
  drawOverlay(ctx, scene, style)
}

/** The part that changes while training: the plot surface and the decision-boundary heatmap. */
export function drawBoundary(ctx: CanvasRenderingContext2D, scene: Omit<PlotScene, 'dataset'>): void {
  const p = projector(scene)
  ctx.clearRect(0, 0, scene.width, scene.height)
  ctx.fillStyle = css(scene.palette.surface)
  ctx.fillRect(MARGIN.left, MARGIN.top, p.w, p.h)
  if (!scene.grid || !scene.heatmap) return
  const g = scene.grid
  ctx.save()
  ctx.beginPath()
  ctx.rect(MARGIN.left, MARGIN.top, p.w, p.h)
  ctx.clip()
  // Bilinear smoothing blends neighbouring cells into a soft boundary, like TF Playground; 'high'
  // quality looks the same on a smooth field but costs several times more in software rendering.
  ctx.imageSmoothingEnabled = true
  ctx.imageSmoothingQuality = 'low'
  ctx.drawImage(scene.heatmap, p.x(g.xMin), p.y(g.yMax), p.x(g.xMax) - p.x(g.xMin), p.y(g.yMin) - p.y(g.yMax))
  ctx.restore()
}

/** Which points the network gets wrong, per set (1 = wrong), in dataset order; null: not known. */
export interface Mistakes {
  train: Uint8Array
  test: Uint8Array
}

export interface PointStyle {
  /** Test points are not drawn. */
  hideTest?: boolean
  /** Misclassified points get an outline ring. */
  mistakes?: Mistakes | null
}

/** The radius of a point in CSS pixels on a plot this wide. */
export function pointRadius(plotWidth: number): number {
  return Math.max(2.5, Math.min(5, plotWidth / 120))
}

/** The part that only changes with the data, the size or the theme: axes, ticks and points. */
export function drawOverlay(
  ctx: CanvasRenderingContext2D,
  scene: Omit<PlotScene, 'grid' | 'heatmap'>,
  style: PointStyle = {},
): void {
  const p = projector(scene)
  drawAxes(ctx, scene, p)
  drawPoints(ctx, scene, style, 0, 0)
}

/**
 * Draws the training points from index `fromTrain` and the test points from `fromTest` on (0, 0:
 * all of them), over what is there: a stroke adding points draws only the new ones.
 * One path per class and kind: ten thousand points are a few fills, not ten thousand.
 */
export function drawPoints(
  ctx: CanvasRenderingContext2D,
  scene: Omit<PlotScene, 'grid' | 'heatmap'>,
  style: PointStyle,
  fromTrain: number,
  fromTest: number,
): void {
  const { palette, dataset } = scene
  const p = projector(scene)
  const radius = pointRadius(p.w)
  const classes = palette.classes
  ctx.save()
  ctx.beginPath()
  ctx.rect(MARGIN.left, MARGIN.top, p.w, p.h)
  ctx.clip()
  const circles = (
    points: readonly (readonly number[])[],
    from: number,
    keep: (c: number, i: number) => boolean,
    r: number,
  ) => {
    ctx.beginPath()
    for (let i = from; i < points.length; i++) {
      const pt = points[i]
      if (!keep(pt[2], i)) continue
      const x = p.x(pt[0])
      const y = p.y(pt[1])
      ctx.moveTo(x + r, y)
      ctx.arc(x, y, r, 0, Math.PI * 2)
    }
  }
  const train = dataset.train
  ctx.lineWidth = 1
  ctx.strokeStyle = css(palette.outline)
  for (let c = 0; c < dataset.classes.length; c++) {
    circles(train, fromTrain, (k) => k === c, radius)
    ctx.fillStyle = css(classes[c % classes.length])
    ctx.fill()
    ctx.stroke()
  }
  // Test points are rings: the same class colour, but visibly not trained on.
  if (!style.hideTest)
    for (let c = 0; c < dataset.classes.length; c++) {
      circles(dataset.test, fromTest, (k) => k === c, radius)
      ctx.lineWidth = 3
      ctx.strokeStyle = css(palette.outline)
      ctx.stroke()
      ctx.lineWidth = 1.8
      ctx.strokeStyle = css(classes[c % classes.length])
      ctx.stroke()
    }
  const wrong = style.mistakes
  if (wrong) {
    // A ring in the text colour around every point the network gets wrong.
    ctx.lineWidth = 1.6
    ctx.strokeStyle = css(palette.text)
    circles(train, fromTrain, (_, i) => wrong.train[i] === 1, radius + 2.5)
    ctx.stroke()
    if (!style.hideTest) {
      circles(dataset.test, fromTest, (_, i) => wrong.test[i] === 1, radius + 2.5)
      ctx.stroke()
    }
  }
  ctx.restore()
}

/** What is drawn over everything, every frame: the pick, a group, a highlighted point, the tool's marks. */
export interface Marks {
  selected?: readonly number[] | null
  group?: readonly (readonly number[])[]
  highlight?: readonly number[] | null
  /** The brush under the pointer: centre and radius in CSS pixels. */
  brush?: { x: number; y: number; r: number } | null
  /** A Select rectangle being dragged, in CSS pixels. */
  rect?: { x0: number; y0: number; x1: number; y1: number } | null
}

export function drawMarks(
  ctx: CanvasRenderingContext2D,
  scene: Pick<PlotScene, 'width' | 'height' | 'view' | 'palette'>,
  marks: Marks,
): void {
  const p = projector(scene)
  const r = pointRadius(p.w)
  const text = css(scene.palette.text)
  const surface = css(scene.palette.surface)
  ctx.save()
  ctx.beginPath()
  ctx.rect(MARGIN.left, MARGIN.top, p.w, p.h)
  ctx.clip()
  const ring = (pt: readonly number[], radius: number, width: number, dash: number[] = []) => {
    ctx.setLineDash(dash)
    ctx.beginPath()
    ctx.arc(p.x(pt[0]), p.y(pt[1]), radius, 0, Math.PI * 2)
    // A light halo under a dark ring (or the reverse): visible on any region colour.
    ctx.lineWidth = width + 2
    ctx.strokeStyle = surface
    ctx.stroke()
    ctx.lineWidth = width
    ctx.strokeStyle = text
    ctx.stroke()
  }
  for (const pt of marks.group ?? []) ring(pt, r + 4, 1.5, [3, 2])
  if (marks.selected) ring(marks.selected, r + 6, 2.5)
  if (marks.highlight) {
    ring(marks.highlight, r + 10, 2.5)
    ring(marks.highlight, r + 4, 1.5)
  }
  if (marks.brush) {
    ctx.setLineDash([4, 3])
    ctx.beginPath()
    ctx.arc(marks.brush.x, marks.brush.y, marks.brush.r, 0, Math.PI * 2)
    ctx.lineWidth = 1.2
    ctx.strokeStyle = text
    ctx.stroke()
  }
  if (marks.rect) {
    const { x0, y0, x1, y1 } = marks.rect
    ctx.setLineDash([5, 3])
    ctx.lineWidth = 1.2
    ctx.strokeStyle = text
    ctx.strokeRect(Math.min(x0, x1), Math.min(y0, y1), Math.abs(x1 - x0), Math.abs(y1 - y0))
  }
  ctx.restore()
}

function drawAxes(
  ctx: CanvasRenderingContext2D,
  scene: Pick<PlotScene, 'width' | 'height' | 'view' | 'palette'>,
  p: ReturnType<typeof projector>,
): void {
  const { view, palette } = scene
  ctx.strokeStyle = css(palette.axis)
  ctx.fillStyle = css(palette.text)
  ctx.lineWidth = 1
  ctx.strokeRect(MARGIN.left + 0.5, MARGIN.top + 0.5, p.w - 1, p.h - 1)
  ctx.font = '12px system-ui, sans-serif'

  const xTicks = niceTicks(view.xMin, view.xMax, Math.max(3, Math.round(p.w / 80)))
  ctx.textAlign = 'center'
  ctx.textBaseline = 'top'
  for (const t of xTicks) {
    const x = Math.round(p.x(t)) + 0.5
    ctx.beginPath()
    ctx.moveTo(x, MARGIN.top + p.h)
    ctx.lineTo(x, MARGIN.top + p.h + 5)
    ctx.stroke()
    ctx.fillText(formatTick(t, xTicks), x, MARGIN.top + p.h + 7)
  }
  const yTicks = niceTicks(view.yMin, view.yMax, Math.max(3, Math.round(p.h / 80)))
  ctx.textAlign = 'right'
  ctx.textBaseline = 'middle'
  for (const t of yTicks) {
    const y = Math.round(p.y(t)) + 0.5
    ctx.beginPath()
    ctx.moveTo(MARGIN.left - 5, y)
    ctx.lineTo(MARGIN.left, y)
    ctx.stroke()
    ctx.fillText(formatTick(t, yTicks), MARGIN.left - 7, y)
  }

  ctx.font = 'italic 13px system-ui, sans-serif'
  ctx.textAlign = 'center'
  ctx.textBaseline = 'bottom'
  ctx.fillText('x1', MARGIN.left + p.w / 2, scene.height - 2)
  ctx.save()
  ctx.translate(12, MARGIN.top + p.h / 2)
  ctx.rotate(-Math.PI / 2)
  ctx.textBaseline = 'middle'
  ctx.fillText('x2', 0, 0)
  ctx.restore()
}

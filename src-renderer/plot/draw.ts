/** Draws the data plot: decision-boundary heatmap, axes with ticks, training and test points. */
import type { BoundaryGrid } from '../../shared/src/ipc.ts'
import type { Bounds } from '../../shared/src/data/bounds.ts'
import type { DatasetJSON, Point } from '../../shared/src/model-file/types.ts'
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
  grid: BoundaryGrid | null
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
export function drawPlot(ctx: CanvasRenderingContext2D, scene: PlotScene): void {
  drawBoundary(ctx, scene)
  drawOverlay(ctx, scene)
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

/** The part that only changes with the data, the size or the theme: axes, ticks and points. */
export function drawOverlay(ctx: CanvasRenderingContext2D, scene: Omit<PlotScene, 'grid' | 'heatmap'>): void {
  const { palette } = scene
  const p = projector(scene)
  drawAxes(ctx, scene, p)
  ctx.save()
  ctx.beginPath()
  ctx.rect(MARGIN.left, MARGIN.top, p.w, p.h)
  ctx.clip()
  const radius = Math.max(2.5, Math.min(5, p.w / 120))
  for (const [x, y, c] of scene.dataset.train) {
    ctx.beginPath()
    ctx.arc(p.x(x), p.y(y), radius, 0, Math.PI * 2)
    ctx.fillStyle = css(palette.classes[c % palette.classes.length])
    ctx.fill()
    ctx.lineWidth = 1
    ctx.strokeStyle = css(palette.outline)
    ctx.stroke()
  }
  // Test points are rings: the same class colour, but visibly not trained on.
  for (const [x, y, c] of scene.dataset.test) {
    ctx.beginPath()
    ctx.arc(p.x(x), p.y(y), radius, 0, Math.PI * 2)
    ctx.lineWidth = 3
    ctx.strokeStyle = css(palette.outline)
    ctx.stroke()
    ctx.lineWidth = 1.8
    ctx.strokeStyle = css(palette.classes[c % palette.classes.length])
    ctx.stroke()
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

/** A ring around the picked point, drawn over everything else. */
export function drawSelection(
  ctx: CanvasRenderingContext2D,
  scene: Pick<PlotScene, 'width' | 'height' | 'view'>,
  point: Point,
  palette: PlotPalette,
): void {
  const p = projector(scene)
  const r = Math.max(2.5, Math.min(5, p.w / 120)) + 5
  ctx.beginPath()
  ctx.arc(p.x(point[0]), p.y(point[1]), r, 0, Math.PI * 2)
  ctx.lineWidth = 4
  ctx.strokeStyle = css(palette.outline)
  ctx.stroke()
  ctx.lineWidth = 2
  ctx.strokeStyle = css(palette.text)
  ctx.stroke()
}

/** The point nearest to (x, y) in CSS pixels, if one is within `radius` pixels. */
export function nearestPoint(
  scene: Pick<PlotScene, 'width' | 'height' | 'view'>,
  dataset: DatasetJSON,
  x: number,
  y: number,
  radius: number,
): { set: 'train' | 'test'; index: number } | null {
  const p = projector(scene)
  let best: { set: 'train' | 'test'; index: number } | null = null
  let bestDistance = radius
  for (const set of ['train', 'test'] as const)
    dataset[set].forEach(([px, py], index) => {
      const d = Math.hypot(p.x(px) - x, p.y(py) - y)
      if (d <= bestDistance) {
        bestDistance = d
        best = { set, index }
      }
    })
  return best
}

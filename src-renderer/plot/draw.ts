/** Draws the data plot: decision-boundary heatmap, axes with ticks, training and test points. */
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

/** A point's picture, drawn once and stamped for every point: fast even in software rendering. */
interface Sprite {
  canvas: HTMLCanvasElement | OffscreenCanvas
  /** Half its size in CSS pixels. */
  half: number
}

const sprites = new Map<string, Sprite>()

/** The stamp for one kind of point (training, test, mistake ring) of one colour, radius and pixel ratio. */
function sprite(
  kind: 'train' | 'test' | 'mistake',
  fill: string,
  outline: string,
  r: number,
  dpr: number,
): Sprite | null {
  const key = [kind, fill, outline, r, dpr].join()
  let s = sprites.get(key)
  if (s) return s
  const half = r + 4
  const side = Math.ceil(2 * half * dpr)
  const canvas =
    typeof OffscreenCanvas === 'function' ? new OffscreenCanvas(side, side) : document.createElement('canvas')
  canvas.width = canvas.height = side
  const ctx = canvas.getContext('2d') as CanvasRenderingContext2D | null
  if (!ctx) return null
  ctx.scale(dpr, dpr)
  ctx.beginPath()
  if (kind === 'train') {
    ctx.arc(half, half, r, 0, Math.PI * 2)
    ctx.fillStyle = fill
    ctx.fill()
    ctx.lineWidth = 1
    ctx.strokeStyle = outline
    ctx.stroke()
  } else if (kind === 'test') {
    // Test points are rings: the same class colour, but visibly not trained on.
    ctx.arc(half, half, r, 0, Math.PI * 2)
    ctx.lineWidth = 3
    ctx.strokeStyle = outline
    ctx.stroke()
    ctx.lineWidth = 1.8
    ctx.strokeStyle = fill
    ctx.stroke()
  } else {
    ctx.arc(half, half, r + 2.5, 0, Math.PI * 2)
    ctx.lineWidth = 1.6
    ctx.strokeStyle = fill
    ctx.stroke()
  }
  s = { canvas, half }
  if (sprites.size > 200) sprites.clear()
  sprites.set(key, s)
  return s
}

/**
 * Draws the training points from index `fromTrain` and the test points from `fromTest` on (0, 0:
 * all of them), over what is there: a stroke adding points draws only the new ones. Each point is
 * a stamped sprite: ten thousand anti-aliased arcs take a third of a second to fill in software
 * rendering, ten thousand stamps a few milliseconds.
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
  const dpr = ctx.getTransform().a || 1
  const outline = css(palette.outline)
  const colour = (c: number) => css(palette.classes[c % palette.classes.length])
  const stamps = (kind: 'train' | 'test') =>
    dataset.classes.map((_, c) => sprite(kind, colour(c), outline, radius, dpr))
  ctx.save()
  // Stamps at whole device pixels with no transform: a plain copy, no resampling.
  ctx.setTransform(1, 0, 0, 1, 0, 0)
  ctx.beginPath()
  ctx.rect(MARGIN.left * dpr, MARGIN.top * dpr, p.w * dpr, p.h * dpr)
  ctx.clip()
  const draw = (set: 'train' | 'test', from: number) => {
    const points = dataset[set]
    const kinds = stamps(set)
    for (let i = from; i < points.length; i++) {
      const pt = points[i]
      const s = kinds[pt[2]]
      if (s)
        ctx.drawImage(
          s.canvas,
          Math.round((p.x(pt[0]) - s.half) * dpr),
          Math.round((p.y(pt[1]) - s.half) * dpr),
        )
    }
  }
  draw('train', fromTrain)
  if (!style.hideTest) draw('test', fromTest)
  ctx.restore()
}

/** Rings around the points the network gets wrong (a layer of its own: it changes with every report). */
export function drawMistakes(
  ctx: CanvasRenderingContext2D,
  scene: Omit<PlotScene, 'grid' | 'heatmap'>,
  style: PointStyle,
): void {
  const wrong = style.mistakes
  if (!wrong) return
  const { palette, dataset } = scene
  const p = projector(scene)
  const dpr = ctx.getTransform().a || 1
  const ring = sprite('mistake', css(palette.text), css(palette.outline), pointRadius(p.w), dpr)
  if (!ring) return
  ctx.save()
  ctx.setTransform(1, 0, 0, 1, 0, 0)
  ctx.beginPath()
  ctx.rect(MARGIN.left * dpr, MARGIN.top * dpr, p.w * dpr, p.h * dpr)
  ctx.clip()
  for (const set of style.hideTest ? (['train'] as const) : (['train', 'test'] as const)) {
    const points = dataset[set]
    const flags = wrong[set]
    for (let i = 0; i < points.length && i < flags.length; i++) {
      if (flags[i] !== 1) continue
      const pt = points[i]
      ctx.drawImage(
        ring.canvas,
        Math.round((p.x(pt[0]) - ring.half) * dpr),
        Math.round((p.y(pt[1]) - ring.half) * dpr),
      )
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

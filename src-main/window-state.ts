/**
 * The window's size, position and maximized state, kept between runs and restored only where it
 * still fits: the displays may have changed (a monitor unplugged, a smaller laptop screen).
 */

export interface Rect {
  x: number
  y: number
  width: number
  height: number
}

export interface WindowState extends Rect {
  maximized: boolean
}

/** The smallest window the layout works in (see window-options.ts). */
export const MIN_SIZE = { width: 760, height: 520 }

function isRect(r: unknown): r is Rect {
  const o = r as Record<string, unknown>
  return (
    typeof r === 'object' &&
    r !== null &&
    ['x', 'y', 'width', 'height'].every((k) => typeof o[k] === 'number' && Number.isFinite(o[k]))
  )
}

/** The stored state from its file's text, or null when it is missing or damaged. */
export function parseWindowState(text: string): WindowState | null {
  try {
    const data = JSON.parse(text) as unknown
    if (!isRect(data) || data.width <= 0 || data.height <= 0) return null
    const { x, y, width, height } = data
    return { x, y, width, height, maximized: (data as { maximized?: unknown }).maximized === true }
  } catch {
    return null
  }
}

function overlap(a: Rect, b: Rect): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y)
  return w > 0 && h > 0 ? w * h : 0
}

/**
 * Where to open the window: the saved bounds moved and shrunk to fit inside the work area of the
 * display they overlap most; on the first display, centred, when they overlap none. Null (let the
 * window use its defaults) when nothing was saved or there are no displays.
 */
export function restoreBounds(saved: WindowState | null, workAreas: readonly Rect[]): WindowState | null {
  if (!saved || workAreas.length === 0) return null
  let best = workAreas[0]
  let bestOverlap = 0
  for (const area of workAreas) {
    const o = overlap(saved, area)
    if (o > bestOverlap) [best, bestOverlap] = [area, o]
  }
  const width = Math.round(Math.min(Math.max(saved.width, MIN_SIZE.width), best.width))
  const height = Math.round(Math.min(Math.max(saved.height, MIN_SIZE.height), best.height))
  const clamp = (v: number, lo: number, hi: number) => Math.round(Math.min(Math.max(v, lo), hi))
  const [x, y] =
    bestOverlap === 0
      ? [best.x + Math.round((best.width - width) / 2), best.y + Math.round((best.height - height) / 2)]
      : [
          clamp(saved.x, best.x, best.x + best.width - width),
          clamp(saved.y, best.y, best.y + best.height - height),
        ]
  return { x, y, width, height, maximized: saved.maximized }
}

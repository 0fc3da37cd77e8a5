/** Curve points for chart.js, kept short so a long run still redraws in a few milliseconds. */
import type { EpochMetrics } from '../../shared/src/model-file/types.ts'

export interface XY {
  x: number
  y: number
}

/** Most points one curve shows; beyond this, every k-th epoch is shown (always the latest too). */
export const MAX_CURVE_POINTS = 800

/**
 * Brings `target` (a plain array chart.js owns) in line with `history`: appends new epochs while
 * the run is short, rebuilds it strided when long, and starts over after a reset. Returns whether
 * anything changed. Epochs without the value (no test set) are left out.
 */
export function syncCurve(
  history: readonly EpochMetrics[],
  pick: (m: EpochMetrics) => number | undefined,
  target: XY[],
  max = MAX_CURVE_POINTS,
): boolean {
  const stride = Math.ceil(history.length / max)
  if (stride <= 1) {
    const last = target.at(-1)
    const lastEpoch = history.at(-1)?.epoch ?? 0
    // The target is a prefix of the history unless training was reset or reloaded meanwhile.
    const consistent =
      target.length === 0 || (last !== undefined && last.x <= lastEpoch && target.length <= history.length)
    let from = 0
    if (consistent && last !== undefined) {
      from = history.findIndex((m) => m.epoch > last.x)
      if (from === -1) return false
    } else if (!consistent) {
      target.length = 0
    }
    let changed = !consistent
    for (let i = from; i < history.length; i++) {
      const y = pick(history[i])
      if (y === undefined || !Number.isFinite(y)) continue
      target.push({ x: history[i].epoch, y })
      changed = true
    }
    return changed
  }
  target.length = 0
  for (let i = 0; i < history.length; i += stride) push(history[i])
  if ((history.length - 1) % stride !== 0) push(history[history.length - 1])
  return true

  function push(m: EpochMetrics) {
    const y = pick(m)
    if (y !== undefined && Number.isFinite(y)) target.push({ x: m.epoch, y })
  }
}

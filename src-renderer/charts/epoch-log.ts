/**
 * A run's metrics, kept short enough to plot: every epoch while the run is short, then every 2nd,
 * 4th, 8th ... epoch, so it never holds more than `max` entries however long training goes (the
 * trainer can finish thousands of epochs a second, and chart.js redraws every point it is given).
 */
import type { EpochMetrics } from '../../shared/src/model-file/types.ts'

/** Most epochs kept for the curves; between half and all of this many are shown. */
export const MAX_LOGGED_EPOCHS = 1000

export interface XY {
  x: number
  y: number
}

export class EpochLog {
  /** Kept epochs, oldest first: those whose distance from the first epoch is a multiple of `stride`. */
  readonly entries: EpochMetrics[] = []
  /** The most recent epoch, kept or not: the curves always end at it. */
  latest: EpochMetrics | null = null
  stride = 1
  private first = 0
  readonly max: number

  constructor(max = MAX_LOGGED_EPOCHS) {
    this.max = max
  }

  add(m: EpochMetrics): void {
    // An epoch at or before one already logged means the run was rewound: forget what came after.
    while (this.entries.length > 0 && this.entries[this.entries.length - 1].epoch >= m.epoch)
      this.entries.pop()
    if (this.entries.length === 0) {
      this.first = m.epoch
      this.stride = 1
    }
    this.latest = m
    if ((m.epoch - this.first) % this.stride !== 0) return
    this.entries.push(m)
    if (this.entries.length > this.max) this.thin()
  }

  clear(): void {
    this.entries.length = 0
    this.latest = null
    this.stride = 1
    this.first = 0
  }

  /** Doubles the stride, keeping every other entry (the first one stays). */
  private thin(): void {
    this.stride *= 2
    let kept = 0
    for (const m of this.entries) if ((m.epoch - this.first) % this.stride === 0) this.entries[kept++] = m
    this.entries.length = kept
  }
}

/** One curve's points for chart.js, a fresh plain array: kept epochs, then the latest one. */
export function curvePoints(log: EpochLog, pick: (m: EpochMetrics) => number | undefined): XY[] {
  const points: XY[] = []
  const add = (m: EpochMetrics) => {
    const y = pick(m)
    if (y !== undefined && Number.isFinite(y)) points.push({ x: m.epoch, y })
  }
  for (const m of log.entries) add(m)
  if (log.latest && log.latest.epoch > (log.entries.at(-1)?.epoch ?? -Infinity)) add(log.latest)
  return points
}

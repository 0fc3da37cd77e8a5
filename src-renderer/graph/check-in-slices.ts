/**
 * The gradient check of every parameter, a slice at a time: 337 parameters are 674 forward passes,
 * too long for one task of the UI thread, so the page stays responsive and shows its progress.
 */
import {
  GRADIENT_CHECK_DEFAULTS,
  type GradientCheckEntry,
  type GradientCheckResult,
} from '../../shared/src/graph/gradient-check.ts'

export interface CheckRow extends GradientCheckEntry {
  name: string
  passed: boolean
}

export interface CheckSummary {
  rows: CheckRow[]
  passed: number
  /** The objective at the unperturbed parameters (what was differentiated). */
  output: number
  maxRelativeError: number
}

export interface CheckTarget {
  parameterNames: readonly string[]
  check: (indices: readonly number[]) => GradientCheckResult
}

export interface SliceOptions {
  /** Parameters per slice (default 16: a few milliseconds each at micrograd's network size). */
  slice?: number
  onProgress?: (done: number, total: number) => void
  /** Checked between slices: when it returns true the check stops and resolves to null. */
  cancelled?: () => boolean
  /** Waits between slices (default: a macrotask, so input and painting get their turn). */
  pause?: () => Promise<void>
}

/** Checks every parameter of `target`, slice by slice; null when cancelled. */
export async function checkInSlices(
  target: CheckTarget,
  options: SliceOptions = {},
): Promise<CheckSummary | null> {
  const slice = options.slice ?? 16
  const pause = options.pause ?? (() => new Promise<void>((r) => setTimeout(r, 0)))
  const total = target.parameterNames.length
  const rows: CheckRow[] = []
  let output = NaN
  for (let start = 0; start < total; start += slice) {
    if (options.cancelled?.()) return null
    const indices = Array.from({ length: Math.min(slice, total - start) }, (_, i) => start + i)
    const result = target.check(indices)
    output = result.output
    for (const e of result.entries)
      rows.push({
        ...e,
        name: target.parameterNames[e.index],
        passed: e.relativeError <= GRADIENT_CHECK_DEFAULTS.tolerance,
      })
    options.onProgress?.(rows.length, total)
    if (start + slice < total) await pause()
  }
  if (options.cancelled?.()) return null
  let max = 0
  for (const r of rows)
    max = Number.isNaN(r.relativeError) || Number.isNaN(max) ? NaN : Math.max(max, r.relativeError)
  return { rows, passed: rows.filter((r) => r.passed).length, output, maxRelativeError: max }
}

/** Axis ticks a reader can read: steps of 1, 2 or 5 times a power of ten. */

/** About `count` evenly spaced round numbers covering [min, max] (only those inside it). */
export function niceTicks(min: number, max: number, count = 5): number[] {
  if (!Number.isFinite(min) || !Number.isFinite(max) || max <= min || count < 1) return []
  const rough = (max - min) / count
  const power = 10 ** Math.floor(Math.log10(rough))
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough) ?? 10 * power
  const ticks: number[] = []
  for (let i = Math.ceil(min / step); i * step <= max + step * 1e-9; i++) {
    // Multiplying the index (not adding steps) keeps 0.30000000000000004 out of the labels.
    ticks.push(Number((i * step).toPrecision(12)))
  }
  return ticks
}

/** A tick label with no more decimals than the step needs. */
export function formatTick(value: number, ticks: readonly number[]): string {
  const step = ticks.length > 1 ? Math.abs(ticks[1] - ticks[0]) : 1
  const decimals = Math.max(0, Math.min(6, -Math.floor(Math.log10(step) + 1e-9)))
  const text = value.toFixed(decimals)
  return text === '-0' || /^-0\.0*$/.test(text) ? text.slice(1) : text
}

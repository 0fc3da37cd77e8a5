/** Numbers as the readouts show them. */

/** A loss with four significant digits ("0.2345", "1.203e-5"); a dash before the first epoch. */
export function formatLoss(x: number | undefined): string {
  if (x === undefined) return '—'
  if (!Number.isFinite(x)) return String(x)
  if (x !== 0 && Math.abs(x) < 1e-3) return x.toExponential(3)
  return x.toPrecision(4)
}

/** An accuracy in [0, 1] as a percentage with one decimal ("96.3 %"); a dash when unknown. */
export function formatPercent(x: number | undefined): string {
  if (x === undefined || !Number.isFinite(x)) return '—'
  return `${(x * 100).toFixed(1)} %`
}

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

/** A chart axis label: short however large or small the value ("0.25", "2e+303", "1.5e-5"). */
export function formatAxis(x: number): string {
  if (x === 0 || !Number.isFinite(x)) return String(x)
  const a = Math.abs(x)
  if (a >= 1e5 || a < 1e-3) return x.toExponential(1).replace('.0e', 'e')
  return String(Number(x.toPrecision(4)))
}

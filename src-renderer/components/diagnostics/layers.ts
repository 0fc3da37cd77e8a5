/** How the Diagnostics panel names layers and which measures apply to which activation. */

/** "Hidden 2", or "Output" for the last of `count` layers (1-based, as LayerDiagnostics counts). */
export function layerName(layer: number, count: number): string {
  return layer === count ? 'Output' : `Hidden ${layer}`
}

/** Only a ReLU unit can die (be 0 on every point); leaky ReLU always passes some gradient. */
export const canDie = (activation: string) => activation === 'relu'

/** Only tanh and sigmoid flatten out at their ends. */
export const canSaturate = (activation: string) => activation === 'tanh' || activation === 'sigmoid'

/** A gradient norm, short however small ("0.031", "2.4e-7", "0"). */
export function formatNorm(x: number): string {
  if (x === 0 || !Number.isFinite(x)) return String(x)
  const a = Math.abs(x)
  return a < 1e-3 || a >= 1e4 ? x.toExponential(1) : x.toPrecision(2)
}

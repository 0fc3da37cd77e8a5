/**
 * Engineered inputs (TF Playground style): a network's `inputs` names which features of a point
 * (x1, x2) it sees. The names are FEATURES in the model file format.
 */
import { FEATURES, type FeatureName, type Point } from '../model-file/types.ts'

type FeatureFn = (x1: number, x2: number) => number

const FEATURE_FNS: Record<FeatureName, FeatureFn> = {
  x1: (x1) => x1,
  x2: (_x1, x2) => x2,
  'x1^2': (x1) => x1 * x1,
  'x2^2': (_x1, x2) => x2 * x2,
  'x1*x2': (x1, x2) => x1 * x2,
  'sin(x1)': (x1) => Math.sin(x1),
  'sin(x2)': (_x1, x2) => Math.sin(x2),
}

/** True when name is one of FEATURES. */
export function isFeatureName(name: string): name is FeatureName {
  return Object.prototype.hasOwnProperty.call(FEATURE_FNS, name)
}

function featureFn(name: string): FeatureFn {
  if (typeof name !== 'string' || !isFeatureName(name)) {
    throw new RangeError(`unknown feature ${JSON.stringify(name)}: use one of ${FEATURES.join(', ')}`)
  }
  return FEATURE_FNS[name]
}

/**
 * The named features of (x1, x2), written into out from offset (a new array when out is omitted).
 * Throws on an unknown name or when out is too short.
 */
export function featurize(
  names: readonly string[],
  x1: number,
  x2: number,
  out?: Float64Array,
  offset = 0,
): Float64Array {
  const target = out ?? new Float64Array(names.length)
  if (!Number.isInteger(offset) || offset < 0 || offset + names.length > target.length) {
    throw new RangeError(
      `featurize: ${names.length} features do not fit in an array of length ${target.length} at offset ${offset}`,
    )
  }
  // No per-call allocation (the boundary grid calls this once per pixel); names are all checked
  // before anything is written so a bad name leaves out untouched.
  for (let k = 0; k < names.length; k++) featureFn(names[k])
  for (let k = 0; k < names.length; k++) target[offset + k] = FEATURE_FNS[names[k] as FeatureName](x1, x2)
  return target
}

/** The named features of every point, row-major: row i is point i, length points.length × names.length. */
export function featurizeAll(names: readonly string[], points: readonly (readonly number[])[]): Float64Array {
  const fns = names.map(featureFn)
  const width = fns.length
  const out = new Float64Array(points.length * width)
  for (let i = 0; i < points.length; i++) {
    const x1 = points[i][0]
    const x2 = points[i][1]
    for (let k = 0; k < width; k++) out[i * width + k] = fns[k](x1, x2)
  }
  return out
}

/** The class index of every point, in order (a companion to featurizeAll). */
export function labelsOf(points: readonly Point[]): Int32Array {
  return Int32Array.from(points, (p) => p[2])
}

/** Limits every generator and importer shares, and the checks that enforce them with clear messages. */

/** The most points a generated or imported dataset may hold. */
export const MAX_POINTS = 100_000
/** The fewest and most classes a dataset may have (the app has six class colours). */
export const MIN_CLASSES = 2
export const MAX_CLASSES = 6

/** Throws unless n is a whole number of points in 1..MAX_POINTS. */
export function checkCount(n: number, what = 'n'): void {
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > MAX_POINTS) {
    throw new RangeError(`${what} must be a whole number from 1 to ${MAX_POINTS}, got ${String(n)}`)
  }
}

/** Throws unless noise is a finite number ≥ 0. */
export function checkNoise(noise: number): void {
  if (typeof noise !== 'number' || !Number.isFinite(noise) || noise < 0) {
    throw new RangeError(`noise must be a finite number ≥ 0, got ${String(noise)}`)
  }
}

/** Throws unless seed is a finite number (it is truncated to a 32-bit integer). */
export function checkSeed(seed: number): void {
  if (typeof seed !== 'number' || !Number.isFinite(seed)) {
    throw new RangeError(`seed must be a finite number, got ${String(seed)}`)
  }
}

/** Throws unless classes is a whole number in MIN_CLASSES..MAX_CLASSES. */
export function checkClasses(classes: number): void {
  if (
    typeof classes !== 'number' ||
    !Number.isInteger(classes) ||
    classes < MIN_CLASSES ||
    classes > MAX_CLASSES
  ) {
    throw new RangeError(
      `classes must be a whole number from ${MIN_CLASSES} to ${MAX_CLASSES}, got ${String(classes)}`,
    )
  }
}

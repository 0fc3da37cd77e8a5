/** The one error a model file can raise, and the words it uses to describe what it found. */

/** A model file (or an object meant to be one) that Backprop Studio refuses, naming the bad field. */
export class ModelFileError extends Error {
  override name = 'ModelFileError'
  /** Where the problem is, e.g. `network.layers[1].weights[0]`; '' for the file as a whole. */
  readonly path: string
  /** For JSON syntax problems: 1-based line and column in the text. */
  readonly line?: number
  readonly column?: number

  constructor(path: string, message: string, where?: { line: number; column: number }) {
    super(message)
    this.path = path
    if (where) {
      this.line = where.line
      this.column = where.column
    }
  }
}

/** How big a model file may be before it is refused (so a hostile file cannot freeze the app). */
export const MODEL_FILE_LIMITS = {
  /**
   * Characters of text. JSON.parse of 32 MiB of numbers takes about 0.75 s on a slow machine; a
   * file this size already holds over a million full-precision parameters, far more than a
   * scalar engine can train.
   */
  maxTextLength: 32 * 1024 * 1024,
  /** Lists and objects inside each other: a model file needs 6 levels (root, network, layers, a layer, weights, a row). */
  maxDepth: 100,
  /** Lists and objects in the whole text (rows, points, history entries): bounds JSON.parse's time. */
  maxContainers: 1_000_000,
  /** Fields the format does not know are ignored, but millions of distinct ones would be slow to read. */
  maxUnknownFields: 10_000,
  /** Weights and biases of the whole network. */
  maxParameters: 10_000_000,
  /** Points in each of dataset.train and dataset.test. */
  maxPoints: 100_000,
  maxClasses: 64,
  maxNameLength: 1000,
  maxClassNameLength: 100,
} as const

/** A few words for a value found where something else was expected: `-1`, `"abc"`, `a list of 3 items`. */
export function describe(v: unknown): string {
  if (v === undefined) return 'nothing'
  if (v === null) return 'null'
  switch (typeof v) {
    case 'number':
      if (Number.isNaN(v)) return 'NaN (not a number)'
      if (!Number.isFinite(v)) return `${v} (a number too large to store, like 1e400)`
      return Object.is(v, -0) ? '-0' : String(v)
    case 'string':
      // Long text is cut so a message stays one readable line.
      return v.length > 40
        ? `${JSON.stringify(v.slice(0, 40))}… (${formatCount(v.length)} characters)`
        : JSON.stringify(v)
    case 'boolean':
      return String(v)
    case 'object':
      if (Array.isArray(v))
        return v.length === 0
          ? 'an empty list'
          : v.length === 1
            ? 'a list of 1 item'
            : `a list of ${v.length} items`
      return 'an object'
    default:
      return `a ${typeof v}`
  }
}

/** `12000000` → `12,000,000`, the same on every locale. */
export function formatCount(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',')
}

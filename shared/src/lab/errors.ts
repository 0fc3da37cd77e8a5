/** A mistake in the learner's expression, with the place it was found. */
export class LabError extends Error {
  readonly line: number
  readonly column: number
  /** The message without the place, e.g. "'q' is not assigned yet". */
  readonly reason: string

  constructor(reason: string, line: number, column: number) {
    super(`line ${line}, column ${column}: ${reason}`)
    this.name = 'LabError'
    this.reason = reason
    this.line = line
    this.column = column
  }
}

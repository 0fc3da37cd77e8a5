/**
 * Undo and redo as two stacks of whole states. A state is immutable (an edit makes a new one that
 * shares what did not change), so keeping one is keeping a reference; the oldest go first once
 * there are more than the limit.
 */

/** How many edits can be undone: enough for a long drawing session, small enough to keep in memory. */
export const MAX_HISTORY = 200

interface Entry<T> {
  state: T
  /** What the edit that left this state was, in the learner's words ("brush stroke"). */
  label: string
}

export class EditHistory<T> {
  private past: Entry<T>[] = []
  private future: Entry<T>[] = []
  readonly limit: number

  constructor(limit = MAX_HISTORY) {
    if (!Number.isInteger(limit) || limit < 1)
      throw new RangeError(`limit must be a whole number ≥ 1, got ${limit}`)
    this.limit = limit
  }

  /** Records the state before an edit called `label`; a new edit forgets what could be redone. */
  push(before: T, label: string): void {
    this.past.push({ state: before, label })
    if (this.past.length > this.limit) this.past.shift()
    this.future = []
  }

  /** The state to go back to (current goes onto the redo stack), or null when there is none. */
  undo(current: T): T | null {
    const entry = this.past.pop()
    if (!entry) return null
    this.future.push({ state: current, label: entry.label })
    return entry.state
  }

  /** The state to go forward to again (current goes back onto the undo stack), or null. */
  redo(current: T): T | null {
    const entry = this.future.pop()
    if (!entry) return null
    this.past.push({ state: current, label: entry.label })
    return entry.state
  }

  get canUndo(): boolean {
    return this.past.length > 0
  }

  get canRedo(): boolean {
    return this.future.length > 0
  }

  /** The edit undo would take back, or null. */
  get undoLabel(): string | null {
    return this.past.at(-1)?.label ?? null
  }

  /** The edit redo would do again, or null. */
  get redoLabel(): string | null {
    return this.future.at(-1)?.label ?? null
  }

  get size(): number {
    return this.past.length
  }

  clear(): void {
    this.past = []
    this.future = []
  }
}

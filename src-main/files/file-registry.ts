/**
 * The only paths main reads or writes for the page: each came from a dialog, a drop, the recent
 * list or the OS, and the page holds an opaque id for it, never the path itself.
 */

/** Where a path came from. */
export type FileOrigin = 'dialog' | 'drop' | 'recent' | 'os'

export interface RegisteredFile {
  path: string
  origin: FileOrigin
}

/** Mints ids for paths main was given by the learner; the same path keeps its id. */
export class FileRegistry {
  private readonly byId = new Map<number, RegisteredFile>()
  private readonly byPath = new Map<string, number>()
  private next = 1

  /** The id for `path` (an existing one if the path is known). */
  add(path: string, origin: FileOrigin): number {
    const known = this.byPath.get(path)
    if (known !== undefined) return known
    const id = this.next++
    this.byId.set(id, { path, origin })
    this.byPath.set(path, id)
    return id
  }

  /** The file behind an id, or undefined for an id this registry never minted. */
  get(id: number): RegisteredFile | undefined {
    return this.byId.get(id)
  }
}

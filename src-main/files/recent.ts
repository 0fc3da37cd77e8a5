/**
 * File → Open Recent: the last ten files opened or saved, newest first, without duplicates, and
 * without files that no longer exist. Stored as JSON in the app's user data folder.
 */
import { isAbsolute } from 'node:path'
import { openKindOf } from '../../shared/src/files.ts'

export const MAX_RECENT = 10

/** Whether two paths name the same file: Windows and macOS file systems ignore case by default. */
function samePath(a: string, b: string, platform: string): boolean {
  return platform === 'win32' || platform === 'darwin' ? a.toLowerCase() === b.toLowerCase() : a === b
}

/** The list with `path` first, any earlier entry for it removed, at most MAX_RECENT long. */
export function addRecent(list: readonly string[], path: string, platform: string): string[] {
  return [path, ...list.filter((p) => !samePath(p, path, platform))].slice(0, MAX_RECENT)
}

/** The list without `path`. */
export function removeRecent(list: readonly string[], path: string, platform: string): string[] {
  return list.filter((p) => !samePath(p, path, platform))
}

/** The recent list read from its file: anything that is not a full path to a .bpmodel or .csv is dropped. */
export function parseRecent(text: string, platform: string): string[] {
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch {
    return []
  }
  const paths = (data as { files?: unknown })?.files
  if (!Array.isArray(paths)) return []
  let list: string[] = []
  for (const p of [...paths].reverse())
    if (typeof p === 'string' && isAbsolute(p) && openKindOf(p) !== null) list = addRecent(list, p, platform)
  return list
}

/** The file's text for a list. */
export function serializeRecent(list: readonly string[]): string {
  return JSON.stringify({ files: list }, null, 2) + '\n'
}

export interface RecentDeps {
  platform: string
  readFile(path: string): Promise<string>
  writeAtomic(path: string, text: string): Promise<void>
  exists(path: string): Promise<boolean>
}

/** The recent list kept in `file`: loaded once, saved after every change. */
export function createRecentFiles(file: string, deps: RecentDeps) {
  let list: string[] = []
  // Saves run one after another, so the file always ends with the last list.
  let saving: Promise<void> = Promise.resolve()
  const save = () => {
    const text = serializeRecent(list)
    saving = saving.then(() => deps.writeAtomic(file, text)).catch(() => {})
    return saving
  }
  return {
    list: (): readonly string[] => list,
    /** Reads the stored list and prunes files that are gone (a missing or broken store is an empty list). */
    async load(): Promise<readonly string[]> {
      const text = await deps.readFile(file).catch(() => '')
      const stored = parseRecent(text, deps.platform)
      const present = await Promise.all(stored.map((p) => deps.exists(p)))
      list = stored.filter((_, i) => present[i])
      if (list.length !== stored.length) await save()
      return list
    },
    add(path: string): Promise<void> {
      list = addRecent(list, path, deps.platform)
      return save()
    },
    remove(path: string): Promise<void> {
      list = removeRecent(list, path, deps.platform)
      return save()
    },
    clear(): Promise<void> {
      list = []
      return save()
    },
    /** Waits for the last save to reach the disk. */
    flushed: () => saving,
  }
}

export type RecentFiles = ReturnType<typeof createRecentFiles>

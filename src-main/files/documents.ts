/**
 * Opening and saving the learner's files on the desktop: model files (.bpmodel) and datasets
 * (.csv). Paths come only from a dialog, a drop, the recent list or the OS; each is checked (a
 * full path, a .bpmodel or .csv file, at most MAX_OPEN_BYTES) before it is read, and models are
 * written atomically. Dialogs and the file system are passed in, so this runs without Electron.
 */
import { basename, dirname, isAbsolute, join } from 'node:path'
import { MAX_OPEN_BYTES } from '../../shared/src/ipc.ts'
import type { OpenKind, OpenedFile, SaveModelRequest, SavedFile } from '../../shared/src/ipc.ts'
import { checkOpenable, FileRefusedError, openKindOf } from '../../shared/src/files.ts'
import type { SaveDialog } from './export.ts'
import type { FileOrigin, FileRegistry } from './file-registry.ts'

/** What an open dialog needs and answers (a subset of Electron's showOpenDialog). */
export interface OpenDialog {
  (options: {
    title: string
    filters: { name: string; extensions: string[] }[]
    properties: ['openFile']
  }): Promise<{ canceled: boolean; filePaths: string[] }>
}

/** The file system as this module uses it (node:fs/promises and the atomic writer in the app). */
export interface DocumentFs {
  stat(path: string): Promise<{ size: number; isFile(): boolean }>
  readFile(path: string): Promise<string>
  writeAtomic(path: string, text: string): Promise<void>
}

export interface DocumentDeps {
  showOpenDialog: OpenDialog
  showSaveDialog: SaveDialog
  fs: DocumentFs
  registry: FileRegistry
  /** A file was opened or saved: it goes to the top of the recent list. */
  onRecent(path: string): void
}

export const OPEN_FILTERS: Record<OpenKind, { name: string; extensions: string[] }> = {
  bpmodel: { name: 'Backprop Studio model', extensions: ['bpmodel'] },
  csv: { name: 'CSV dataset', extensions: ['csv'] },
}

/** Why a file could not be read, in the learner's words. */
function reason(e: unknown): string {
  const code = (e as { code?: string }).code
  if (code === 'ENOENT') return 'it no longer exists'
  if (code === 'EACCES' || code === 'EPERM') return 'you do not have permission to read it'
  if (code === 'EISDIR') return 'it is a folder'
  return e instanceof Error ? e.message : String(e)
}

/** The desktop's open and save, bound to its dialogs, file system and registry. */
export function createDocumentFiles(deps: DocumentDeps) {
  /** Checks and reads a file the learner chose; registers it so the page can save back to it. */
  async function read(path: string, origin: FileOrigin): Promise<OpenedFile> {
    const name = basename(path)
    if (!isAbsolute(path))
      throw new FileRefusedError(`"${name}" could not be opened: its folder is not known.`)
    checkOpenable(name, 0)
    let size: number
    try {
      const stat = await deps.fs.stat(path)
      if (!stat.isFile()) throw Object.assign(new Error('not a file'), { code: 'EISDIR' })
      size = stat.size
    } catch (e) {
      throw new FileRefusedError(`"${name}" could not be opened: ${reason(e)}.`)
    }
    const kind = checkOpenable(name, size)
    let text: string
    try {
      text = await deps.fs.readFile(path)
    } catch (e) {
      throw new FileRefusedError(`"${name}" could not be opened: ${reason(e)}.`)
    }
    // It may have grown between the check and the read.
    checkOpenable(name, Math.min(text.length, MAX_OPEN_BYTES + 1))
    const id = deps.registry.add(path, origin)
    deps.onRecent(path)
    return { id, name, kind, text }
  }

  return {
    /** Asks with an open dialog for a file of `kind`; null when cancelled. */
    async open(kind: OpenKind): Promise<OpenedFile | null> {
      const filter = OPEN_FILTERS[kind]
      const answer = await deps.showOpenDialog({
        title: kind === 'bpmodel' ? 'Open model' : 'Import CSV dataset',
        filters: [filter],
        properties: ['openFile'],
      })
      const path = answer.filePaths[0]
      if (answer.canceled || !path) return null
      return read(path, 'dialog')
    },
    /** A file dropped on the window (the path the preload read from the dropped File). */
    openDropped: (path: string) => read(path, 'drop'),
    /** A file the OS handed the app: double-click, command line, a second launch. */
    openFromOs: (path: string) => read(path, 'os'),
    /** A file picked from File → Open Recent. */
    openRecent: (path: string) => read(path, 'recent'),

    /**
     * Save writes back to the request's file when it is a model main knows; Save As, a new model,
     * or a handle to a dataset ask where with a save dialog. Null when the learner cancels.
     */
    async saveModel(request: SaveModelRequest): Promise<SavedFile | null> {
      const known = request.fileId === null ? undefined : deps.registry.get(request.fileId)
      let path: string
      let origin: FileOrigin
      if (!request.as && known && openKindOf(known.path) === 'bpmodel') {
        path = known.path
        origin = known.origin
      } else {
        const answer = await deps.showSaveDialog({
          title: 'Save model',
          defaultPath: known ? join(dirname(known.path), request.suggestedName) : request.suggestedName,
          filters: [OPEN_FILTERS.bpmodel],
        })
        if (answer.canceled || !answer.filePath) return null
        // Some systems' dialogs return a name without the extension the filter asked for.
        path = openKindOf(answer.filePath) === 'bpmodel' ? answer.filePath : answer.filePath + '.bpmodel'
        origin = 'dialog'
      }
      await deps.fs.writeAtomic(path, request.text)
      const id = deps.registry.add(path, origin)
      deps.onRecent(path)
      return { id, name: basename(path) }
    },
  }
}

export type DocumentFiles = ReturnType<typeof createDocumentFiles>

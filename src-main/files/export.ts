/**
 * Exports on the desktop: main asks where with a save dialog, then writes what the page sent.
 * The page never names a path: it suggests a file name, the learner picks the folder. Electron's
 * dialog and the file writer are passed in, so this runs (and is tested) without Electron.
 */
import { basename } from 'node:path'
import type { ExportKind, ExportRequest } from '../../shared/src/ipc.ts'

/** What a save dialog needs and answers (a subset of Electron's showSaveDialog). */
export interface SaveDialog {
  (options: {
    title: string
    defaultPath: string
    filters: { name: string; extensions: string[] }[]
  }): Promise<{ canceled: boolean; filePath?: string }>
}

export interface ExportDeps {
  showSaveDialog: SaveDialog
  /** Writes the whole file (the caller's writer decides how safely). */
  writeFile(path: string, data: string | Uint8Array): Promise<void>
}

export const EXPORT_FILTERS: Record<ExportKind, { name: string; extensions: string[] }> = {
  csv: { name: 'CSV dataset', extensions: ['csv'] },
  png: { name: 'PNG image', extensions: ['png'] },
  svg: { name: 'SVG image', extensions: ['svg'] },
  py: { name: 'Python file', extensions: ['py'] },
  ts: { name: 'TypeScript file', extensions: ['ts'] },
}

/** Asks where to save a checked export and writes it; the file name saved, or null when cancelled. */
export async function exportFile(request: ExportRequest, deps: ExportDeps): Promise<string | null> {
  const filter = EXPORT_FILTERS[request.kind]
  const answer = await deps.showSaveDialog({
    title: `Export ${filter.name}`,
    defaultPath: request.suggestedName,
    filters: [filter],
  })
  if (answer.canceled || !answer.filePath) return null
  // Some systems' dialogs return a name without the extension the filter asked for.
  const ext = `.${request.kind}`
  const path = answer.filePath.toLowerCase().endsWith(ext) ? answer.filePath : answer.filePath + ext
  await deps.writeFile(path, request.data)
  return basename(path)
}

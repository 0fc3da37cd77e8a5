/**
 * The browser's side of the app's own requests (files): what main does with dialogs on the
 * desktop. Where the File System Access API exists (Chromium), Open and Save use its pickers and
 * Save writes back through the file's handle; elsewhere Open is the page's own file input and
 * Save a download. The page holds opaque ids, as on the desktop.
 */
import type {
  DroppedFile,
  ExportRequest,
  OpenKind,
  OpenedFile,
  SaveModelRequest,
  SavedFile,
} from '../../shared/src/ipc.ts'
import { validateExportRequest, validateSaveModelRequest } from '../../shared/src/ipc-validate.ts'
import { checkOpenable } from '../../shared/src/files.ts'

const MIME: Record<ExportRequest['kind'], string> = {
  csv: 'text/csv',
  png: 'image/png',
  svg: 'image/svg+xml',
  py: 'text/x-python',
  ts: 'text/plain',
}

/** The MIME type of .bpmodel files (also in the desktop file association). */
export const MODEL_MIME = 'application/x-backprop-model'

/** Downloads a blob under `name` (the browser decides the folder). */
function downloadBlob(name: string, blob: Blob, doc: Document): void {
  const url = URL.createObjectURL(blob)
  const a = doc.createElement('a')
  a.href = url
  a.download = name
  a.rel = 'noopener'
  doc.body.append(a)
  a.click()
  a.remove()
  // The download has its own reference to the blob by now; release ours soon after.
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}

/** Downloads an export under its suggested name (the browser decides the folder); returns that name. */
export function downloadFile(request: ExportRequest, doc: Document = document): string {
  const { kind, suggestedName, data } = validateExportRequest(request)
  downloadBlob(suggestedName, new Blob([data as BlobPart], { type: MIME[kind] }), doc)
  return suggestedName
}

/** The parts of a FileSystemFileHandle the bridge uses (a fake one in tests). */
export interface FileHandle {
  readonly name: string
  getFile(): Promise<File>
  createWritable(): Promise<{ write(data: string): Promise<void>; close(): Promise<void> }>
  queryPermission?(options: { mode: 'readwrite' }): Promise<PermissionState>
  requestPermission?(options: { mode: 'readwrite' }): Promise<PermissionState>
}

interface PickerType {
  description: string
  accept: Record<string, string[]>
}

/** The File System Access pickers, where the browser has them. */
export interface PickerHost {
  showOpenFilePicker?(options: { types: PickerType[]; multiple: false }): Promise<FileHandle[]>
  showSaveFilePicker?(options: { suggestedName: string; types: PickerType[] }): Promise<FileHandle>
}

const PICKER_TYPES: Record<OpenKind, PickerType> = {
  bpmodel: { description: 'Backprop Studio model', accept: { [MODEL_MIME]: ['.bpmodel'] } },
  csv: { description: 'CSV dataset', accept: { 'text/csv': ['.csv'] } },
}

/** The learner closed a picker without choosing. */
const isAbort = (e: unknown) => (e as { name?: string })?.name === 'AbortError'

/** Writes through a handle, asking for write permission first where the browser wants that. */
async function writeThrough(handle: FileHandle, text: string): Promise<void> {
  if (handle.queryPermission && (await handle.queryPermission({ mode: 'readwrite' })) !== 'granted') {
    const answer = await handle.requestPermission?.({ mode: 'readwrite' })
    if (answer !== 'granted')
      throw new Error(`Backprop Studio may not write to "${handle.name}": allow it, or use Save as.`)
  }
  // Chromium writes to a temporary file and swaps it in on close: the old file stays whole until then.
  const writable = await handle.createWritable()
  await writable.write(text)
  await writable.close()
}

/** Open and save for a page, with the pickers of `host` where it has them, else the file input and downloads. */
export function createWebFiles(host: PickerHost = globalThis as PickerHost, doc?: Document) {
  const files = new Map<number, { name: string; kind: OpenKind; handle: FileHandle | null }>()
  let nextId = 1
  const mint = (name: string, kind: OpenKind, handle: FileHandle | null) => {
    const id = nextId++
    files.set(id, { name, kind, handle })
    return id
  }

  async function read(file: DroppedFile, handle: FileHandle | null): Promise<OpenedFile> {
    const kind = checkOpenable(file.name, file.size)
    const text = await file.text()
    return { id: mint(file.name, kind, handle), name: file.name, kind, text }
  }

  return {
    nativeFilePicker: (): boolean => typeof host.showOpenFilePicker === 'function',

    /** The open picker; null when cancelled. Without one the page uses its own file input instead. */
    async openFile(kind: OpenKind): Promise<OpenedFile | null> {
      if (typeof host.showOpenFilePicker !== 'function')
        throw new Error('This browser has no file picker: use "Open model file" instead.')
      let handles: FileHandle[]
      try {
        handles = await host.showOpenFilePicker({ types: [PICKER_TYPES[kind]], multiple: false })
      } catch (e) {
        if (isAbort(e)) return null
        throw e
      }
      const handle = handles[0]
      return handle ? read(await handle.getFile(), handle) : null
    },

    /** A dropped file, or one from the page's <input type=file>: no handle, so Save asks where. */
    openDroppedFile: (file: DroppedFile): Promise<OpenedFile> => read(file, null),

    /** Save through the file's handle; else the save picker; else a download. Null when cancelled. */
    async saveModel(request: SaveModelRequest): Promise<SavedFile | null> {
      const r = validateSaveModelRequest(request)
      const known = r.fileId === null ? undefined : files.get(r.fileId)
      if (!r.as && r.fileId !== null && known?.handle && known.kind === 'bpmodel') {
        await writeThrough(known.handle, r.text)
        return { id: r.fileId, name: known.name }
      }
      if (typeof host.showSaveFilePicker === 'function') {
        let handle: FileHandle
        try {
          handle = await host.showSaveFilePicker({
            suggestedName: r.suggestedName,
            types: [PICKER_TYPES.bpmodel],
          })
        } catch (e) {
          if (isAbort(e)) return null
          throw e
        }
        await writeThrough(handle, r.text)
        return { id: mint(handle.name, 'bpmodel', handle), name: handle.name }
      }
      downloadBlob(r.suggestedName, new Blob([r.text], { type: MODEL_MIME }), doc ?? document)
      return { id: mint(r.suggestedName, 'bpmodel', null), name: r.suggestedName }
    },
  }
}

export type WebFiles = ReturnType<typeof createWebFiles>

/** The browser's side of the app's own requests (files): what main does with dialogs on the desktop. */
import type { ExportRequest } from '../../shared/src/ipc.ts'
import { validateExportRequest } from '../../shared/src/ipc-validate.ts'

const MIME: Record<ExportRequest['kind'], string> = {
  csv: 'text/csv',
  png: 'image/png',
  svg: 'image/svg+xml',
  py: 'text/x-python',
  ts: 'text/plain',
}

/** Downloads an export under its suggested name (the browser decides the folder); returns that name. */
export function downloadFile(request: ExportRequest, doc: Document = document): string {
  const { kind, suggestedName, data } = validateExportRequest(request)
  const blob = new Blob([data as BlobPart], { type: MIME[kind] })
  const url = URL.createObjectURL(blob)
  const a = doc.createElement('a')
  a.href = url
  a.download = suggestedName
  a.rel = 'noopener'
  doc.body.append(a)
  a.click()
  a.remove()
  // The download has its own reference to the blob by now; release ours soon after.
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
  return suggestedName
}

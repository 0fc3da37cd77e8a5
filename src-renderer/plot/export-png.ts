/** Saves a canvas (the data plot) as a PNG file: a save dialog on the desktop, a download in a browser. */
import type { AppApi } from '../../shared/src/ipc.ts'
import { getApi } from '../bridge/index.ts'

/** Encodes `canvas` as PNG and exports it; the name saved, or null when the learner cancelled. */
export async function exportCanvasPng(
  canvas: Pick<HTMLCanvasElement, 'toBlob'>,
  suggestedName: string,
  api: Pick<AppApi, 'exportFile'> = getApi(),
): Promise<string | null> {
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'))
  if (!blob) throw new Error('The plot could not be turned into a PNG picture.')
  const data = new Uint8Array(await blob.arrayBuffer())
  return api.exportFile({ kind: 'png', suggestedName, data })
}

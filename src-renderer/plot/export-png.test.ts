import { describe, it, expect } from 'vitest'
import type { ExportRequest } from '../../shared/src/ipc.ts'
import { exportCanvasPng } from './export-png.ts'

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]

describe('exportCanvasPng', () => {
  it('hands the canvas’s PNG bytes to exportFile under the suggested name', async () => {
    const requests: ExportRequest[] = []
    const canvas = {
      toBlob: (cb: BlobCallback, type?: string) => cb(new Blob([new Uint8Array(PNG)], { type })),
    }
    const saved = await exportCanvasPng(canvas, 'moons.png', {
      exportFile: async (r) => (requests.push(r), r.suggestedName),
    })
    expect(saved).toBe('moons.png')
    expect(requests).toHaveLength(1)
    expect(requests[0].kind).toBe('png')
    expect(Array.from(requests[0].data as Uint8Array)).toEqual(PNG)
  })

  it('says so when the canvas cannot be encoded, and a cancelled dialog is null', async () => {
    const api = { exportFile: async () => null }
    await expect(exportCanvasPng({ toBlob: (cb: BlobCallback) => cb(null) }, 'x.png', api)).rejects.toThrow(
      /could not be turned into a PNG/,
    )
    const canvas = { toBlob: (cb: BlobCallback) => cb(new Blob([new Uint8Array(PNG)])) }
    expect(await exportCanvasPng(canvas, 'x.png', api)).toBeNull()
  })
})

import { describe, expect, it, vi } from 'vitest'
import { exportFile, type ExportDeps } from './export.ts'

function deps(answer: { canceled: boolean; filePath?: string }) {
  const writes: { path: string; data: string | Uint8Array }[] = []
  const d: ExportDeps = {
    showSaveDialog: vi.fn(async () => answer),
    writeFile: async (path, data) => void writes.push({ path, data }),
  }
  return { d, writes }
}

describe('exportFile (desktop)', () => {
  it('asks with the suggested name and a filter for the kind, then writes the data there', async () => {
    const { d, writes } = deps({ canceled: false, filePath: '/home/ada/moons.csv' })
    const name = await exportFile({ kind: 'csv', suggestedName: 'moons.csv', data: 'x1,x2,label\n' }, d)
    expect(name).toBe('moons.csv')
    expect(d.showSaveDialog).toHaveBeenCalledWith(
      expect.objectContaining({
        defaultPath: 'moons.csv',
        filters: [{ name: 'CSV dataset', extensions: ['csv'] }],
      }),
    )
    expect(writes).toEqual([{ path: '/home/ada/moons.csv', data: 'x1,x2,label\n' }])
  })

  it('writes nothing when the learner cancels', async () => {
    const { d, writes } = deps({ canceled: true })
    expect(
      await exportFile({ kind: 'png', suggestedName: 'plot.png', data: new Uint8Array(3) }, d),
    ).toBeNull()
    expect(writes).toEqual([])
  })

  it('adds the extension a dialog left off', async () => {
    const { d, writes } = deps({ canceled: false, filePath: '/tmp/graph' })
    expect(await exportFile({ kind: 'svg', suggestedName: 'graph.svg', data: '<svg/>' }, d)).toBe('graph.svg')
    expect(writes[0].path).toBe('/tmp/graph.svg')
  })
})

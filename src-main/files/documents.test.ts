/**
 * Opening and saving on the desktop, against a real folder: every path the module touches came
 * from a dialog, a drop, the recent list or the OS, and nothing else reaches the file system.
 */
import { describe, it, expect, beforeEach, afterEach, vi } from 'vitest'
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { readFile, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { MAX_OPEN_BYTES } from '../../shared/src/ipc.ts'
import { writeAtomic } from './atomic-write.ts'
import { createDocumentFiles, type DocumentDeps } from './documents.ts'
import { FileRegistry } from './file-registry.ts'

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'bp-docs-'))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

/** The module with scripted dialogs and a file system that records every path it is handed. */
function setup(answers: { open?: (string | null)[]; save?: (string | null)[] } = {}) {
  const touched: string[] = []
  const recent: string[] = []
  const registry = new FileRegistry()
  const open = [...(answers.open ?? [])]
  const save = [...(answers.save ?? [])]
  const deps: DocumentDeps = {
    showOpenDialog: vi.fn(async () => {
      const p = open.shift() ?? null
      return p ? { canceled: false, filePaths: [p] } : { canceled: true, filePaths: [] }
    }),
    showSaveDialog: vi.fn(async () => {
      const p = save.shift() ?? null
      return p ? { canceled: false, filePath: p } : { canceled: true }
    }),
    fs: {
      stat: (p) => (touched.push(p), stat(p)),
      readFile: (p) => (touched.push(p), readFile(p, 'utf8')),
      writeAtomic: (p, text) => (touched.push(p), writeAtomic(p, text)),
    },
    registry,
    onRecent: (p) => void recent.push(p),
  }
  return { files: createDocumentFiles(deps), deps, touched, recent, registry }
}

const file = (name: string, text = '{"a":1}') => {
  const p = join(dir, name)
  writeFileSync(p, text)
  return p
}

describe('open (dialog)', () => {
  it('reads the file the learner picked and hands back a handle, not a path', async () => {
    const p = file('moons.bpmodel', 'model text')
    const { files, deps, recent, registry } = setup({ open: [p] })
    const opened = await files.open('bpmodel')
    expect(opened).toEqual({ id: 1, name: 'moons.bpmodel', kind: 'bpmodel', text: 'model text' })
    expect(JSON.stringify(opened)).not.toContain(dir)
    expect(deps.showOpenDialog).toHaveBeenCalledWith(
      expect.objectContaining({ filters: [{ name: 'Backprop Studio model', extensions: ['bpmodel'] }] }),
    )
    expect(registry.get(1)).toEqual({ path: p, origin: 'dialog' })
    expect(recent).toEqual([p])
  })

  it('returns null and reads nothing when cancelled', async () => {
    const { files, touched } = setup({ open: [null] })
    expect(await files.open('csv')).toBeNull()
    expect(touched).toEqual([])
  })
})

describe('opening refuses, in the learner’s words, and registers nothing', () => {
  it('other kinds of file, folders, missing files and relative paths', async () => {
    const { files, registry, touched } = setup()
    const notes = file('notes.txt')
    await expect(files.openDropped(notes)).rejects.toThrow('"notes.txt" is neither')
    mkdirSync(join(dir, 'folder.bpmodel'))
    await expect(files.openDropped(join(dir, 'folder.bpmodel'))).rejects.toThrow(
      /could not be opened: it is a folder/,
    )
    await expect(files.openFromOs(join(dir, 'gone.csv'))).rejects.toThrow(
      '"gone.csv" could not be opened: it no longer exists.',
    )
    await expect(files.openRecent('relative/moons.bpmodel')).rejects.toThrow(/its folder is not known/)
    expect(registry.get(1)).toBeUndefined()
    // The .txt and the relative path were refused before any file-system call.
    expect(touched).not.toContain(notes)
    expect(touched).not.toContain('relative/moons.bpmodel')
  })

  it('files over the size limit, before reading them', async () => {
    const big = file('big.csv')
    const { deps, touched } = setup()
    const stats: string[] = []
    deps.fs.stat = async (p) => (stats.push(p), { size: MAX_OPEN_BYTES + 1, isFile: () => true })
    const files = createDocumentFiles(deps)
    await expect(files.openDropped(big)).rejects.toThrow(/Backprop Studio opens files of up to 64 MB/)
    expect(stats).toEqual([big])
    expect(touched).toEqual([])
  })
})

describe('saveModel', () => {
  it('Save as a new model asks where, writes there, and returns a handle to save to next time', async () => {
    const target = join(dir, 'picked.bpmodel')
    const { files, deps, registry, recent } = setup({ save: [target] })
    const saved = await files.saveModel({
      text: 'v1',
      suggestedName: 'moons.bpmodel',
      fileId: null,
      as: false,
    })
    expect(saved).toEqual({ id: 1, name: 'picked.bpmodel' })
    expect(readFileSync(target, 'utf8')).toBe('v1')
    expect(deps.showSaveDialog).toHaveBeenCalledWith(
      expect.objectContaining({ defaultPath: 'moons.bpmodel' }),
    )
    expect(registry.get(1)?.path).toBe(target)
    expect(recent).toEqual([target])
  })

  it('Save writes back to the opened file without asking, atomically', async () => {
    const p = file('moons.bpmodel', 'old')
    const { files, deps } = setup({ open: [p] })
    const opened = await files.open('bpmodel')
    const saved = await files.saveModel({
      text: 'new',
      suggestedName: 'moons.bpmodel',
      fileId: opened!.id,
      as: false,
    })
    expect(saved).toEqual({ id: opened!.id, name: 'moons.bpmodel' })
    expect(deps.showSaveDialog).not.toHaveBeenCalled()
    expect(readFileSync(p, 'utf8')).toBe('new')
    expect(readdirSync(dir)).toEqual(['moons.bpmodel'])
  })

  it('Save As on an opened file asks, starting in its folder', async () => {
    const p = file('moons.bpmodel', 'old')
    const { files, deps } = setup({ open: [p], save: [join(dir, 'copy')] })
    const opened = await files.open('bpmodel')
    const saved = await files.saveModel({
      text: 'copy',
      suggestedName: 'copy.bpmodel',
      fileId: opened!.id,
      as: true,
    })
    // The dialog left the extension off: it is added.
    expect(saved).toEqual({ id: 2, name: 'copy.bpmodel' })
    expect(deps.showSaveDialog).toHaveBeenCalledWith(
      expect.objectContaining({ defaultPath: join(dir, 'copy.bpmodel') }),
    )
    expect(readFileSync(p, 'utf8')).toBe('old')
    expect(readFileSync(join(dir, 'copy.bpmodel'), 'utf8')).toBe('copy')
  })

  it('a handle to a CSV or one main never minted asks where instead of writing anywhere', async () => {
    const csv = file('points.csv', 'x1,x2,label\n')
    const { files, deps, touched } = setup({ open: [csv], save: [null, null] })
    const opened = await files.open('csv')
    touched.length = 0
    expect(
      await files.saveModel({ text: 'm', suggestedName: 'points.bpmodel', fileId: opened!.id, as: false }),
    ).toBeNull()
    expect(await files.saveModel({ text: 'm', suggestedName: 'x.bpmodel', fileId: 99, as: false })).toBeNull()
    expect(deps.showSaveDialog).toHaveBeenCalledTimes(2)
    expect(touched).toEqual([])
    expect(readFileSync(csv, 'utf8')).toBe('x1,x2,label\n')
  })
})

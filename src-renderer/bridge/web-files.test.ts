import { afterEach, describe, expect, it, vi } from 'vitest'
import { createWebFiles, downloadFile, MODEL_MIME, type FileHandle, type PickerHost } from './web-files.ts'

afterEach(() => vi.restoreAllMocks())

describe('downloadFile (the browser’s export)', () => {
  it('clicks a download link named as suggested, holding the data, and leaves no link behind', async () => {
    const blobs: Blob[] = []
    vi.spyOn(URL, 'createObjectURL').mockImplementation((b) => {
      blobs.push(b as Blob)
      return 'blob:test/1'
    })
    const clicked: { download: string; href: string }[] = []
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push({ download: this.download, href: this.getAttribute('href')! })
    })
    expect(downloadFile({ kind: 'csv', suggestedName: 'moons.csv', data: 'x1,x2,label\n1,2,a\n' })).toBe(
      'moons.csv',
    )
    expect(clicked).toEqual([{ download: 'moons.csv', href: 'blob:test/1' }])
    expect(blobs[0].type).toBe('text/csv')
    expect(await blobs[0].text()).toBe('x1,x2,label\n1,2,a\n')
    expect(document.querySelectorAll('a')).toHaveLength(0)
  })

  it('refuses a name with folders before anything is downloaded', () => {
    const create = vi.spyOn(URL, 'createObjectURL')
    expect(() => downloadFile({ kind: 'svg', suggestedName: '../x.svg', data: '<svg/>' })).toThrow(
      /file name/,
    )
    expect(create).not.toHaveBeenCalled()
  })
})

/** A FileSystemFileHandle stand-in over a string, recording what was written. */
function fakeHandle(name: string, text = '', permission: PermissionState = 'granted') {
  const handle = {
    name,
    text,
    writes: [] as string[],
    permissionAsked: 0,
    async getFile() {
      return new File([handle.text], name)
    },
    async createWritable() {
      let pending = ''
      return {
        write: async (data: string) => void (pending += data),
        close: async () => {
          handle.text = pending
          handle.writes.push(pending)
        },
      }
    },
    queryPermission: async () => permission,
    requestPermission: async () => (handle.permissionAsked++, permission),
  }
  return handle satisfies FileHandle
}

const abort = () => Object.assign(new Error('The user aborted a request.'), { name: 'AbortError' })
const save = (
  over: Partial<{ text: string; suggestedName: string; fileId: number | null; as: boolean }> = {},
) => ({
  text: 'model v2',
  suggestedName: 'moons.bpmodel',
  fileId: null,
  as: false,
  ...over,
})

describe('createWebFiles with the File System Access API', () => {
  it('opens through the picker and saves back through the same handle, without asking again', async () => {
    const handle = fakeHandle('moons.bpmodel', 'model v1')
    const host: PickerHost = {
      showOpenFilePicker: vi.fn(async () => [handle]),
      showSaveFilePicker: vi.fn(async () => fakeHandle('other.bpmodel')),
    }
    const files = createWebFiles(host)
    expect(files.nativeFilePicker()).toBe(true)
    const opened = await files.openFile('bpmodel')
    expect(opened).toEqual({ id: 1, name: 'moons.bpmodel', kind: 'bpmodel', text: 'model v1' })
    expect(host.showOpenFilePicker).toHaveBeenCalledWith({
      types: [{ description: 'Backprop Studio model', accept: { [MODEL_MIME]: ['.bpmodel'] } }],
      multiple: false,
    })
    expect(await files.saveModel(save({ fileId: 1 }))).toEqual({ id: 1, name: 'moons.bpmodel' })
    expect(handle.writes).toEqual(['model v2'])
    expect(host.showSaveFilePicker).not.toHaveBeenCalled()
  })

  it('Save as and a new model ask with the save picker; a closed picker is null', async () => {
    const picked = fakeHandle('picked.bpmodel')
    const host: PickerHost = {
      showOpenFilePicker: async () => [fakeHandle('moons.bpmodel', 'v1')],
      showSaveFilePicker: vi.fn(async () => picked),
    }
    const files = createWebFiles(host)
    await files.openFile('bpmodel')
    expect(await files.saveModel(save({ fileId: 1, as: true }))).toEqual({ id: 2, name: 'picked.bpmodel' })
    expect(picked.writes).toEqual(['model v2'])
    expect(host.showSaveFilePicker).toHaveBeenCalledWith(
      expect.objectContaining({ suggestedName: 'moons.bpmodel' }),
    )
    host.showSaveFilePicker = async () => {
      throw abort()
    }
    expect(await files.saveModel(save())).toBeNull()
    host.showOpenFilePicker = async () => {
      throw abort()
    }
    expect(await files.openFile('csv')).toBeNull()
  })

  it('asks for write permission, and says so when it is refused', async () => {
    const handle = fakeHandle('moons.bpmodel', 'v1', 'denied')
    const files = createWebFiles({ showOpenFilePicker: async () => [handle] })
    await files.openFile('bpmodel')
    await expect(files.saveModel(save({ fileId: 1 }))).rejects.toThrow(
      'Backprop Studio may not write to "moons.bpmodel": allow it, or use Save as.',
    )
    expect(handle.permissionAsked).toBe(1)
    expect(handle.text).toBe('v1')
  })

  it('never writes a model into an opened CSV', async () => {
    const csv = fakeHandle('points.csv', 'x1,x2,label\n')
    const picked = fakeHandle('points.bpmodel')
    const files = createWebFiles({
      showOpenFilePicker: async () => [csv],
      showSaveFilePicker: async () => picked,
    })
    const opened = await files.openFile('csv')
    expect(opened?.kind).toBe('csv')
    await files.saveModel(save({ fileId: opened!.id }))
    expect(csv.writes).toEqual([])
    expect(picked.writes).toEqual(['model v2'])
  })
})

describe('createWebFiles without pickers (file input and downloads)', () => {
  it('says the page must use its own input, opens dropped files, and saves by downloading', async () => {
    const downloads: { name: string; type: string; text: Promise<string> }[] = []
    vi.spyOn(URL, 'createObjectURL').mockImplementation((b) => {
      const blob = b as Blob
      downloads.push({ name: '', type: blob.type, text: blob.text() })
      return 'blob:test/2'
    })
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      downloads.at(-1)!.name = this.download
    })
    const files = createWebFiles({})
    expect(files.nativeFilePicker()).toBe(false)
    await expect(files.openFile('bpmodel')).rejects.toThrow(/use "Open model file"/)
    const dropped = await files.openDroppedFile(new File(['{"x":1}'], 'Moons.BPMODEL'))
    expect(dropped).toEqual({ id: 1, name: 'Moons.BPMODEL', kind: 'bpmodel', text: '{"x":1}' })
    // Saving to a dropped file's id: no handle to write through, so it downloads.
    expect(await files.saveModel(save({ fileId: dropped.id }))).toEqual({ id: 2, name: 'moons.bpmodel' })
    expect(downloads.map((d) => [d.name, d.type])).toEqual([['moons.bpmodel', MODEL_MIME]])
    expect(await downloads[0].text).toBe('model v2')
  })

  it('refuses other files and huge ones before reading them, in the learner’s words', async () => {
    const files = createWebFiles({})
    const notes = { name: 'notes.txt', size: 3, text: vi.fn(async () => 'abc') }
    await expect(files.openDroppedFile(notes)).rejects.toThrow('"notes.txt" is neither')
    const huge = { name: 'big.csv', size: 100 * 1024 * 1024, text: vi.fn(async () => '') }
    await expect(files.openDroppedFile(huge)).rejects.toThrow(/up to 64 MB/)
    expect(notes.text).not.toHaveBeenCalled()
    expect(huge.text).not.toHaveBeenCalled()
  })

  it('refuses a save with a path for a name before anything is written', async () => {
    const files = createWebFiles({})
    const create = vi.spyOn(URL, 'createObjectURL')
    await expect(files.saveModel(save({ suggestedName: '../evil.bpmodel' }))).rejects.toThrow(/file name/)
    expect(create).not.toHaveBeenCalled()
  })
})

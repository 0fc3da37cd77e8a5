import { describe, it, expect } from 'vitest'
import {
  addRecent,
  createRecentFiles,
  MAX_RECENT,
  parseRecent,
  removeRecent,
  serializeRecent,
} from './recent.ts'

describe('the recent list (pure)', () => {
  it('puts the newest first, without duplicates, at most ten', () => {
    let list: string[] = []
    for (let i = 0; i < 12; i++) list = addRecent(list, `/m/${i}.bpmodel`, 'linux')
    expect(list).toHaveLength(MAX_RECENT)
    expect(list[0]).toBe('/m/11.bpmodel')
    expect(list.at(-1)).toBe('/m/2.bpmodel')
    list = addRecent(list, '/m/5.bpmodel', 'linux')
    expect(list[0]).toBe('/m/5.bpmodel')
    expect(list.filter((p) => p === '/m/5.bpmodel')).toHaveLength(1)
    expect(list).toHaveLength(MAX_RECENT)
  })

  it('treats paths differing only in case as one file on Windows and macOS, two on Linux', () => {
    expect(addRecent(['C:\\M\\A.bpmodel'], 'c:\\m\\a.bpmodel', 'win32')).toEqual(['c:\\m\\a.bpmodel'])
    expect(addRecent(['/M/A.bpmodel'], '/m/a.bpmodel', 'darwin')).toEqual(['/m/a.bpmodel'])
    expect(addRecent(['/M/A.bpmodel'], '/m/a.bpmodel', 'linux')).toHaveLength(2)
    expect(removeRecent(['/a.csv', '/b.csv'], '/a.csv', 'linux')).toEqual(['/b.csv'])
  })

  it('reads back what it wrote, and drops anything that is not a full path to a model or dataset', () => {
    const list = ['/m/a.bpmodel', '/m/b.csv']
    expect(parseRecent(serializeRecent(list), 'linux')).toEqual(list)
    expect(
      parseRecent(
        '{"files": ["relative.bpmodel", "/etc/passwd", 3, "/m/a.bpmodel", "/m/a.bpmodel"]}',
        'linux',
      ),
    ).toEqual(['/m/a.bpmodel'])
    for (const broken of ['', 'not json', 'null', '{"files": "x"}', '[1,2]'])
      expect(parseRecent(broken, 'linux')).toEqual([])
  })
})

describe('createRecentFiles (stored in the user data folder)', () => {
  function store(initial: string | null, present: (p: string) => boolean) {
    const disk = { text: initial }
    const recent = createRecentFiles('/user/recent-files.json', {
      platform: 'linux',
      readFile: async () => {
        if (disk.text === null) throw Object.assign(new Error('missing'), { code: 'ENOENT' })
        return disk.text
      },
      writeAtomic: async (_p, text) => void (disk.text = text),
      exists: async (p) => present(p),
    })
    return { recent, disk }
  }

  it('prunes files that no longer exist when it loads, and saves the pruned list', async () => {
    const { recent, disk } = store(
      serializeRecent(['/m/a.bpmodel', '/m/gone.bpmodel', '/m/b.csv']),
      (p) => !p.includes('gone'),
    )
    expect(await recent.load()).toEqual(['/m/a.bpmodel', '/m/b.csv'])
    expect(parseRecent(disk.text!, 'linux')).toEqual(['/m/a.bpmodel', '/m/b.csv'])
  })

  it('starts empty without a store, and saves every change', async () => {
    const { recent, disk } = store(null, () => true)
    expect(await recent.load()).toEqual([])
    await recent.add('/m/a.bpmodel')
    await recent.add('/m/b.bpmodel')
    expect(parseRecent(disk.text!, 'linux')).toEqual(['/m/b.bpmodel', '/m/a.bpmodel'])
    await recent.remove('/m/b.bpmodel')
    expect(recent.list()).toEqual(['/m/a.bpmodel'])
    await recent.clear()
    expect(parseRecent(disk.text!, 'linux')).toEqual([])
  })
})

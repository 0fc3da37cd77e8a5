import { afterEach, describe, expect, it, vi } from 'vitest'
import { downloadFile } from './web-files.ts'

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

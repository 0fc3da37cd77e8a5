import { describe, it, expect } from 'vitest'
import { MAX_OPEN_BYTES } from './ipc.ts'
import { checkOpenable, FileRefusedError, openKindOf } from './files.ts'

describe('openKindOf', () => {
  it('reads the kind from the extension, in any case', () => {
    expect(openKindOf('moons.bpmodel')).toBe('bpmodel')
    expect(openKindOf('DATA.CSV')).toBe('csv')
    expect(openKindOf('archive.csv.zip')).toBeNull()
    expect(openKindOf('bpmodel')).toBeNull()
    expect(openKindOf('notes.txt')).toBeNull()
  })
})

describe('checkOpenable', () => {
  it('passes model files and datasets up to the size limit', () => {
    expect(checkOpenable('moons.bpmodel', MAX_OPEN_BYTES)).toBe('bpmodel')
    expect(checkOpenable('points.csv', 0)).toBe('csv')
  })

  it('refuses other kinds and huge files, naming the file in the learner’s words', () => {
    expect(() => checkOpenable('notes.txt', 10)).toThrow(FileRefusedError)
    expect(() => checkOpenable('notes.txt', 10)).toThrow(
      'Backprop Studio opens .bpmodel model files and .csv datasets; "notes.txt" is neither.',
    )
    expect(() => checkOpenable('big.bpmodel', 80 * 1024 * 1024)).toThrow(
      '"big.bpmodel" is 80 MB; Backprop Studio opens files of up to 64 MB.',
    )
    expect(() => checkOpenable('x.csv', NaN)).toThrow(FileRefusedError)
  })
})

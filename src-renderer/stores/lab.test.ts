import { describe, it, expect, beforeEach } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { LAB_EXAMPLES } from '../../shared/src/lab/index.ts'
import { useLabStore } from './lab.ts'

beforeEach(() => setActivePinia(createPinia()))

describe('lab store', () => {
  it("starts on the lesson's example, already parsed", () => {
    const lab = useLabStore()
    expect(lab.source).toBe(LAB_EXAMPLES[0].source)
    expect(lab.program!.statements).toHaveLength(7)
    expect(lab.error).toBeNull()
  })

  it('a mistake keeps the previous program and says where it is', () => {
    const lab = useLabStore()
    const before = lab.program
    lab.source = 'a = 2\nb = a +* 3'
    expect(lab.run()).toBe(false)
    expect(lab.program).toBe(before)
    expect([lab.error!.line, lab.error!.column]).toEqual([2, 8])
    lab.source = 'a = 2\nb = a * 3'
    expect(lab.run()).toBe(true)
    expect(lab.error).toBeNull()
    expect(lab.program).not.toBe(before)
  })

  it('loads an example by name, and ignores a name it does not know', () => {
    const lab = useLabStore()
    lab.load(LAB_EXAMPLES[2].name)
    expect(lab.source).toBe(LAB_EXAMPLES[2].source)
    lab.load('no such example')
    expect(lab.source).toBe(LAB_EXAMPLES[2].source)
  })
})

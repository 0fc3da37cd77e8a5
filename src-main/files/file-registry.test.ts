import { describe, it, expect } from 'vitest'
import { FileRegistry } from './file-registry.ts'

describe('FileRegistry', () => {
  it('mints ids from 1, keeps one id per path, and knows nothing it did not mint', () => {
    const r = new FileRegistry()
    expect(r.add('/m/a.bpmodel', 'dialog')).toBe(1)
    expect(r.add('/m/b.csv', 'drop')).toBe(2)
    expect(r.add('/m/a.bpmodel', 'recent')).toBe(1)
    expect(r.get(1)).toEqual({ path: '/m/a.bpmodel', origin: 'dialog' })
    expect(r.get(3)).toBeUndefined()
    expect(r.get(0)).toBeUndefined()
  })
})

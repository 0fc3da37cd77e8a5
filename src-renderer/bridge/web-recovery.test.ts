// @vitest-environment node
// (IndexedDB comes from fake-indexeddb: happy-dom has none)
import { describe, it, expect } from 'vitest'
import { IDBFactory } from 'fake-indexeddb'
import { createIdbRecovery } from './web-recovery.ts'

const copy = { name: 'moons.bpmodel', savedAt: 1_700_000_000_000, text: '{"format":"backprop-studio/model"}' }

describe('the browser recovery store (IndexedDB)', () => {
  it('gives back the last copy written, also to the next page load, until cleared', async () => {
    const factory = new IDBFactory()
    const first = createIdbRecovery(factory)
    expect(await first.read()).toBeNull()
    await first.write({ ...copy, text: 'older' })
    await first.write(copy)
    // A new page (a reload, or the tab opened again) sees the same database.
    const next = createIdbRecovery(factory)
    expect(await next.read()).toEqual(copy)
    await next.clear()
    expect(await first.read()).toBeNull()
  })

  it('refuses to store a bad copy, and reads a damaged record as none', async () => {
    const factory = new IDBFactory()
    const store = createIdbRecovery(factory)
    await expect(store.write({ ...copy, savedAt: NaN })).rejects.toThrow(/savedAt/)
    // Someone else's record under our key (an older version of the app, say).
    await new Promise<void>((resolve, reject) => {
      const request = factory.open('backprop-studio', 1)
      request.onupgradeneeded = () => request.result.createObjectStore('recovery')
      request.onsuccess = () => {
        const tx = request.result.transaction('recovery', 'readwrite')
        tx.objectStore('recovery').put({ what: 'not a copy' }, 'current')
        tx.oncomplete = () => resolve()
        tx.onerror = () => reject(tx.error)
      }
    })
    expect(await store.read()).toBeNull()
  })

  it('says clearly when the browser has no IndexedDB', async () => {
    const store = createIdbRecovery(undefined)
    await expect(store.write(copy)).rejects.toThrow(
      'This browser cannot keep a recovery copy (no IndexedDB).',
    )
    expect(await store.read()).toBeNull()
  })
})

/**
 * The browser's recovery copy: the unsaved model kept in IndexedDB (one record), so the next
 * visit can offer it back after a closed tab or a crash. A damaged record reads as none.
 */
import type { RecoveryCopy } from '../../shared/src/ipc.ts'
import { validateRecoveryCopy } from '../../shared/src/ipc-validate.ts'

const STORE = 'recovery'
const KEY = 'current'

function settle<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result)
    request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'))
  })
}

/** The recovery copy in database `name` of `factory` (the page's indexedDB unless a test passes another). */
export function createIdbRecovery(
  factory: IDBFactory | undefined = globalThis.indexedDB,
  name = 'backprop-studio',
) {
  let db: Promise<IDBDatabase> | null = null
  function open(): Promise<IDBDatabase> {
    if (!factory) return Promise.reject(new Error('This browser cannot keep a recovery copy (no IndexedDB).'))
    db ??= new Promise<IDBDatabase>((resolve, reject) => {
      const request = factory.open(name, 1)
      request.onupgradeneeded = () => request.result.createObjectStore(STORE)
      request.onsuccess = () => resolve(request.result)
      request.onerror = () => reject(request.error ?? new Error('IndexedDB could not be opened'))
      // Another tab holding an older version: it is asked to close its connection (versionchange).
      request.onblocked = () =>
        reject(new Error('Close the other Backprop Studio tabs to keep a recovery copy.'))
    }).catch((e) => {
      db = null
      throw e
    })
    return db
  }
  async function run<T>(mode: IDBTransactionMode, act: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
    const store = (await open()).transaction(STORE, mode).objectStore(STORE)
    return settle(act(store))
  }
  return {
    async write(copy: RecoveryCopy): Promise<void> {
      const clean = validateRecoveryCopy(copy)
      await run('readwrite', (s) => s.put(clean, KEY))
    },
    async read(): Promise<RecoveryCopy | null> {
      try {
        const stored = await run('readonly', (s) => s.get(KEY))
        return stored === undefined ? null : validateRecoveryCopy(stored)
      } catch {
        return null
      }
    },
    async clear(): Promise<void> {
      await run('readwrite', (s) => s.delete(KEY))
    },
  }
}

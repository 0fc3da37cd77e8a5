/**
 * The desktop's recovery copy: the unsaved model kept in the user data folder, written atomically,
 * so the next start can offer it back after a crash. A missing or damaged copy reads as none.
 */
import type { RecoveryCopy } from '../../shared/src/ipc.ts'
import { validateRecoveryCopy } from '../../shared/src/ipc-validate.ts'

export interface RecoveryDeps {
  readFile(path: string): Promise<string>
  writeAtomic(path: string, text: string): Promise<void>
  unlink(path: string): Promise<void>
}

const FORMAT = 'backprop-studio/recovery'

/** The recovery copy kept in `file`. */
export function createRecoveryStore(file: string, deps: RecoveryDeps) {
  return {
    write: (copy: RecoveryCopy): Promise<void> =>
      deps.writeAtomic(file, JSON.stringify({ format: FORMAT, version: 1, ...copy })),
    async read(): Promise<RecoveryCopy | null> {
      try {
        const { format, version, ...copy } = JSON.parse(await deps.readFile(file)) as Record<string, unknown>
        if (format !== FORMAT || version !== 1) return null
        return validateRecoveryCopy(copy)
      } catch {
        return null
      }
    },
    async clear(): Promise<void> {
      await deps.unlink(file).catch((e: { code?: string }) => {
        if (e.code !== 'ENOENT') throw e
      })
    },
  }
}

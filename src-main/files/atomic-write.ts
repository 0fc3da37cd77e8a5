/**
 * The one way main writes a file the learner owns: write-file-atomic writes a temporary file in
 * the same folder, flushes it to disk (fsync) and renames it over the target, so a crash or a kill
 * at any moment leaves either the old file or the new one, never a torn mix.
 */
import writeFileAtomic from 'write-file-atomic'

export interface AtomicWriteHooks {
  /** Called once the temporary file exists, before any data is written to it (tests pause here). */
  tmpfileCreated?(tmpPath: string): void | Promise<void>
}

/** Writes the whole of `data` to `path` or, on any failure, leaves what was there untouched. */
export async function writeAtomic(
  path: string,
  data: string | Uint8Array,
  hooks: AtomicWriteHooks = {},
): Promise<void> {
  await writeFileAtomic(
    path,
    typeof data === 'string' ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength),
    {
      fsync: true,
      tmpfileCreated: hooks.tmpfileCreated,
    },
  )
}

/** The same, synchronously: for the few bytes written while the app is closing (window bounds). */
export function writeAtomicSync(path: string, text: string): void {
  writeFileAtomic.sync(path, text, { fsync: true })
}

/** Files the OS hands the app on its command line (double-click on Linux and Windows, a second launch). */
import { isAbsolute, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { openKindOf } from '../../shared/src/files.ts'

/**
 * The .bpmodel and .csv files named in `argv` (argv[0] is the executable), as full paths resolved
 * against `cwd`. Options (`-x`, `--flag`) and anything else are skipped; file:// URLs (some Linux
 * desktops pass those) become paths.
 */
export function filesFromArgv(argv: readonly string[], cwd: string): string[] {
  const files: string[] = []
  for (const arg of argv.slice(1)) {
    if (arg.startsWith('-')) continue
    let path = arg
    if (arg.startsWith('file://')) {
      try {
        path = fileURLToPath(arg)
      } catch {
        continue
      }
    }
    if (openKindOf(path) === null) continue
    const full = isAbsolute(path) ? path : resolve(cwd, path)
    if (!files.includes(full)) files.push(full)
  }
  return files
}

/**
 * Builds the training worker entry to plain JavaScript for tests: Node 20 cannot run a .ts file
 * in `new Worker(path)`, and vitest does not transform worker files.
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { build } from 'vite'

/** Bundles src-main/worker/training-worker.ts into a temporary folder; returns the file's path. */
export async function buildTrainingWorker(): Promise<string> {
  const outDir = mkdtempSync(join(tmpdir(), 'backprop-worker-'))
  await build({
    configFile: false,
    logLevel: 'silent',
    root: resolve(import.meta.dirname, '..', '..'),
    build: {
      ssr: resolve(import.meta.dirname, '../worker/training-worker.ts'),
      outDir,
      minify: false,
      sourcemap: false,
      rolldownOptions: { output: { format: 'es', entryFileNames: 'training-worker.mjs' } },
    },
    ssr: { noExternal: true },
  })
  return join(outDir, 'training-worker.mjs')
}

import { describe, it, expect } from 'vitest'
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'

const electronDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'))
const pathFile = join(electronDir, 'path.txt')
const binaryInstalled =
  existsSync(pathFile) && existsSync(join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim()))

describe('npm start without an Electron binary', () => {
  // With a binary present, start.mjs would open the app: the no-binary path cannot be exercised.
  it.skipIf(binaryInstalled)(
    'explains in one paragraph, points to npm run web, exits non-zero, no stack trace',
    () => {
      const cache = mkdtempSync(join(tmpdir(), 'electron-cache-'))
      try {
        const result = spawnSync(process.execPath, [join(import.meta.dirname, 'start.mjs')], {
          encoding: 'utf8',
          timeout: 60_000,
          // An unreachable mirror and an empty cache: the download fails fast, online or not.
          env: { ...process.env, ELECTRON_MIRROR: 'http://127.0.0.1:9/', electron_config_cache: cache },
        })
        expect(result.status).toBe(1)
        const message = result.stderr.trim()
        expect(message).toMatch(/could not start the desktop app/)
        expect(message).toMatch(/npm run web/)
        expect(message).toMatch(/Electron \d+\.\d+\.\d+ binary/)
        expect(message.split(/\n\s*\n/)).toHaveLength(1) // one paragraph
        expect(result.stdout + result.stderr).not.toMatch(/^\s+at /m) // no stack frames
      } finally {
        rmSync(cache, { recursive: true, force: true })
      }
    },
    70_000,
  )
})

// The desktop-bundle smoke test: runs the BUILT out/main in Node with a stand-in for the
// electron module (there is no Electron binary here). Run it after `electron-vite build`.
import { resolve } from 'node:path'
import { defineConfig } from 'vitest/config'

export default defineConfig({
  resolve: {
    alias: [
      {
        find: /^electron$/,
        replacement: resolve(import.meta.dirname, 'src-main/testing/electron-stand-in.ts'),
      },
    ],
  },
  test: {
    name: 'smoke',
    environment: 'node',
    include: ['src-main/**/*.smoke.ts'],
    testTimeout: 30_000,
    reporters: ['default', 'json'],
    outputFile: { json: 'reports/vitest-smoke.json' },
  },
})

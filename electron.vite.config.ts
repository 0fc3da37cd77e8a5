import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import vue from '@vitejs/plugin-vue'

const root = import.meta.dirname

export default defineConfig({
  main: {
    build: {
      // Bundled rather than loaded from node_modules: the installers pack only the built output.
      externalizeDeps: { exclude: ['write-file-atomic', 'base64-js'] },
      // Entries go in rolldownOptions.input: build.lib.entry breaks the ?modulePath worker sub-build.
      rolldownOptions: { input: { index: resolve(root, 'src-main/index.ts') } },
    },
  },
  preload: {
    build: {
      // A sandboxed preload must be CommonJS; with "type": "module" it is written as index.cjs.
      rolldownOptions: {
        input: { index: resolve(root, 'src-main/preload/index.ts') },
        output: { format: 'cjs' },
      },
    },
  },
  renderer: {
    root: resolve(root, 'src-renderer'),
    plugins: [vue()],
    // As in vite.web.config.ts: the same renderer, built for Electron's Chromium.
    worker: { format: 'es' },
    build: {
      rolldownOptions: { input: { index: resolve(root, 'src-renderer/index.html') } },
      chunkSizeWarningLimit: 2500,
    },
  },
})

// The renderer built for a plain browser: the same src-renderer/ as the desktop app, with the
// web bridge (a Web Worker trainer) in place of the Electron preload.
import { resolve } from 'node:path'
import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'

export default defineConfig({
  root: resolve(import.meta.dirname, 'src-renderer'),
  base: './',
  plugins: [vue()],
  worker: { format: 'es' },
  build: {
    outDir: resolve(import.meta.dirname, 'dist-web'),
    emptyOutDir: true,
    target: 'es2023',
    // graphviz's inlined wasm is big on purpose (no fetch at run time); don't warn about it.
    chunkSizeWarningLimit: 2500,
    // Rolldown's slow-plugin report is noise on a busy machine, not a problem with the build.
    rolldownOptions: { checks: { pluginTimings: false } },
  },
  preview: { host: '127.0.0.1', port: 4173, strictPort: false },
  server: { host: '127.0.0.1' },
})

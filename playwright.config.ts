// Browser e2e: the built web version (dist-web/, served by vite preview, never file://) in
// Debian's headless Chromium; the Electron spec runs only where an Electron binary exists.
import { defineConfig } from '@playwright/test'

const PORT = Number(process.env.E2E_PORT ?? 4317)
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
]

const TRACE_MODES = [
  'off',
  'on',
  'retain-on-failure',
  'on-first-retry',
  'on-all-retries',
  'retain-on-first-failure',
] as const

/** E2E_TRACE as a Playwright trace mode: off when unset; a misspelt one stops the run, saying which exist. */
function traceMode(value: string | undefined): (typeof TRACE_MODES)[number] {
  if (value === undefined || value === '') return 'off'
  const mode = TRACE_MODES.find((m) => m === value)
  if (!mode)
    throw new Error(`E2E_TRACE=${value} is not a Playwright trace mode: use one of ${TRACE_MODES.join(', ')}`)
  return mode
}

export default defineConfig({
  testDir: './e2e',
  outputDir: './test-results',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  // One at a time: training is CPU-bound and the machine is small; parallel runs would only race.
  workers: 1,
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: [['list'], ['json', { outputFile: 'reports/playwright.json' }]],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    // No trace by default: its recorder snapshots the page at every action, work of its own on the
    // page's main thread that showed up as most of the long tasks the specs report (brushing: 7 over
    // 50 ms with it, 0 without). `E2E_TRACE=retain-on-failure npx playwright test` (or on, and the
    // other modes Playwright knows) records one.
    trace: traceMode(process.env.E2E_TRACE),
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'web',
      testMatch: /web\.spec\.ts/,
      use: {
        browserName: 'chromium',
        viewport: { width: 1400, height: 900 },
        launchOptions: {
          executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
          args: CHROMIUM_ARGS,
        },
      },
    },
    { name: 'electron', testMatch: /electron\.spec\.ts/ },
  ],
  webServer: {
    // Build first so the suite always tests the current source, then serve it as `npm run web` does.
    command: `npx vite build --config vite.web.config.ts --logLevel warn && npx vite preview --config vite.web.config.ts --port ${PORT} --strictPort`,
    url: `http://127.0.0.1:${PORT}`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
})

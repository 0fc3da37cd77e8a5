// node scripts/e2e-annotations.mjs [report.json]: the measurements the e2e specs report (their
// annotations: times, long tasks, update rates) and any failure, from Playwright's JSON report
// (reports/playwright.json, written by `npm run test:e2e`), one line each.
import { readFileSync } from 'node:fs'

const path = process.argv[2] ?? 'reports/playwright.json'
const report = JSON.parse(readFileSync(path, 'utf8'))

function walk(suite) {
  for (const child of suite.suites ?? []) walk(child)
  for (const spec of suite.specs ?? [])
    for (const test of spec.tests)
      for (const result of test.results) {
        if (result.status === 'failed' || result.status === 'timedOut')
          console.log(`FAILED ${spec.title}: ${(result.error?.message ?? '').split('\n')[0]}`)
        for (const a of test.annotations ?? [])
          if (a.type !== 'skip' && a.type !== 'serial')
            console.log(`${spec.title} | ${a.type}: ${a.description}`)
      }
}
walk(report)

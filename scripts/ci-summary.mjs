// Sums the test runners' JSON reports into the one line CI reads: "N passed, N failed, N skipped".
// A runner whose report is missing (it never ran, or crashed) makes the summary fail.
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'

const dir = join(import.meta.dirname, '..', 'reports')
let passed = 0
let failed = 0
let skipped = 0
let files = []
try {
  files = readdirSync(dir).filter((f) => f.endsWith('.json'))
} catch {
  // no reports folder: nothing ran
}
for (const f of files) {
  const r = JSON.parse(readFileSync(join(dir, f), 'utf8'))
  if (r.stats && 'expected' in r.stats) {
    // Playwright: expected = passed, unexpected = failed, flaky passed on retry
    passed += r.stats.expected + (r.stats.flaky ?? 0)
    failed += r.stats.unexpected
    skipped += r.stats.skipped
  } else if ('numPassedTests' in r) {
    // vitest (jest-compatible JSON)
    passed += r.numPassedTests
    failed += r.numFailedTests
    skipped += r.numPendingTests + (r.numTodoTests ?? 0)
  }
}
console.log(`reports: ${files.join(', ') || 'none'}`)
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`)
if (files.length === 0 || failed > 0) process.exit(1)

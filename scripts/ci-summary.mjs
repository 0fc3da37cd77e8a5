// Sums the test runners' JSON reports into the one line CI reads: "N passed, N failed, N skipped".
// A runner whose report is missing (it never ran, or crashed) makes the summary fail.
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'

const dir = join(import.meta.dirname, '..', 'reports')
let passed = 0
let failed = 0
let skipped = 0
let files = []
const reasons = new Set()

/** Every skipped Playwright test's stated reason, as 'file: reason'. */
function* skipReasons(suites) {
  for (const suite of suites) {
    yield* skipReasons(suite.suites ?? [])
    for (const spec of suite.specs ?? [])
      for (const t of spec.tests ?? [])
        for (const a of t.annotations ?? [])
          if (a.type === 'skip' && t.results?.every((res) => res.status === 'skipped'))
            yield `${spec.file}: ${a.description ?? 'no reason given'}`
  }
}
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
    for (const line of skipReasons(r.suites ?? [])) reasons.add(line)
  } else if ('numPassedTests' in r) {
    // vitest (jest-compatible JSON)
    passed += r.numPassedTests
    failed += r.numFailedTests
    skipped += r.numPendingTests + (r.numTodoTests ?? 0)
  }
}
console.log(`reports: ${files.join(', ') || 'none'}`)
for (const r of reasons) console.log(`skipped ${r}`)
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`)
if (files.length === 0 || failed > 0) process.exit(1)

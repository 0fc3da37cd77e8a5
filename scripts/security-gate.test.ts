import { describe, it, expect } from 'vitest'
import { join } from 'node:path'
// @ts-expect-error: a plain .mjs script without type declarations
import { BLOCKING, findingsOf, isTestOnly, parseCsv, scan } from './security-gate.mjs'

type Finding = { issue: string; severity: string; file: string }

const REPORT = `issue, severity, confidence, filename, location, sample, description, url
CSP_GLOBAL_CHECK,"LOW","FIRM","src-renderer/index.html","10:0","default-src 'self'; style-src 'self' 'unsafe-inline'","One or more CSP directives, detected","https://example/wiki"
CONTEXT_ISOLATION_JS_CHECK,"HIGH","FIRM","src-main/index.ts","36:14","const win = new BrowserWindow({
  a: ""quoted""
})","Review the use of the contextIsolation option",https://example/wiki
`

describe('the security gate', () => {
  it('reads the report’s quoted fields, including commas, doubled quotes and newlines', () => {
    const findings = findingsOf(REPORT) as Finding[]
    expect(findings.map((f) => [f.issue, f.severity, f.file])).toEqual([
      ['CSP_GLOBAL_CHECK', 'LOW', 'src-renderer/index.html'],
      ['CONTEXT_ISOLATION_JS_CHECK', 'HIGH', 'src-main/index.ts'],
    ])
    expect(parseCsv('a,"b ""c"", d"\r\n1,2\n')).toEqual([
      ['a', 'b "c", d'],
      ['1', '2'],
    ])
  })

  it('refuses a report without its header (the scan did not run)', () => {
    expect(() => findingsOf('')).toThrow(/did the scan run/)
    expect(() => findingsOf('nothing,here\n1,2\n')).toThrow(/did the scan run/)
  })

  it('blocks HIGH and MEDIUM, and scans no test files', () => {
    expect(BLOCKING).toEqual(['HIGH', 'MEDIUM'])
    expect(isTestOnly('files/documents.test.ts')).toBe(true)
    expect(isTestOnly('testing/electron-stand-in.ts')).toBe(true)
    expect(isTestOnly('smoke/desktop-bundle.smoke.ts')).toBe(true)
    expect(isTestOnly('files/documents.ts')).toBe(false)
  })

  it('flags an insecure window and a main process without navigation limits, scanning offline', () => {
    const { findings } = scan([join(import.meta.dirname, 'fixtures', 'insecure-main')]) as {
      findings: Finding[]
    }
    const severities = new Map(findings.map((f) => [f.issue, f.severity]))
    expect(severities.get('CONTEXT_ISOLATION_JS_CHECK')).toBe('HIGH')
    expect(severities.get('SANDBOX_JS_CHECK')).toBe('MEDIUM')
    expect(severities.get('LIMIT_NAVIGATION_GLOBAL_CHECK')).toBe('HIGH')
  }, 60_000)
})

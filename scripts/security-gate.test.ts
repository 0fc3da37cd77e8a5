import { describe, it, expect } from 'vitest'
import { join } from 'node:path'
// @ts-expect-error: a plain .mjs script without type declarations
import { BLOCKING, isTestOnly, scan } from './security-gate.mjs'

type Finding = { issue: string; severity: string; file: string }

type Scan = { findings: Finding[] }

describe('the security gate', () => {
  it('blocks HIGH and MEDIUM, and scans no test files', () => {
    expect(BLOCKING).toEqual(['HIGH', 'MEDIUM'])
    expect(isTestOnly('files/documents.test.ts')).toBe(true)
    expect(isTestOnly('testing/electron-stand-in.ts')).toBe(true)
    expect(isTestOnly('smoke/desktop-bundle.smoke.ts')).toBe(true)
    expect(isTestOnly('files/documents.ts')).toBe(false)
  })

  it('flags an insecure window and a main process without navigation limits, scanning offline', () => {
    const { findings } = scan([join(import.meta.dirname, 'fixtures', 'insecure-main')]) as Scan
    const severities = new Map(findings.map((f) => [f.issue, f.severity]))
    expect(severities.get('CONTEXT_ISOLATION_JS_CHECK')).toBe('HIGH')
    expect(severities.get('SANDBOX_JS_CHECK')).toBe('MEDIUM')
    expect(severities.get('LIMIT_NAVIGATION_GLOBAL_CHECK')).toBe('HIGH')
    expect(findings.find((f) => f.issue === 'CONTEXT_ISOLATION_JS_CHECK')!.file).toMatch(/insecure-main/)
  }, 60_000)
})

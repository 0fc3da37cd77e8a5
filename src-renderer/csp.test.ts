import { describe, expect, it } from 'vitest'
import html from './index.html?raw'

/** The Content-Security-Policy meta of the page, as directive → sources. */
function policy(): Map<string, string[]> {
  const content = /http-equiv="Content-Security-Policy"\s+content="([^"]*)"/.exec(html)?.[1]
  if (!content) throw new Error('index.html has no Content-Security-Policy meta')
  const directives = content.split(';').map((d) => d.trim().split(/\s+/))
  return new Map(directives.filter((d) => d[0]).map(([name, ...sources]) => [name, sources]))
}

describe('the Content-Security-Policy of index.html', () => {
  it('runs only the app’s own scripts and WebAssembly, never eval or inline script', () => {
    const csp = policy()
    expect(csp.get('default-src')).toEqual(["'self'"])
    expect(csp.get('script-src')).toEqual(["'self'", "'wasm-unsafe-eval'"])
    for (const sources of csp.values()) expect(sources).not.toContain("'unsafe-eval'")
  })

  it('closes what default-src does not cover: <base>, form targets, plugins', () => {
    // base-uri and form-action do not fall back to default-src: unset, they allow anything.
    const csp = policy()
    expect(csp.get('base-uri')).toEqual(["'none'"])
    expect(csp.get('form-action')).toEqual(["'none'"])
    expect(csp.get('object-src')).toEqual(["'none'"])
  })
})

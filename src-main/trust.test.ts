import { describe, it, expect } from 'vitest'
import { isTrustedSender, isTrustedUrl, rendererUrl } from './trust.ts'
import type { RendererSource } from './trust.ts'

const file: RendererSource = { kind: 'file', path: '/opt/Backprop Studio/out/renderer/index.html' }
const dev: RendererSource = { kind: 'dev', url: 'http://localhost:5173/' }

describe('isTrustedUrl', () => {
  it('trusts the built page, with any query or hash', () => {
    const url = rendererUrl(file)
    expect(url).toBe('file:///opt/Backprop%20Studio/out/renderer/index.html')
    expect(isTrustedUrl(url, file)).toBe(true)
    expect(isTrustedUrl(url + '#/graph', file)).toBe(true)
    expect(isTrustedUrl(url + '?x=1', file)).toBe(true)
  })

  it('does not trust other files, other schemes or garbage', () => {
    for (const url of [
      'file:///etc/passwd',
      'file:///opt/Backprop%20Studio/out/renderer/other.html',
      'https://example.com/opt/Backprop%20Studio/out/renderer/index.html',
      'http://localhost:5173/',
      'not a url',
      '',
    ])
      expect(isTrustedUrl(url, file), url).toBe(false)
  })

  it('in development trusts the dev server origin only', () => {
    expect(isTrustedUrl('http://localhost:5173/', dev)).toBe(true)
    expect(isTrustedUrl('http://localhost:5173/src/main.ts', dev)).toBe(true)
    expect(isTrustedUrl('http://localhost:5174/', dev)).toBe(false)
    expect(isTrustedUrl('http://localhost.evil.com:5173/', dev)).toBe(false)
    expect(isTrustedUrl('file:///opt/Backprop%20Studio/out/renderer/index.html', dev)).toBe(false)
  })
})

describe('isTrustedSender', () => {
  const contents = { id: 1 }
  const url = rendererUrl(file)

  it('trusts the top frame of the app window showing the app page', () => {
    expect(isTrustedSender({ sender: contents, senderFrame: { url, parent: null } }, contents, file)).toBe(
      true,
    )
  })

  it('refuses other web contents, sub-frames, destroyed frames and foreign pages', () => {
    const other = { id: 2 }
    expect(isTrustedSender({ sender: other, senderFrame: { url, parent: null } }, contents, file)).toBe(false)
    expect(isTrustedSender({ sender: contents, senderFrame: { url, parent: {} } }, contents, file)).toBe(
      false,
    )
    expect(isTrustedSender({ sender: contents, senderFrame: null }, contents, file)).toBe(false)
    expect(
      isTrustedSender(
        { sender: contents, senderFrame: { url: 'https://evil.example/', parent: null } },
        contents,
        file,
      ),
    ).toBe(false)
  })

  it('refuses everything when there is no app window', () => {
    expect(isTrustedSender({ sender: undefined, senderFrame: { url, parent: null } }, undefined, file)).toBe(
      false,
    )
    expect(isTrustedSender({ sender: null, senderFrame: { url, parent: null } }, null, file)).toBe(false)
  })
})

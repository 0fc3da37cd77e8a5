// @vitest-environment node
// (pure logic: no DOM needed, and happy-dom costs a second or two per file to set up)
import { describe, expect, it, vi } from 'vitest'
import { scriptedApi } from '../testing/fakes.ts'
import { pickApi } from './index.ts'

describe('pickApi', () => {
  it('uses the Electron preload API when the page has one', () => {
    const preload = { ...scriptedApi().api, platform: 'electron' as const }
    const makeWeb = vi.fn(() => scriptedApi().api)
    expect(pickApi(preload, makeWeb)).toBe(preload)
    expect(makeWeb).not.toHaveBeenCalled()
  })

  it('falls back to the web bridge in a plain browser or when the exposed object is not the API', () => {
    const web = scriptedApi().api
    expect(pickApi(undefined, () => web)).toBe(web)
    expect(pickApi({ platform: 'something else' }, () => web)).toBe(web)
    expect(pickApi('backprop', () => web)).toBe(web)
  })
})

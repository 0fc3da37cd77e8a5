import { describe, expect, it } from 'vitest'
import { isPlayPauseKey, ownsKeys } from './keyboard.ts'

const key = (target: EventTarget | null, extra: Partial<KeyboardEvent> = {}) => ({
  key: ' ',
  code: 'Space',
  target,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  repeat: false,
  ...extra,
})

describe('space as play/pause', () => {
  it('fires on the page but not while typing, choosing or pressing a button', () => {
    expect(isPlayPauseKey(key(document.body))).toBe(true)
    for (const tag of ['input', 'textarea', 'select', 'button']) {
      const el = document.createElement(tag)
      expect(ownsKeys(el)).toBe(true)
      expect(isPlayPauseKey(key(el))).toBe(false)
    }
  })

  it('ignores other keys, modifiers and auto-repeat', () => {
    expect(isPlayPauseKey(key(document.body, { key: 'a', code: 'KeyA' }))).toBe(false)
    expect(isPlayPauseKey(key(document.body, { ctrlKey: true }))).toBe(false)
    expect(isPlayPauseKey(key(document.body, { repeat: true }))).toBe(false)
  })
})

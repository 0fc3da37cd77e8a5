import { describe, expect, it } from 'vitest'
import { isPlayPauseKey, isTyping, ownsKeys, studioKey } from './keyboard.ts'

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

describe('studio shortcuts', () => {
  const press = (k: string, extra: Partial<KeyboardEvent> = {}, target: EventTarget | null = document.body) =>
    studioKey({ key: k, target, ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, ...extra })

  it('reads undo, redo, tools, classes, delete and clear', () => {
    expect(press('z', { ctrlKey: true })).toEqual({ kind: 'undo' })
    expect(press('z', { metaKey: true })).toEqual({ kind: 'undo' })
    expect(press('Z', { ctrlKey: true, shiftKey: true })).toEqual({ kind: 'redo' })
    expect(press('y', { ctrlKey: true })).toEqual({ kind: 'redo' })
    expect(press('y', { metaKey: true })).toBeNull()
    expect(press('e')).toEqual({ kind: 'tool', key: 'e' })
    expect(press('3')).toEqual({ kind: 'class', index: 2 })
    expect(press('7')).toBeNull()
    expect(press('Delete')).toEqual({ kind: 'delete' })
    expect(press('C', { shiftKey: true })).toEqual({ kind: 'clear' })
    expect(press('a', { altKey: true })).toBeNull()
  })

  it('leaves keys to text fields and lists, not to buttons and checkboxes', () => {
    const text = document.createElement('input')
    const box = document.createElement('input')
    box.type = 'checkbox'
    const select = document.createElement('select')
    const button = document.createElement('button')
    expect(isTyping(text)).toBe(true)
    expect(isTyping(select)).toBe(true)
    expect(isTyping(box)).toBe(false)
    expect(isTyping(button)).toBe(false)
    expect(press('z', { ctrlKey: true }, text)).toBeNull()
    expect(press('a', {}, text)).toBeNull()
    expect(press('a', {}, button)).toEqual({ kind: 'tool', key: 'a' })
  })
})

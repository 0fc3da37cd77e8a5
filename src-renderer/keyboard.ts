/** Keyboard shortcuts that must not steal keys from someone typing or pressing a button. */

/** Whether a key press on this element belongs to the element (typing, choosing, pressing). */
export function ownsKeys(target: EventTarget | null): boolean {
  if (!target || !(target as Element).tagName) return false
  const el = target as HTMLElement
  if (el.isContentEditable) return true
  // Space on a focused button or checkbox presses it: the shortcut must not press play as well.
  return (
    ['INPUT', 'TEXTAREA', 'SELECT', 'BUTTON'].includes(el.tagName) || el.getAttribute('role') === 'button'
  )
}

/** Space toggles play/pause unless the focused element wants the key for itself. */
export function isPlayPauseKey(
  e: Pick<KeyboardEvent, 'key' | 'code' | 'target' | 'ctrlKey' | 'metaKey' | 'altKey' | 'repeat'>,
): boolean {
  if (e.ctrlKey || e.metaKey || e.altKey || e.repeat) return false
  if (e.key !== ' ' && e.code !== 'Space') return false
  return !ownsKeys(e.target)
}

const TEXT_INPUTS = ['text', 'number', 'search', 'email', 'url', 'tel', 'password', 'date', 'time']

/**
 * Whether a key press belongs to text entry or a list (typing a name, a number, picking an option):
 * letter and undo shortcuts leave those alone. Buttons and checkboxes do not type.
 */
export function isTyping(target: EventTarget | null): boolean {
  if (!target || !(target as Element).tagName) return false
  const el = target as HTMLElement
  if (el.isContentEditable || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT') return true
  return el.tagName === 'INPUT' && TEXT_INPUTS.includes((el as HTMLInputElement).type)
}

/** The studio's editing commands a key press asks for, or null. */
export type StudioKey =
  | { kind: 'undo' }
  | { kind: 'redo' }
  | { kind: 'tool'; key: string }
  | { kind: 'class'; index: number }
  | { kind: 'delete' }
  | { kind: 'clear' }

/** Reads a key press as a studio command: Ctrl/Cmd+Z, Ctrl/Cmd+Shift+Z, Ctrl+Y, tool letters, 1–6, Delete. */
export function studioKey(
  e: Pick<KeyboardEvent, 'key' | 'target' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'>,
): StudioKey | null {
  if (isTyping(e.target) || e.altKey) return null
  const key = e.key.toLowerCase()
  if (e.ctrlKey || e.metaKey) {
    if (key === 'z') return e.shiftKey ? { kind: 'redo' } : { kind: 'undo' }
    if (key === 'y' && e.ctrlKey) return { kind: 'redo' }
    return null
  }
  if (/^[1-6]$/.test(key)) return { kind: 'class', index: Number(key) - 1 }
  if (key === 'delete' || key === 'backspace') return { kind: 'delete' }
  if (key === 'c' && e.shiftKey) return { kind: 'clear' }
  if (!e.shiftKey && /^[a-z]$/.test(key)) return { kind: 'tool', key }
  return null
}

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

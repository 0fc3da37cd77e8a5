/**
 * The unsaved-changes prompt on close and quit (the protocol is described with MenuCommand in
 * shared/src/ipc.ts): a dirty window does not close until the learner chose Save (and the page
 * saved), Don't Save, or Cancel. Electron is passed in, so this is tested as plain logic.
 */

export type CloseAnswer = 'save' | 'discard' | 'cancel'

export interface CloseGuardDeps {
  /** Whether the page's last DocumentState said there are unsaved changes. */
  isDirty(): boolean
  /** The native Save / Don't Save / Cancel box for the document's name. */
  ask(): Promise<CloseAnswer>
  /** Tells the page to save, then confirm (a { type: 'save', then } menu command). */
  requestSave(then: 'close' | 'quit'): void
  /** Closes the window (its 'close' event comes back through onClose and is let through). */
  close(): void
  quit(): void
}

export function createCloseGuard(deps: CloseGuardDeps) {
  let allowed = false
  let quitting = false
  let asking = false
  let waitingForSave: 'close' | 'quit' | null = null

  function proceed(then: 'close' | 'quit'): void {
    allowed = true
    if (then === 'quit') deps.quit()
    else deps.close()
  }

  return {
    /** The app's 'before-quit': the window's close that follows is part of quitting. */
    beforeQuit(): void {
      quitting = true
    },
    /** The window's 'close' event: lets it through, or prevents it and asks. */
    onClose(event: { preventDefault(): void }): void {
      // Whatever happens to this close, a later one is not part of this quit.
      const then = quitting ? 'quit' : 'close'
      quitting = false
      if (allowed || !deps.isDirty()) return
      event.preventDefault()
      waitingForSave = null
      if (asking) return
      asking = true
      void deps
        .ask()
        .catch((): CloseAnswer => 'cancel')
        .then((answer) => {
          asking = false
          if (answer === 'discard') proceed(then)
          else if (answer === 'save') {
            waitingForSave = then
            deps.requestSave(then)
          }
        })
    },
    /** The page saved after a save request: close or quit as the learner asked. False when none was pending. */
    confirmClose(): boolean {
      const then = waitingForSave
      if (!then) return false
      waitingForSave = null
      proceed(then)
      return true
    },
  }
}

export type CloseGuard = ReturnType<typeof createCloseGuard>

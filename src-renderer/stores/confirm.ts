/**
 * Asking before an edit throws training away. An architecture edit (and a data edit that changes the
 * number of classes, hence the output layer) needs new weights; once the model has trained, the
 * studio asks first, and "Keep training the old one" leaves everything as it was.
 */
import { defineStore } from 'pinia'
import { ref, shallowRef } from 'vue'

export interface PendingReset {
  /** What the edit is, e.g. "Add hidden layer". */
  what: string
  apply: () => void
  /** Undoes whatever the edit had already changed (a form field), when the answer is keep. */
  cancel?: () => void
}

export const useConfirmStore = defineStore('confirm', () => {
  /** Whether the model has trained since its last fresh start (kept by the training store). */
  const trained = ref(false)
  const pending = shallowRef<PendingReset | null>(null)

  /** Applies `apply` at once while nothing is trained, else asks first (the dialog shows `pending`). */
  function ask(what: string, apply: () => void, cancel?: () => void): void {
    if (!trained.value) {
      apply()
      return
    }
    // A second question replaces the first, which is answered "keep".
    pending.value?.cancel?.()
    pending.value = { what, apply, cancel }
  }

  /** "Start over with the change": applies the edit (the network is rebuilt, weights start fresh). */
  function accept(): void {
    const p = pending.value
    pending.value = null
    p?.apply()
  }

  /** "Keep training the old one": forgets the edit. */
  function keep(): void {
    const p = pending.value
    pending.value = null
    p?.cancel?.()
  }

  return { trained, pending, ask, accept, keep }
})

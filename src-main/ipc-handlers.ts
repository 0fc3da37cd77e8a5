/**
 * The IPC handlers for every invoke channel: each checks who is asking and what they sent before
 * anything reaches the trainer, and answers a refused request with an Error the renderer can show.
 */
import { INVOKE_CHANNELS } from '../shared/src/ipc.ts'
import type { InvokeChannel, InvokeChannels } from '../shared/src/ipc.ts'
import { validateInvokeArgs } from '../shared/src/ipc-validate.ts'

/** The parts of Electron's ipcMain the handlers use. */
export interface IpcMainLike<E> {
  handle(channel: string, listener: (event: E, ...args: unknown[]) => unknown): void
  removeHandler(channel: string): void
}

export interface HandlerDeps<E> {
  /** True when the request comes from the app's own page in the app's window. */
  isTrustedSender(event: E): boolean
  /** Passes a checked request on (to the worker host). */
  invoke<C extends InvokeChannel>(
    channel: C,
    args: InvokeChannels[C]['args'],
  ): Promise<InvokeChannels[C]['ret']>
}

/** The error an untrusted sender gets. */
export const UNTRUSTED_SENDER_MESSAGE =
  'Refused: this request did not come from the Backprop Studio window, so it was ignored.'

/** Registers a checked handler for every invoke channel; returns a function that removes them all. */
export function registerInvokeHandlers<E>(ipcMain: IpcMainLike<E>, deps: HandlerDeps<E>): () => void {
  for (const channel of INVOKE_CHANNELS) {
    ipcMain.handle(channel, async (event, ...args) => {
      if (!deps.isTrustedSender(event)) throw new Error(UNTRUSTED_SENDER_MESSAGE)
      return deps.invoke(channel, validateInvokeArgs(channel, args))
    })
  }
  return () => {
    for (const channel of INVOKE_CHANNELS) ipcMain.removeHandler(channel)
  }
}

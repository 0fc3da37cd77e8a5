/**
 * Electron wraps a handler's error as "Error invoking remote method 'trainer:step': Error: ...";
 * the learner should read only the part after it.
 */
const WRAPPER = /^Error invoking remote method '[^']*': (?:[A-Za-z]*Error: )?/

/** The same error with Electron's IPC prefix removed from its message. */
export function cleanIpcError(e: unknown): Error {
  const message = e instanceof Error ? e.message : String(e)
  return new Error(message.replace(WRAPPER, ''))
}

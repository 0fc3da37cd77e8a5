/**
 * Which files the app opens and the learner-readable reasons it refuses one: the same words on
 * the desktop (main reads the file) and in the browser (the web bridge reads it).
 */
import { MAX_OPEN_BYTES, OPEN_KINDS } from './ipc.ts'
import type { OpenKind } from './ipc.ts'

/** A refused file: the message says which file and why, in the learner's words. */
export class FileRefusedError extends Error {
  override name = 'FileRefusedError'
}

/** The kind a file name says it is (by its extension, any case), or null for anything else. */
export function openKindOf(name: string): OpenKind | null {
  const dot = name.lastIndexOf('.')
  const ext = dot < 0 ? '' : name.slice(dot + 1).toLowerCase()
  return (OPEN_KINDS as readonly string[]).includes(ext) ? (ext as OpenKind) : null
}

/** The kind of a file the app may open, or a FileRefusedError naming it. */
export function checkOpenable(name: string, bytes: number): OpenKind {
  const kind = openKindOf(name)
  if (!kind)
    throw new FileRefusedError(
      `Backprop Studio opens .bpmodel model files and .csv datasets; "${name}" is neither.`,
    )
  if (!(bytes <= MAX_OPEN_BYTES))
    throw new FileRefusedError(
      `"${name}" is ${megabytes(bytes)} MB; Backprop Studio opens files of up to ${megabytes(MAX_OPEN_BYTES)} MB.`,
    )
  return kind
}

function megabytes(bytes: number): string {
  return (bytes / (1024 * 1024)).toFixed(bytes < 10 * 1024 * 1024 ? 1 : 0)
}

/**
 * Which pages and which IPC senders main trusts: only the app's own page in the app's own
 * window, loaded from the built renderer file or, in development, from the Vite dev server.
 */
import { pathToFileURL } from 'node:url'

/** Where the renderer comes from: the built index.html, or the dev server's address. */
export type RendererSource = { kind: 'file'; path: string } | { kind: 'dev'; url: string }

/** The URL the window loads for a renderer source. */
export function rendererUrl(source: RendererSource): string {
  return source.kind === 'file' ? pathToFileURL(source.path).href : source.url
}

/** True when `url` is the app's own page: the same file (any query or hash), or the dev server's origin. */
export function isTrustedUrl(url: string, source: RendererSource): boolean {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return false
  }
  const expected = new URL(rendererUrl(source))
  if (source.kind === 'file') return parsed.protocol === 'file:' && parsed.pathname === expected.pathname
  return (parsed.protocol === 'http:' || parsed.protocol === 'https:') && parsed.origin === expected.origin
}

/** The parts of an Electron IPC event the checks read. */
export interface SenderInfo {
  sender: unknown
  senderFrame: { url: string; parent: unknown } | null
}

/**
 * True when an IPC request comes from the top frame of the app's window showing the app's page.
 * A frame that has navigated away or been destroyed (senderFrame null) is not trusted.
 */
export function isTrustedSender(event: SenderInfo, appContents: unknown, source: RendererSource): boolean {
  const frame = event.senderFrame
  if (appContents === null || appContents === undefined || event.sender !== appContents) return false
  if (!frame || frame.parent !== null) return false
  return isTrustedUrl(frame.url, source)
}

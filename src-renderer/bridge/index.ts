/** The platform bridge: the Electron preload's API when there is one, else the Web Worker bridge. */
import type { AppApi } from '../../shared/src/ipc.ts'
import { createWebApi } from './web.ts'

declare global {
  interface Window {
    /** Exposed by the Electron preload with contextBridge; absent in a plain browser. */
    backprop?: AppApi
  }
}

let api: AppApi | null = null

/** The one AppApi of this page (created on first use). */
export function getApi(): AppApi {
  api ??= pickApi(typeof window === 'undefined' ? undefined : window.backprop, createWebApi)
  return api
}

/** The preload's API if it looks like one, else a fresh web bridge. */
export function pickApi(exposed: unknown, makeWeb: () => AppApi): AppApi {
  if (exposed && typeof exposed === 'object' && (exposed as AppApi).platform === 'electron')
    return exposed as AppApi
  return makeWeb()
}

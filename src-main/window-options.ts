/**
 * The main window's settings as plain data, so the security settings can be read and tested
 * without Electron: the renderer is treated as untrusted web content.
 */
import type { BrowserWindowConstructorOptions } from 'electron'
import { MIN_SIZE, type Rect } from './window-state.ts'

/** Window backgrounds shown before the page paints, matching the renderer's --bg in light and dark themes (src-renderer/styles.css). */
export const BACKGROUND = { light: '#f4f5f7', dark: '#111317' } as const

/** The background colour for the OS theme. */
export function backgroundFor(dark: boolean): string {
  return dark ? BACKGROUND.dark : BACKGROUND.light
}

/** Options for the one app window: isolated, sandboxed, no Node in the page, hidden until painted. */
export function mainWindowOptions(options: {
  preloadPath: string
  dark: boolean
  /** Where the window was last time, already fitted to today's displays (see window-state.ts). */
  bounds?: Rect | null
}): BrowserWindowConstructorOptions {
  const b = options.bounds
  return {
    ...(b ? { x: b.x, y: b.y, width: b.width, height: b.height } : { width: 1280, height: 820 }),
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    title: 'Backprop Studio',
    // Shown on 'ready-to-show' so the learner never sees a blank white flash.
    show: false,
    backgroundColor: backgroundFor(options.dark),
    webPreferences: {
      preload: options.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
      // A middle click on a link would otherwise try to open it in a new window.
      disableBlinkFeatures: 'Auxclick',
    },
  }
}

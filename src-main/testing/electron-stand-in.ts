/**
 * A small stand-in for the `electron` module, for running main-process code under plain Node:
 * `vi.mock('electron', ...)` in unit tests, and a resolve alias in the built-bundle smoke test.
 * It implements only what src-main uses, records what main did (windows, handlers, sends,
 * permission handlers) in `standIn`, and lets a test act as the renderer through `standIn.invoke`.
 */
import { pathToFileURL } from 'node:url'

type Listener = (...args: never[]) => unknown

class Emitter {
  private listeners = new Map<string, { fn: Listener; once: boolean }[]>()
  on(event: string, fn: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), { fn, once: false }])
    return this
  }
  once(event: string, fn: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), { fn, once: true }])
    return this
  }
  removeListener(event: string, fn: Listener): this {
    this.listeners.set(
      event,
      (this.listeners.get(event) ?? []).filter((l) => l.fn !== fn),
    )
    return this
  }
  removeAllListeners(): this {
    this.listeners.clear()
    return this
  }
  listenerCount(event: string): number {
    return this.listeners.get(event)?.length ?? 0
  }
  emit(event: string, ...args: unknown[]): boolean {
    const list = this.listeners.get(event) ?? []
    this.listeners.set(
      event,
      list.filter((l) => !l.once),
    )
    for (const l of list) (l.fn as (...a: unknown[]) => unknown)(...args)
    return list.length > 0
  }
}

/** An event with preventDefault, as Electron passes to will-navigate and friends. */
export function cancellableEvent(): { defaultPrevented: boolean; preventDefault(): void } {
  return {
    defaultPrevented: false,
    preventDefault() {
      this.defaultPrevented = true
    },
  }
}

let nextContentsId = 1

export class WebContents extends Emitter {
  readonly id = nextContentsId++
  /** Every `send(channel, payload)`, in order. */
  readonly sent: { channel: string; payload: unknown }[] = []
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null
  /** The page the window loaded (file or dev-server URL). */
  url = ''
  destroyed = false
  send(channel: string, payload: unknown): void {
    if (this.destroyed) throw new Error('Object has been destroyed')
    this.sent.push({ channel, payload })
    for (const cb of standIn.sendListeners) cb(channel, payload)
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler
  }
  isDestroyed(): boolean {
    return this.destroyed
  }
  getURL(): string {
    return this.url
  }
}

export class BrowserWindow extends Emitter {
  static getAllWindows(): BrowserWindow[] {
    return standIn.windows.filter((w) => !w.destroyed)
  }
  readonly webContents = new WebContents()
  visible = false
  destroyed = false
  backgroundColor: string | undefined
  constructor(readonly options: Record<string, unknown>) {
    super()
    this.backgroundColor = options.backgroundColor as string | undefined
    standIn.windows.push(this)
    app.emit('web-contents-created', {}, this.webContents)
  }
  loadFile(path: string): Promise<void> {
    this.webContents.url = pathToFileURL(path).href
    setTimeout(() => this.emit('ready-to-show'), 0)
    return Promise.resolve()
  }
  loadURL(url: string): Promise<void> {
    this.webContents.url = url
    setTimeout(() => this.emit('ready-to-show'), 0)
    return Promise.resolve()
  }
  show(): void {
    this.visible = true
  }
  minimized = false
  focused = false
  isMinimized(): boolean {
    return this.minimized
  }
  restore(): void {
    this.minimized = false
  }
  focus(): void {
    this.focused = true
  }
  setBackgroundColor(colour: string): void {
    this.backgroundColor = colour
  }
  isDestroyed(): boolean {
    return this.destroyed
  }
  /** Closes the window as a user would: 'closed', then 'window-all-closed' when it was the last. */
  close(): void {
    if (this.destroyed) return
    this.destroyed = true
    this.webContents.destroyed = true
    this.emit('closed')
    if (BrowserWindow.getAllWindows().length === 0) app.emit('window-all-closed')
  }
}

type Handler = (event: unknown, ...args: unknown[]) => unknown

export const app = Object.assign(new Emitter(), {
  isPackaged: false,
  /** False makes main behave as a second launch of the app. */
  singleInstanceLock: true,
  whenReady: (): Promise<void> => Promise.resolve(),
  requestSingleInstanceLock(): boolean {
    return app.singleInstanceLock
  },
  quit(): void {
    standIn.quitCalls++
    app.emit('before-quit', cancellableEvent())
    app.emit('will-quit', cancellableEvent())
  },
})

export const ipcMain = {
  handle(channel: string, handler: Handler): void {
    // Electron refuses a second handler for a channel; so does the stand-in.
    if (standIn.handlers.has(channel))
      throw new Error(`Attempted to register a second handler for '${channel}'`)
    standIn.handlers.set(channel, handler)
  },
  removeHandler(channel: string): void {
    standIn.handlers.delete(channel)
  },
}

export const nativeTheme = Object.assign(new Emitter(), { shouldUseDarkColors: false })

export const session = {
  defaultSession: {
    setPermissionRequestHandler(handler: unknown): void {
      standIn.permissionRequestHandler = handler as typeof standIn.permissionRequestHandler
    },
    setPermissionCheckHandler(handler: unknown): void {
      standIn.permissionCheckHandler = handler as typeof standIn.permissionCheckHandler
    },
  },
}

export const Menu = {
  buildFromTemplate: (template: unknown[]) => ({ template }),
  setApplicationMenu(menu: unknown): void {
    standIn.menu = menu
  },
}

export const dialog = {
  async showSaveDialog(...args: unknown[]): Promise<{ canceled: boolean; filePath?: string }> {
    const options = args.at(-1)
    standIn.dialogs.push({ kind: 'save', options })
    const answer = standIn.saveDialogAnswers.shift()
    return answer === undefined ? { canceled: true } : { canceled: false, filePath: answer }
  },
}

/** Who sent an IPC request, as the stand-in fakes it. */
export interface FakeSender {
  sender: unknown
  senderFrame: { url: string; parent: unknown } | null
}

/** What main did, and ways for a test to act as the renderer or the user. */
export const standIn = {
  windows: [] as BrowserWindow[],
  handlers: new Map<string, Handler>(),
  sendListeners: new Set<(channel: string, payload: unknown) => void>(),
  permissionRequestHandler: null as
    null | ((contents: unknown, permission: string, callback: (granted: boolean) => void) => void),
  permissionCheckHandler: null as null | ((...args: unknown[]) => boolean),
  menu: null as unknown,
  quitCalls: 0,
  /** Every dialog main opened, in order. */
  dialogs: [] as { kind: 'save'; options: unknown }[],
  /** The paths the next save dialogs answer (then: cancelled). */
  saveDialogAnswers: [] as string[],

  /** The event the app's own page would send from its top frame. */
  eventFrom(win: BrowserWindow): FakeSender {
    return { sender: win.webContents, senderFrame: { url: win.webContents.url, parent: null } }
  },

  /** Calls the handler main registered for `channel`, as ipcRenderer.invoke would reach it. */
  async invoke(channel: string, args: unknown[], event?: FakeSender): Promise<unknown> {
    const handler = standIn.handlers.get(channel)
    if (!handler) throw new Error(`No handler registered for '${channel}'`)
    const win = standIn.windows.find((w) => !w.destroyed)
    const from = event ?? (win ? standIn.eventFrom(win) : { sender: null, senderFrame: null })
    return handler(from, ...args)
  },

  /** Forgets everything, for a fresh import of main. */
  reset(): void {
    standIn.windows.length = 0
    standIn.handlers.clear()
    standIn.sendListeners.clear()
    standIn.permissionRequestHandler = null
    standIn.permissionCheckHandler = null
    standIn.menu = null
    standIn.quitCalls = 0
    standIn.dialogs.length = 0
    standIn.saveDialogAnswers.length = 0
    nativeTheme.shouldUseDarkColors = false
    app.isPackaged = false
    app.singleInstanceLock = true
    app.removeAllListeners()
    nativeTheme.removeAllListeners()
  },
}

export default { app, BrowserWindow, dialog, ipcMain, nativeTheme, session, Menu }

/**
 * A small stand-in for the `electron` module, for running main-process code under plain Node:
 * `vi.mock('electron', ...)` in unit tests, and a resolve alias in the built-bundle smoke test.
 * It implements only what src-main uses, records what main did (windows, handlers, sends,
 * permission handlers) in `standIn`, and lets a test act as the renderer through `standIn.invoke`.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
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
  /** A reload as the page (or a crash recovery) would do it. */
  reload(): void {
    this.emit('did-start-loading')
    setTimeout(() => this.emit('did-finish-load'), 0)
  }
}

export interface Rect {
  x: number
  y: number
  width: number
  height: number
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
    return this.loadURL(pathToFileURL(path).href)
  }
  loadURL(url: string): Promise<void> {
    this.webContents.url = url
    this.webContents.emit('did-start-loading')
    setTimeout(() => {
      this.webContents.emit('did-finish-load')
      this.emit('ready-to-show')
    }, 0)
    return Promise.resolve()
  }
  bounds: Rect = { x: 0, y: 0, width: 0, height: 0 }
  maximized = false
  /** macOS title-bar extras, as setDocumentEdited and setRepresentedFilename left them. */
  documentEdited = false
  representedFilename = ''
  getBounds(): Rect {
    return { ...this.bounds }
  }
  getNormalBounds(): Rect {
    return { ...this.bounds }
  }
  setBounds(bounds: Rect): void {
    this.bounds = { ...bounds }
  }
  isMaximized(): boolean {
    return this.maximized
  }
  maximize(): void {
    this.maximized = true
  }
  setDocumentEdited(edited: boolean): void {
    this.documentEdited = edited
  }
  setRepresentedFilename(path: string): void {
    this.representedFilename = path
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
  /**
   * Closes the window as a user would: 'close' (which main may prevent), then 'closed', then
   * 'window-all-closed' when it was the last (not while quitting, as in Electron).
   */
  close(): void {
    if (this.destroyed) return
    const event = cancellableEvent()
    this.emit('close', event)
    if (event.defaultPrevented) return
    this.destroyed = true
    this.webContents.destroyed = true
    this.emit('closed')
    if (BrowserWindow.getAllWindows().length === 0 && !quitting) app.emit('window-all-closed')
  }
}

type Handler = (event: unknown, ...args: unknown[]) => unknown

let quitting = false
/** User data folders the stand-in made, removed when the test process ends. */
const madeFolders: string[] = []
process.once('exit', () => {
  for (const dir of madeFolders) rmSync(dir, { recursive: true, force: true })
})

export const app = Object.assign(new Emitter(), {
  isPackaged: false,
  name: 'Backprop Studio',
  /** False makes main behave as a second launch of the app. */
  singleInstanceLock: true,
  whenReady: (): Promise<void> => Promise.resolve(),
  isReady: (): boolean => true,
  requestSingleInstanceLock(): boolean {
    return app.singleInstanceLock
  },
  getName(): string {
    return app.name
  },
  /** 'userData' is a fresh temporary folder per reset (standIn.userData). */
  getPath(name: string): string {
    if (name !== 'userData') throw new Error(`The stand-in has no path for '${name}'`)
    if (!standIn.userData) {
      standIn.userData = mkdtempSync(join(tmpdir(), 'bp-userdata-'))
      madeFolders.push(standIn.userData)
    }
    return standIn.userData
  },
  addRecentDocument(path: string): void {
    standIn.recentDocuments.push(path)
  },
  clearRecentDocuments(): void {
    standIn.recentDocuments.length = 0
  },
  /** As Electron: before-quit, then every window is closed (any may refuse), then will-quit. */
  quit(): void {
    standIn.quitCalls++
    const before = cancellableEvent()
    app.emit('before-quit', before)
    if (before.defaultPrevented) return
    quitting = true
    try {
      for (const w of BrowserWindow.getAllWindows()) w.close()
      if (BrowserWindow.getAllWindows().length > 0) return
      standIn.quitted = true
      app.emit('will-quit', cancellableEvent())
    } finally {
      quitting = false
    }
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

export const nativeTheme = Object.assign(new Emitter(), {
  shouldUseDarkColors: false,
  themeSource: 'system' as 'system' | 'light' | 'dark',
})

export const screen = {
  getAllDisplays: () => standIn.displays.map((workArea, i) => ({ id: i + 1, workArea, bounds: workArea })),
}

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

/** A menu item as a template gave it, with click() as Electron calls it. */
export interface FakeMenuItem {
  id?: string
  label?: string
  role?: string
  enabled?: boolean
  checked?: boolean
  accelerator?: string
  submenu?: FakeMenuItem[]
  click?: () => void
}

export class FakeMenu {
  constructor(readonly template: FakeMenuItem[]) {}
  /** The item with `id` anywhere in the menu, as Menu.getMenuItemById finds it. */
  getMenuItemById(id: string): FakeMenuItem | null {
    const find = (items: FakeMenuItem[]): FakeMenuItem | null => {
      for (const item of items) {
        if (item.id === id) return item
        const inner = item.submenu ? find(item.submenu) : null
        if (inner) return inner
      }
      return null
    }
    return find(this.template)
  }
}

export const Menu = {
  buildFromTemplate: (template: unknown[]) => new FakeMenu(template as FakeMenuItem[]),
  setApplicationMenu(menu: unknown): void {
    standIn.menu = menu as FakeMenu | null
    standIn.menuBuilds++
  },
  getApplicationMenu: (): FakeMenu | null => standIn.menu,
}

export const dialog = {
  async showSaveDialog(...args: unknown[]): Promise<{ canceled: boolean; filePath?: string }> {
    const options = args.at(-1)
    standIn.dialogs.push({ kind: 'save', options })
    const answer = standIn.saveDialogAnswers.shift()
    return answer === undefined ? { canceled: true } : { canceled: false, filePath: answer }
  },
  async showOpenDialog(...args: unknown[]): Promise<{ canceled: boolean; filePaths: string[] }> {
    standIn.dialogs.push({ kind: 'open', options: args.at(-1) })
    const answer = standIn.openDialogAnswers.shift()
    return answer === undefined ? { canceled: true, filePaths: [] } : { canceled: false, filePaths: [answer] }
  },
  /** Answers with the next scripted button index, else the box's cancelId (as Escape would). */
  async showMessageBox(...args: unknown[]): Promise<{ response: number }> {
    const options = args.at(-1) as { cancelId?: number }
    standIn.dialogs.push({ kind: 'message', options })
    return { response: standIn.messageBoxAnswers.shift() ?? options.cancelId ?? 0 }
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
  menu: null as FakeMenu | null,
  /** How many times main set the application menu. */
  menuBuilds: 0,
  quitCalls: 0,
  /** True once a quit went all the way to will-quit. */
  quitted: false,
  /** Every dialog main opened, in order. */
  dialogs: [] as { kind: 'save' | 'open' | 'message'; options: unknown }[],
  /** The paths the next save dialogs answer (then: cancelled). */
  saveDialogAnswers: [] as string[],
  /** The paths the next open dialogs answer (then: cancelled). */
  openDialogAnswers: [] as string[],
  /** The button indexes the next message boxes answer (then: their cancelId). */
  messageBoxAnswers: [] as number[],
  /** The user data folder (created on first use). */
  userData: undefined as string | undefined,
  /** What app.addRecentDocument was given. */
  recentDocuments: [] as string[],
  /** The displays' work areas screen.getAllDisplays reports. */
  displays: [{ x: 0, y: 0, width: 1920, height: 1080 }] as Rect[],

  /** The item with `id` in the application menu (throws when there is none). */
  menuItem(id: string): FakeMenuItem {
    const item = standIn.menu?.getMenuItemById(id)
    if (!item) throw new Error(`No menu item '${id}' in the application menu`)
    return item
  },

  /** Every `menu:command` main sent to the window, in order. */
  menuCommands(win: BrowserWindow): unknown[] {
    return win.webContents.sent.filter((m) => m.channel === 'menu:command').map((m) => m.payload)
  },

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
    standIn.menuBuilds = 0
    standIn.quitCalls = 0
    standIn.quitted = false
    standIn.dialogs.length = 0
    standIn.saveDialogAnswers.length = 0
    standIn.openDialogAnswers.length = 0
    standIn.messageBoxAnswers.length = 0
    standIn.userData = undefined
    standIn.recentDocuments.length = 0
    standIn.displays = [{ x: 0, y: 0, width: 1920, height: 1080 }]
    nativeTheme.shouldUseDarkColors = false
    nativeTheme.themeSource = 'system'
    app.isPackaged = false
    app.singleInstanceLock = true
    app.removeAllListeners()
    nativeTheme.removeAllListeners()
  },
}

export default { app, BrowserWindow, dialog, ipcMain, nativeTheme, screen, session, Menu }

/**
 * The Electron main process: one secure window, the IPC handlers, the training worker, and the
 * desktop around them (menus, files, recent list, recovery copy, window bounds, close prompt).
 * Everything with logic lives in modules that do not import electron; this file only wires them.
 */
import { app, BrowserWindow, dialog, ipcMain, Menu, nativeTheme, screen, session } from 'electron'
import type { IpcMainInvokeEvent, WebContents } from 'electron'
import { access, readFile, stat, unlink } from 'node:fs/promises'
import { join } from 'node:path'
import workerPath from './worker/training-worker?modulePath'
import { registerInvokeHandlers } from './ipc-handlers.ts'
import { isTrustedSender } from './trust.ts'
import type { RendererSource } from './trust.ts'
import { backgroundFor, mainWindowOptions } from './window-options.ts'
import { parseWindowState, restoreBounds } from './window-state.ts'
import { createWorkerHost } from './worker-host.ts'
import { exportFile } from './files/export.ts'
import { writeAtomic, writeAtomicSync } from './files/atomic-write.ts'
import { createDocumentFiles } from './files/documents.ts'
import { FileRegistry } from './files/file-registry.ts'
import { filesFromArgv } from './files/launch-args.ts'
import { createRecentFiles } from './files/recent.ts'
import { createRecoveryStore } from './files/recovery.ts'
import { menuTemplate } from './menu/template.ts'
import type { MenuAction } from './menu/template.ts'
import { createCloseGuard, type CloseAnswer, type CloseGuard } from './close-guard.ts'
import { NEW_DOCUMENT, routeInvoke } from '../shared/src/ipc.ts'
import type { AppHandlers, DocumentState, MenuCommand, Theme, TrainerEvent } from '../shared/src/ipc.ts'

const devServerUrl = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined
const source: RendererSource = devServerUrl
  ? { kind: 'dev', url: devServerUrl }
  : { kind: 'file', path: join(import.meta.dirname, '../renderer/index.html') }
const preloadPath = join(import.meta.dirname, '../preload/index.cjs')

let mainWindow: BrowserWindow | null = null
let closeGuard: CloseGuard | null = null
let documentState: DocumentState = NEW_DOCUMENT
let theme: Theme = 'system'
/** The page has subscribed to menu commands (its first setDocumentState): files may be sent. */
let pageReady = false
/** Files from the OS waiting for the window and its page. */
const pendingFiles: string[] = []

const trainer = createWorkerHost({
  workerPath,
  onEvent(event: TrainerEvent) {
    const contents = mainWindow?.webContents
    if (contents && !contents.isDestroyed()) contents.send('trainer:event', event)
  },
})

const exists = (path: string) =>
  access(path).then(
    () => true,
    () => false,
  )
const registry = new FileRegistry()
let userDataFile: (name: string) => string = () => {
  throw new Error('user data folder used before start')
}
let recent: ReturnType<typeof createRecentFiles>
let recovery: ReturnType<typeof createRecoveryStore>

function sendCommand(command: MenuCommand): void {
  const contents = mainWindow?.webContents
  if (contents && !contents.isDestroyed()) contents.send('menu:command', command)
}

const documents = createDocumentFiles({
  showOpenDialog: (options) =>
    mainWindow ? dialog.showOpenDialog(mainWindow, options) : dialog.showOpenDialog(options),
  showSaveDialog: (options) =>
    mainWindow ? dialog.showSaveDialog(mainWindow, options) : dialog.showSaveDialog(options),
  fs: {
    stat: (path) => stat(path),
    readFile: (path) => readFile(path, 'utf8'),
    writeAtomic: (path, text) => writeAtomic(path, text),
  },
  registry,
  onRecent(path) {
    app.addRecentDocument(path)
    void recent.add(path).then(refreshMenu)
  },
})

function refreshMenu(): void {
  const template = menuTemplate(
    {
      platform: process.platform,
      appName: app.getName(),
      development: !app.isPackaged,
      document: documentState,
      theme,
      recent: recent.list(),
    },
    onMenuAction,
  )
  Menu.setApplicationMenu(Menu.buildFromTemplate(template))
}

function onMenuAction(action: MenuAction): void {
  if (action.type === 'open-recent') void openFile(action.path, 'recent')
  else if (action.type === 'clear-recent') {
    app.clearRecentDocuments()
    void recent.clear().then(refreshMenu)
  } else {
    // The menu's radio shows the choice at once; the page stores it and calls setTheme too.
    if (action.command.type === 'theme') setTheme(action.command.theme)
    sendCommand(action.command)
  }
}

/** Reads a file from the OS or the recent list and hands it to the page (or says why not). */
async function openFile(path: string, origin: 'os' | 'recent'): Promise<void> {
  try {
    const file = origin === 'os' ? await documents.openFromOs(path) : await documents.openRecent(path)
    sendCommand({ type: 'open-file', file })
  } catch (e) {
    if (origin === 'recent' && !(await exists(path))) await recent.remove(path).then(refreshMenu)
    sendCommand({ type: 'open-failed', message: e instanceof Error ? e.message : String(e) })
  }
}

/** A file handed over by the OS (argv, open-file, a second launch): opened once the page listens. */
function openFromOs(path: string): void {
  if (mainWindow && pageReady) void openFile(path, 'os')
  else pendingFiles.push(path)
  if (mainWindow) {
    if (mainWindow.isMinimized()) mainWindow.restore()
    mainWindow.focus()
  }
}

function setDocumentState(state: DocumentState): void {
  const menuChanged =
    state.dirty !== documentState.dirty ||
    state.running !== documentState.running ||
    state.canUndo !== documentState.canUndo ||
    state.canRedo !== documentState.canRedo
  documentState = state
  if (mainWindow && process.platform === 'darwin') {
    mainWindow.setDocumentEdited(state.dirty)
    mainWindow.setRepresentedFilename((state.fileId !== null && registry.get(state.fileId)?.path) || '')
  }
  if (menuChanged) refreshMenu()
  if (!pageReady) {
    pageReady = true
    for (const path of pendingFiles.splice(0)) void openFile(path, 'os')
  }
}

function setTheme(next: Theme): void {
  theme = next
  nativeTheme.themeSource = next
  refreshMenu()
}

async function askToSave(win: BrowserWindow): Promise<CloseAnswer> {
  const name = documentState.fileName ?? 'Untitled'
  const { response } = await dialog.showMessageBox(win, {
    type: 'warning',
    buttons: ['Save', "Don't Save", 'Cancel'],
    defaultId: 0,
    cancelId: 2,
    noLink: true,
    message: `Do you want to save the changes you made to ${name}?`,
    detail: "Your changes will be lost if you don't save them.",
  })
  return (['save', 'discard', 'cancel'] as const)[response] ?? 'cancel'
}

async function createWindow(): Promise<void> {
  const stateFile = userDataFile('window-state.json')
  const saved = parseWindowState(await readFile(stateFile, 'utf8').catch(() => ''))
  const bounds = restoreBounds(
    saved,
    screen.getAllDisplays().map((d) => d.workArea),
  )
  const options = mainWindowOptions({ preloadPath, dark: nativeTheme.shouldUseDarkColors, bounds })
  // Spelled out here as well as in mainWindowOptions, where static analysis (the security gate) reads them.
  const win = new BrowserWindow({
    ...options,
    webPreferences: {
      ...options.webPreferences,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      disableBlinkFeatures: 'Auxclick',
    },
  })
  mainWindow = win
  if (bounds?.maximized) win.maximize()
  const guard = createCloseGuard({
    isDirty: () => documentState.dirty,
    ask: () => askToSave(win),
    requestSave: (then) => sendCommand({ type: 'save', then }),
    close: () => win.close(),
    quit: () => app.quit(),
  })
  closeGuard = guard
  win.once('ready-to-show', () => win.show())
  win.on('close', (event) => {
    guard.onClose(event)
    if (event.defaultPrevented) return
    try {
      writeAtomicSync(stateFile, JSON.stringify({ ...win.getNormalBounds(), maximized: win.isMaximized() }))
    } catch {
      // Bounds are a convenience: a read-only profile folder must not stop the window closing.
    }
  })
  win.on('closed', () => {
    mainWindow = null
    closeGuard = null
    pageReady = false
    documentState = NEW_DOCUMENT
    // The worker belongs to the window: a closed window leaves no training running.
    void trainer.restart()
  })
  // A (re)loading page starts with a new model and has not subscribed to menu commands yet.
  win.webContents.on('did-start-loading', () => {
    pageReady = false
    documentState = NEW_DOCUMENT
  })
  // A crashed or killed page cannot pause: stop its training too (a reload loads a fresh model).
  win.webContents.on('render-process-gone', () => void trainer.restart())
  if (source.kind === 'dev') void win.loadURL(source.url)
  else void win.loadFile(source.path)
}

/** Every web page the app creates may not navigate, open windows or attach webviews. */
function lockDown(contents: WebContents): void {
  contents.on('will-navigate', (event) => event.preventDefault())
  contents.on('will-frame-navigate', (event) => event.preventDefault())
  contents.on('will-attach-webview', (event) => event.preventDefault())
  contents.setWindowOpenHandler(() => ({ action: 'deny' }))
}

/** Registers the app's lifecycle, theme, files and IPC wiring, and opens the window once Electron is ready. */
function start(): void {
  userDataFile = (name) => join(app.getPath('userData'), name)
  const fileStore = { readFile: (path: string) => readFile(path, 'utf8'), writeAtomic }
  recent = createRecentFiles(userDataFile('recent-files.json'), {
    ...fileStore,
    platform: process.platform,
    exists,
  })
  recovery = createRecoveryStore(userDataFile('recovery.json'), { ...fileStore, unlink })
  pendingFiles.push(...filesFromArgv(process.argv, process.cwd()))

  app.on('second-instance', (_event, argv: string[], workingDirectory: string) => {
    const files = filesFromArgv(argv ?? [], workingDirectory ?? process.cwd())
    for (const path of files) openFromOs(path)
    if (!mainWindow) return
    if (mainWindow.isMinimized()) mainWindow.restore()
    mainWindow.focus()
  })

  // macOS hands over double-clicked files this way, also before the app is ready.
  app.on('open-file', (event, path: string) => {
    event.preventDefault()
    openFromOs(path)
    if (!mainWindow && app.isReady()) void createWindow()
  })

  app.on('web-contents-created', (_event, contents) => lockDown(contents))

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })

  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) void createWindow()
  })

  app.on('before-quit', () => closeGuard?.beforeQuit())

  app.on('will-quit', () => {
    void trainer.dispose()
  })

  nativeTheme.on('updated', () =>
    mainWindow?.setBackgroundColor(backgroundFor(nativeTheme.shouldUseDarkColors)),
  )

  // The requests main answers itself; the trainer's go to the worker.
  const appHandlers: AppHandlers = {
    'file:export': (request) =>
      exportFile(request, {
        showSaveDialog: (options) =>
          mainWindow ? dialog.showSaveDialog(mainWindow, options) : dialog.showSaveDialog(options),
        writeFile: (path, data) => writeAtomic(path, data),
      }),
    'file:open': (kind) => documents.open(kind),
    'file:open-dropped': (path) => documents.openDropped(path),
    'file:save-model': (request) => documents.saveModel(request),
    'recovery:write': (copy) => recovery.write(copy),
    'recovery:read': () => recovery.read(),
    'recovery:clear': () => recovery.clear(),
    'app:document-state': async (state) => setDocumentState(state),
    'app:theme': async (next) => setTheme(next),
    'app:confirm-close': async () => void closeGuard?.confirmClose(),
  }

  const route = routeInvoke((channel, ...args) => trainer.invoke(channel, args), appHandlers)
  registerInvokeHandlers<IpcMainInvokeEvent>(ipcMain, {
    isTrustedSender: (event) => isTrustedSender(event, mainWindow?.webContents, source),
    invoke: (channel, args) => route(channel, ...args),
  })

  void app.whenReady().then(async () => {
    // The app asks for no camera, microphone, location or notifications: refuse them all.
    session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false))
    session.defaultSession.setPermissionCheckHandler(() => false)
    refreshMenu()
    await createWindow()
    await recent.load()
    refreshMenu()
  })
}

// One app at a time: a second launch hands its files to the open window instead of starting a second trainer.
if (app.requestSingleInstanceLock()) start()
else app.quit()

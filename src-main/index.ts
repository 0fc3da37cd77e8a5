/**
 * The Electron main process: one secure window, the IPC handlers, and the training worker.
 * Everything with logic lives in modules that do not import electron; this file only wires them.
 */
import { app, BrowserWindow, dialog, ipcMain, Menu, nativeTheme, session } from 'electron'
import type { IpcMainInvokeEvent, MenuItemConstructorOptions, WebContents } from 'electron'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import workerPath from './worker/training-worker?modulePath'
import { registerInvokeHandlers } from './ipc-handlers.ts'
import { isTrustedSender } from './trust.ts'
import type { RendererSource } from './trust.ts'
import { backgroundFor, mainWindowOptions } from './window-options.ts'
import { createWorkerHost } from './worker-host.ts'
import { exportFile } from './files/export.ts'
import { routeInvoke } from '../shared/src/ipc.ts'
import type { AppHandlers, TrainerEvent } from '../shared/src/ipc.ts'

const devServerUrl = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined
const source: RendererSource = devServerUrl
  ? { kind: 'dev', url: devServerUrl }
  : { kind: 'file', path: join(import.meta.dirname, '../renderer/index.html') }
const preloadPath = join(import.meta.dirname, '../preload/index.cjs')

let mainWindow: BrowserWindow | null = null

const trainer = createWorkerHost({
  workerPath,
  onEvent(event: TrainerEvent) {
    const contents = mainWindow?.webContents
    if (contents && !contents.isDestroyed()) contents.send('trainer:event', event)
  },
})

function createWindow(): void {
  const win = new BrowserWindow(mainWindowOptions({ preloadPath, dark: nativeTheme.shouldUseDarkColors }))
  mainWindow = win
  win.once('ready-to-show', () => win.show())
  win.on('closed', () => {
    mainWindow = null
    // The worker belongs to the window: a closed window leaves no training running.
    void trainer.restart()
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

function buildMenu(): Menu {
  const template: MenuItemConstructorOptions[] = [
    ...(process.platform === 'darwin' ? [{ role: 'appMenu' as const }] : [{ role: 'fileMenu' as const }]),
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
        ...(app.isPackaged ? [] : [{ role: 'toggleDevTools' as const }]),
      ],
    },
    { role: 'windowMenu' },
  ]
  return Menu.buildFromTemplate(template)
}

/** Registers the app's lifecycle, theme and IPC wiring, and opens the window once Electron is ready. */
function start(): void {
  app.on('second-instance', () => {
    if (!mainWindow) return
    if (mainWindow.isMinimized()) mainWindow.restore()
    mainWindow.focus()
  })

  app.on('web-contents-created', (_event, contents) => lockDown(contents))

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })

  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow()
  })

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
        writeFile: (path, data) => writeFile(path, data),
      }),
  }

  const route = routeInvoke((channel, ...args) => trainer.invoke(channel, args), appHandlers)
  registerInvokeHandlers<IpcMainInvokeEvent>(ipcMain, {
    isTrustedSender: (event) => isTrustedSender(event, mainWindow?.webContents, source),
    invoke: (channel, args) => route(channel, ...args),
  })

  void app.whenReady().then(() => {
    // The app asks for no camera, microphone, location or notifications: refuse them all.
    session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false))
    session.defaultSession.setPermissionCheckHandler(() => false)
    Menu.setApplicationMenu(buildMenu())
    createWindow()
  })
}

// One app at a time: a second launch brings the open window forward instead of starting a second trainer.
if (app.requestSingleInstanceLock()) start()
else app.quit()

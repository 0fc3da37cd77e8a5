import { describe, it, expect, vi, beforeEach } from 'vitest'
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { INVOKE_CHANNELS } from '../shared/src/ipc.ts'
import { BACKGROUND } from './window-options.ts'
import { cancellableEvent } from './testing/electron-stand-in.ts'
import type * as StandIn from './testing/electron-stand-in.ts'

vi.mock('electron', () => import('./testing/electron-stand-in.ts'))
// The worker path is a build artefact; these tests never start the worker.
vi.mock('./worker/training-worker?modulePath', () => ({ default: '/nonexistent/training-worker.js' }))

// The mocked module is the instance main sees (a plain import of the stand-in would be another copy).
const { BrowserWindow, app, nativeTheme, standIn } = (await import('electron')) as unknown as typeof StandIn
type BrowserWindow = StandIn.BrowserWindow

/** A fresh main process: forget the last one's windows and handlers, then evaluate index.ts again. */
async function startMain(): Promise<BrowserWindow> {
  standIn.reset()
  vi.resetModules()
  await import('./index.ts')
  await vi.waitFor(() => expect(standIn.windows).toHaveLength(1))
  return standIn.windows[0]
}

describe('main process glue (electron mocked)', () => {
  let win: BrowserWindow
  beforeEach(async () => {
    win = await startMain()
  })

  it('creates one secure window with the built preload, shown on ready-to-show', async () => {
    expect(win.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      preload: join(import.meta.dirname, '../preload/index.cjs'),
    })
    expect(win.options.show).toBe(false)
    expect(win.webContents.url).toMatch(/^file:\/\/.*\/renderer\/index\.html$/)
    await vi.waitFor(() => expect(win.visible).toBe(true))
  })

  it('follows the OS theme for the window background', () => {
    expect(win.backgroundColor).toBe(BACKGROUND.light)
    nativeTheme.shouldUseDarkColors = true
    nativeTheme.emit('updated')
    expect(win.backgroundColor).toBe(BACKGROUND.dark)
  })

  it('blocks navigation, new windows and webviews, and denies permissions', () => {
    for (const kind of ['will-navigate', 'will-frame-navigate']) {
      const nav = cancellableEvent()
      win.webContents.emit(kind, nav, 'https://example.com/')
      expect(nav.defaultPrevented, kind).toBe(true)
    }
    const webview = cancellableEvent()
    win.webContents.emit('will-attach-webview', webview)
    expect(webview.defaultPrevented).toBe(true)
    expect(win.webContents.windowOpenHandler?.({ url: 'https://example.com/' })).toEqual({ action: 'deny' })
    const answers: boolean[] = []
    standIn.permissionRequestHandler?.(win.webContents, 'media', (granted) => answers.push(granted))
    expect(answers).toEqual([false])
    expect(standIn.permissionCheckHandler?.(win.webContents, 'notifications')).toBe(false)
  })

  it('registers a handler for every invoke channel', () => {
    expect([...standIn.handlers.keys()].sort()).toEqual([...INVOKE_CHANNELS].sort())
  })

  it('refuses untrusted senders and bad arguments with errors, not crashes', async () => {
    const stranger = new BrowserWindow({})
    await stranger.loadURL('https://evil.example/')
    await expect(standIn.invoke('trainer:play', [], standIn.eventFrom(stranger))).rejects.toThrow(/Refused/)
    const subFrame = { sender: win.webContents, senderFrame: { url: win.webContents.url, parent: {} } }
    await expect(standIn.invoke('trainer:play', [], subFrame)).rejects.toThrow(/Refused/)
    await expect(standIn.invoke('trainer:step', [0])).rejects.toThrow(/whole number from 1/)
    await expect(standIn.invoke('trainer:load', ['not a model'])).rejects.toThrow(
      /model to load is not valid/,
    )
  })

  it('exports through a save dialog to the path the learner picked, and only there', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bp-export-'))
    try {
      standIn.saveDialogAnswers.push(join(dir, 'picked.csv'))
      const request = { kind: 'csv', suggestedName: 'moons.csv', data: 'x1,x2,label\n0,1,a\n' }
      await expect(standIn.invoke('file:export', [request])).resolves.toBe('picked.csv')
      expect(readFileSync(join(dir, 'picked.csv'), 'utf8')).toBe(request.data)
      expect(standIn.dialogs.at(-1)?.options).toMatchObject({ defaultPath: 'moons.csv' })
      // Cancelled: nothing written. A path smuggled in the request is refused before any dialog.
      await expect(standIn.invoke('file:export', [request])).resolves.toBeNull()
      const dialogs = standIn.dialogs.length
      await expect(
        standIn.invoke('file:export', [{ ...request, suggestedName: join(dir, 'evil.csv') }]),
      ).rejects.toThrow(/file name/)
      expect(standIn.dialogs).toHaveLength(dialogs)
      expect(readdirSync(dir)).toEqual(['picked.csv'])
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('quits when the last window closes (except on macOS)', () => {
    win.close()
    expect(standIn.quitCalls).toBe(process.platform === 'darwin' ? 0 : 1)
  })

  it('brings the window forward when the app is launched again', () => {
    win.minimized = true
    app.emit('second-instance')
    expect(win.isMinimized()).toBe(false)
    expect(win.focused).toBe(true)
  })

  it('opens a window again on activate when none is open', () => {
    win.close()
    app.emit('activate')
    expect(BrowserWindow.getAllWindows()).toHaveLength(1)
  })
})

describe('a second launch of the app', () => {
  it('quits at once when another instance holds the lock', async () => {
    standIn.reset()
    app.singleInstanceLock = false
    vi.resetModules()
    await import('./index.ts')
    expect(standIn.quitCalls).toBe(1)
    await new Promise((r) => setTimeout(r, 20))
    expect(standIn.windows).toHaveLength(0)
    expect(standIn.handlers.size).toBe(0)
  })
})

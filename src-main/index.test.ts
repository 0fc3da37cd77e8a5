import { describe, it, expect, vi, beforeEach } from 'vitest'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { INVOKE_CHANNELS, NEW_DOCUMENT } from '../shared/src/ipc.ts'
import type { DocumentState, MenuCommand, OpenedFile } from '../shared/src/ipc.ts'
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

  it('opens a window again on activate when none is open', async () => {
    win.close()
    app.emit('activate')
    await vi.waitFor(() => expect(BrowserWindow.getAllWindows()).toHaveLength(1))
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

const clean: DocumentState = NEW_DOCUMENT

/** A folder for the files a test opens and saves, removed afterwards. */
function folder(): { dir: string; file(name: string, text: string): string; done(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'bp-main-'))
  return {
    dir,
    file(name, text) {
      const p = join(dir, name)
      writeFileSync(p, text)
      return p
    },
    done: () => rmSync(dir, { recursive: true, force: true }),
  }
}

describe('desktop files and menus (electron mocked)', () => {
  let win: BrowserWindow
  let f: ReturnType<typeof folder>
  beforeEach(async () => {
    win = await startMain()
    f = folder()
    return () => f.done()
  })
  const commands = () => standIn.menuCommands(win) as MenuCommand[]
  const setState = (state: Partial<DocumentState>) =>
    standIn.invoke('app:document-state', [{ ...clean, ...state }])

  it('sets native menus whose items send intents to the page', async () => {
    await vi.waitFor(() => expect(standIn.menu).not.toBeNull())
    const labels = standIn.menu!.template.map((i) => i.label ?? i.role)
    expect(labels).toEqual(expect.arrayContaining(['&File', '&Edit', '&View', '&Training', '&Help']))
    standIn.menuItem('file-open').click!()
    standIn.menuItem('training-step').click!()
    expect(commands()).toEqual([{ type: 'open' }, { type: 'step' }])
  })

  it('menu items follow the document state: Save when dirty, Pause while playing', async () => {
    await setState({ dirty: false, running: false })
    expect(standIn.menuItem('file-save').enabled).toBe(false)
    expect(standIn.menuItem('training-play-pause').label).toBe('Play')
    await setState({ dirty: true, running: true })
    expect(standIn.menuItem('file-save').enabled).toBe(true)
    expect(standIn.menuItem('training-play-pause').label).toBe('Pause')
  })

  it('opens through a dialog and saves back to the same file, atomically, without a second dialog', async () => {
    const p = f.file('moons.bpmodel', 'old model')
    standIn.openDialogAnswers.push(p)
    const opened = (await standIn.invoke('file:open', ['bpmodel'])) as OpenedFile
    expect(opened).toMatchObject({ name: 'moons.bpmodel', kind: 'bpmodel', text: 'old model' })
    expect(JSON.stringify(opened)).not.toContain(f.dir)
    const dialogs = standIn.dialogs.length
    const saved = await standIn.invoke('file:save-model', [
      { text: 'new model', suggestedName: 'moons.bpmodel', fileId: opened.id, as: false },
    ])
    expect(saved).toEqual({ id: opened.id, name: 'moons.bpmodel' })
    expect(standIn.dialogs).toHaveLength(dialogs)
    expect(readFileSync(p, 'utf8')).toBe('new model')
    expect(readdirSync(f.dir)).toEqual(['moons.bpmodel'])
    expect(standIn.recentDocuments).toContain(p)
  })

  it('opens a dropped file by its path, and refuses a dropped file of another kind or a relative path', async () => {
    const p = f.file('points.csv', 'x1,x2,label\n0,1,a\n')
    await expect(standIn.invoke('file:open-dropped', [p])).resolves.toMatchObject({
      kind: 'csv',
      name: 'points.csv',
    })
    await expect(standIn.invoke('file:open-dropped', [f.file('notes.txt', 'x')])).rejects.toThrow(
      /path of a .bpmodel or .csv file/,
    )
    await expect(standIn.invoke('file:open-dropped', ['points.csv'])).rejects.toThrow(
      /its folder is not known/,
    )
  })

  it('keeps the recent list in the user data folder and opens from it through the menu', async () => {
    const p = f.file('moons.bpmodel', 'model')
    standIn.openDialogAnswers.push(p)
    await standIn.invoke('file:open', ['bpmodel'])
    await vi.waitFor(() => expect(standIn.menuItem('file-recent-0').label).toBe('moons.bpmodel'))
    await vi.waitFor(() =>
      expect(JSON.parse(readFileSync(join(standIn.userData!, 'recent-files.json'), 'utf8')).files).toEqual([
        p,
      ]),
    )
    standIn.menuItem('file-recent-0').click!()
    await vi.waitFor(() =>
      expect(commands().at(-1)).toMatchObject({ type: 'open-file', file: { text: 'model' } }),
    )
    // A recent file that is gone: the page hears why, and the list forgets it.
    rmSync(p)
    standIn.menuItem('file-recent-0').click!()
    await vi.waitFor(() => expect(commands().at(-1)).toMatchObject({ type: 'open-failed' }))
    expect((commands().at(-1) as { message: string }).message).toMatch(/no longer exists/)
    await vi.waitFor(() => expect(standIn.menu!.getMenuItemById('file-recent-0')).toBeNull())
  })

  it('keeps the recovery copy in the user data folder', async () => {
    const copy = { name: 'Untitled', savedAt: 1_700_000_000_000, text: '{"a":1}' }
    await expect(standIn.invoke('recovery:read', [])).resolves.toBeNull()
    await standIn.invoke('recovery:write', [copy])
    expect(existsSync(join(standIn.userData!, 'recovery.json'))).toBe(true)
    await expect(standIn.invoke('recovery:read', [])).resolves.toEqual(copy)
    await standIn.invoke('recovery:clear', [])
    await expect(standIn.invoke('recovery:read', [])).resolves.toBeNull()
  })

  it('hands files from the OS to the page once it listens (its first document state)', async () => {
    const p = f.file('double-clicked.bpmodel', 'from the OS')
    app.emit('open-file', cancellableEvent(), p)
    await new Promise((r) => setTimeout(r, 20))
    expect(commands()).toEqual([])
    await setState({})
    await vi.waitFor(() =>
      expect(commands()).toEqual([
        { type: 'open-file', file: expect.objectContaining({ text: 'from the OS' }) },
      ]),
    )
  })

  it('a second launch with a file opens it in the first window', async () => {
    await setState({})
    const p = f.file('second.csv', 'x1,x2,label\n')
    win.minimized = true
    app.emit('second-instance', {}, ['/usr/bin/backprop-studio', 'second.csv', '--flag'], f.dir)
    await vi.waitFor(() =>
      expect(commands().at(-1)).toMatchObject({ type: 'open-file', file: { name: 'second.csv' } }),
    )
    expect(win.isMinimized()).toBe(false)
    expect(p).toContain('second.csv')
  })

  it('asks before closing a dirty window: Cancel keeps it, Save waits for the page, then closes', async () => {
    await setState({ fileName: 'moons.bpmodel', dirty: true })
    standIn.messageBoxAnswers.push(2)
    win.close()
    await vi.waitFor(() => expect(standIn.dialogs.at(-1)?.kind).toBe('message'))
    expect(standIn.dialogs.at(-1)?.options).toMatchObject({
      buttons: ['Save', "Don't Save", 'Cancel'],
      message: expect.stringContaining('moons.bpmodel'),
    })
    await new Promise((r) => setTimeout(r, 10))
    expect(win.isDestroyed()).toBe(false)
    standIn.messageBoxAnswers.push(0)
    win.close()
    await vi.waitFor(() => expect(commands().at(-1)).toEqual({ type: 'save', then: 'close' }))
    expect(win.isDestroyed()).toBe(false)
    await standIn.invoke('app:confirm-close', [])
    expect(win.isDestroyed()).toBe(true)
  })

  it("Don't Save closes a dirty window, and a clean one closes without asking", async () => {
    await setState({ dirty: true })
    standIn.messageBoxAnswers.push(1)
    win.close()
    await vi.waitFor(() => expect(win.isDestroyed()).toBe(true))
    const next = await startMain()
    next.close()
    expect(next.isDestroyed()).toBe(true)
    expect(standIn.dialogs.filter((d) => d.kind === 'message')).toHaveLength(0)
  })

  it('drives nativeTheme.themeSource from the theme setting and the View menu', async () => {
    await standIn.invoke('app:theme', ['dark'])
    const { nativeTheme: theme } = (await import('electron')) as unknown as typeof StandIn
    expect(theme.themeSource).toBe('dark')
    expect(standIn.menuItem('view-theme-dark').checked).toBe(true)
    standIn.menuItem('view-theme-light').click!()
    expect(theme.themeSource).toBe('light')
    expect(commands().at(-1)).toEqual({ type: 'theme', theme: 'light' })
  })

  it('saves the window bounds on close and restores them, fitted to the displays there are now', async () => {
    win.setBounds({ x: 2500, y: 100, width: 1000, height: 700 })
    win.maximize()
    win.close()
    const userData = standIn.userData!
    expect(JSON.parse(readFileSync(join(userData, 'window-state.json'), 'utf8'))).toMatchObject({
      x: 2500,
      maximized: true,
    })
    // Next run: same profile, but the second monitor is gone.
    standIn.reset()
    standIn.userData = userData
    standIn.displays = [{ x: 0, y: 0, width: 1440, height: 900 }]
    vi.resetModules()
    await import('./index.ts')
    await vi.waitFor(() => expect(standIn.windows).toHaveLength(1))
    const next = standIn.windows[0]
    expect(next.options).toMatchObject({ x: 220, y: 100, width: 1000, height: 700 })
    expect(next.isMaximized()).toBe(true)
  })

  it('refuses every new channel from an untrusted sender, and malformed arguments', async () => {
    const stranger = new BrowserWindow({})
    await stranger.loadURL('https://evil.example/')
    const from = standIn.eventFrom(stranger)
    const good: Record<string, unknown[]> = {
      'file:open': ['bpmodel'],
      'file:open-dropped': [join(f.dir, 'x.bpmodel')],
      'file:save-model': [{ text: '', suggestedName: 'x.bpmodel', fileId: null, as: true }],
      'recovery:write': [{ name: 'x', savedAt: 1, text: '' }],
      'recovery:read': [],
      'recovery:clear': [],
      'app:document-state': [clean],
      'app:theme': ['dark'],
      'app:confirm-close': [],
    }
    for (const [channel, args] of Object.entries(good))
      await expect(standIn.invoke(channel, args, from), channel).rejects.toThrow(/Refused/)
    const bad: [string, unknown[]][] = [
      ['file:open', ['/etc/passwd']],
      ['file:open-dropped', ['/etc/passwd']],
      ['file:save-model', [{ text: '', suggestedName: '/tmp/x.bpmodel', fileId: null, as: true }]],
      [
        'file:save-model',
        [{ text: '', suggestedName: 'x.bpmodel', fileId: null, as: true, path: '/tmp/x.bpmodel' }],
      ],
      ['recovery:write', [{ name: 'x', savedAt: 'now', text: '' }]],
      ['app:document-state', [{ ...clean, dirty: 'yes' }]],
      ['app:theme', ['sepia']],
      ['app:confirm-close', [1]],
    ]
    for (const [channel, args] of bad) await expect(standIn.invoke(channel, args), channel).rejects.toThrow()
    // None of it reached a dialog or the file system.
    expect(standIn.dialogs).toEqual([])
    expect(readdirSync(f.dir)).toEqual([])
  })
})

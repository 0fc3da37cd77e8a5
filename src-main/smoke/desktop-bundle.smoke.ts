/**
 * Smoke test of the built desktop bundle: loads out/main/index.js as Electron would, with the
 * stand-in electron module, and checks the wiring that unit tests of single modules cannot:
 * the secure window, the built preload and renderer paths, and a training run through the
 * registered IPC handlers against the real built worker file.
 */
import { describe, it, expect, beforeAll, afterAll, vi } from 'vitest'
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { INVOKE_CHANNELS } from '../../shared/src/ipc.ts'
import type { MenuCommand, OpenedFile, PastView, SavedTimeline, TrainerEvent } from '../../shared/src/ipc.ts'
import { parseModelFile, serializeModelFile } from '../../shared/src/model-file/index.ts'
import { tinyModelFile } from '../testing/fixtures.ts'
import type * as StandIn from '../testing/electron-stand-in.ts'

// The bundle's real worker_threads, with each Worker's exit recorded: proof that closing ends it.
const threads = vi.hoisted(() => [] as { path: string; exited: boolean }[])
vi.mock('node:worker_threads', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:worker_threads')>()
  class RecordedWorker extends real.Worker {
    constructor(path: string | URL, options?: import('node:worker_threads').WorkerOptions) {
      super(path, options)
      const record = { path: String(path), exited: false }
      threads.push(record)
      this.on('exit', () => (record.exited = true))
    }
  }
  return { ...real, default: { ...real, Worker: RecordedWorker }, Worker: RecordedWorker }
})

const root = resolve(import.meta.dirname, '../..')
const mainEntry = resolve(root, 'out/main/index.js')

// The same module instance the bundle gets for `import ... from 'electron'` (aliased in the config).
const { app, standIn } = (await import('electron')) as unknown as typeof StandIn

const events: TrainerEvent[] = []
let win: StandIn.BrowserWindow

async function until<T>(what: string, get: () => T | undefined, timeoutMs = 15_000): Promise<T> {
  const start = Date.now()
  for (;;) {
    const value = get()
    if (value !== undefined) return value
    if (Date.now() - start > timeoutMs) throw new Error(`Timed out waiting for ${what}.`)
    await new Promise((r) => setTimeout(r, 10))
  }
}

beforeAll(async () => {
  if (!existsSync(mainEntry))
    throw new Error(
      `No built desktop bundle at ${mainEntry}: run \`npx electron-vite build\` (or \`npm run build\`) first.`,
    )
  standIn.reset()
  standIn.sendListeners.add((channel, payload) => {
    if (channel === 'trainer:event') events.push(payload as TrainerEvent)
  })
  await import(/* @vite-ignore */ mainEntry)
  win = await until('the main window', () => standIn.windows[0])
})

afterAll(() => {
  app.quit()
})

describe('built desktop bundle (out/main with a stand-in electron)', () => {
  it('creates one window with the secure settings and the built preload', async () => {
    expect(standIn.windows).toHaveLength(1)
    const prefs = win.options.webPreferences as Record<string, unknown>
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    })
    expect(prefs.preload).toBe(resolve(root, 'out/preload/index.cjs'))
    expect(existsSync(prefs.preload as string)).toBe(true)
    expect(win.options.show).toBe(false)
    await until('ready-to-show', () => (win.visible ? true : undefined))
  })

  it('loads the built renderer page, which exists', () => {
    const page = fileURLToPath(win.webContents.url)
    expect(page).toBe(resolve(root, 'out/renderer/index.html'))
    expect(existsSync(page)).toBe(true)
  })

  it('locks the page down and denies permissions', () => {
    expect(win.webContents.windowOpenHandler?.({ url: 'https://example.com' })).toEqual({ action: 'deny' })
    expect(win.webContents.listenerCount('will-navigate')).toBeGreaterThan(0)
    const answers: boolean[] = []
    standIn.permissionRequestHandler?.(win.webContents, 'geolocation', (granted) => answers.push(granted))
    expect(answers).toEqual([false])
  })

  it('registers a checked handler for every invoke channel', async () => {
    expect([...standIn.handlers.keys()].sort()).toEqual([...INVOKE_CHANNELS].sort())
    const stranger = { sender: {}, senderFrame: { url: 'https://evil.example/', parent: null } }
    await expect(standIn.invoke('trainer:play', [], stranger)).rejects.toThrow(/Refused/)
    await expect(standIn.invoke('trainer:step', [-1])).rejects.toThrow(/whole number/)
  })

  it('trains through IPC against the built worker until progress events arrive', async () => {
    await standIn.invoke('trainer:load', [tinyModelFile()])
    await standIn.invoke('trainer:play', [])
    const progress = await until('progress events from the worker', () =>
      events.find((e) => e.type === 'progress' && e.running && e.epoch >= 5),
    )
    await standIn.invoke('trainer:pause', [])
    if (progress.type !== 'progress') throw new Error('unreachable')
    expect(progress.metrics.length).toBeGreaterThan(0)
    expect(progress.grid.values).toBeInstanceOf(Float32Array)
    expect(progress.grid.values.length).toBe(progress.grid.size ** 2 * progress.grid.outputs)
    const snapshot = (await standIn.invoke('trainer:snapshot', [])) as { training: { epoch: number } }
    expect(snapshot.training.epoch).toBeGreaterThanOrEqual(progress.epoch)
  })

  it('looks back, continues from a snapshot and moves a timeline through IPC and the built worker', async () => {
    await standIn.invoke('trainer:load', [tinyModelFile()])
    await standIn.invoke('trainer:step', [12])
    const past = (await standIn.invoke('trainer:look-back', [4])) as PastView
    expect(past.epoch).toBe(4)
    expect(past.parameters).toBeInstanceOf(Float64Array)
    await expect(standIn.invoke('trainer:look-back', [-1])).rejects.toThrow(/the epoch to look at/)
    const timeline = (await standIn.invoke('trainer:timeline', [])) as SavedTimeline
    expect(timeline.snapshots.map((t) => t.epoch)).toEqual(Array.from({ length: 13 }, (_, i) => i))
    await expect(standIn.invoke('trainer:fork', [4])).resolves.toEqual({ epoch: 4, replaced: 8 })
    await standIn.invoke('trainer:undo-fork', [])
    const file = await standIn.invoke('trainer:snapshot', [])
    await standIn.invoke('trainer:load', [file])
    // Main refuses a damaged timeline before the worker sees it; a whole one is put back.
    const damaged = { ...timeline, snapshots: [{ ...timeline.snapshots[0], parameters: '@@@' }] }
    await expect(standIn.invoke('trainer:set-timeline', [damaged])).rejects.toThrow(/not valid base64/)
    await standIn.invoke('trainer:set-timeline', [JSON.parse(JSON.stringify(timeline))])
    expect(((await standIn.invoke('trainer:look-back', [4])) as PastView).parameters).toEqual(past.parameters)
  })

  it('sets the native menus, whose items reach the page as intents', async () => {
    const menu = await until('the application menu', () => standIn.menu ?? undefined)
    expect(menu.template.map((i) => i.label ?? i.role)).toEqual(
      expect.arrayContaining(['&File', '&Edit', '&View', '&Training', '&Help']),
    )
    standIn.menuItem('file-save-as').click!()
    standIn.menuItem('training-play-pause').click!()
    expect(standIn.menuCommands(win).slice(-2)).toEqual([{ type: 'save-as' }, { type: 'play-pause' }])
    const state = {
      fileName: 'x.bpmodel',
      fileId: null,
      dirty: true,
      running: true,
      canUndo: false,
      canRedo: false,
    }
    await standIn.invoke('app:document-state', [state])
    expect(standIn.menuItem('training-play-pause').label).toBe('Pause')
    expect(standIn.menuItem('file-save').enabled).toBe(true)
  })

  it('opens a model through a dialog, continues it in the worker, and saves it back atomically', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bp-smoke-'))
    try {
      const path = join(dir, 'tiny.bpmodel')
      writeFileSync(path, serializeModelFile(tinyModelFile()))
      standIn.openDialogAnswers.push(path)
      const opened = (await standIn.invoke('file:open', ['bpmodel'])) as OpenedFile
      expect(opened).toMatchObject({ name: 'tiny.bpmodel', kind: 'bpmodel' })
      await standIn.invoke('trainer:load', [parseModelFile(opened.text)])
      await standIn.invoke('trainer:step', [3])
      const snapshot = await standIn.invoke('trainer:snapshot', [])
      const text = serializeModelFile(snapshot as Parameters<typeof serializeModelFile>[0])
      const saved = await standIn.invoke('file:save-model', [
        { text, suggestedName: 'tiny.bpmodel', fileId: opened.id, as: false },
      ])
      expect(saved).toEqual({ id: opened.id, name: 'tiny.bpmodel' })
      expect(parseModelFile(readFileSync(path, 'utf8')).training.epoch).toBe(3)
      expect(readdirSync(dir)).toEqual(['tiny.bpmodel'])
      // A path the page makes up never reaches the disk.
      await expect(
        standIn.invoke('file:save-model', [
          { text, suggestedName: join(dir, 'x.bpmodel'), fileId: null, as: true },
        ]),
      ).rejects.toThrow(/file name/)
      await expect(standIn.invoke('file:open-dropped', [join(dir, 'x.txt')])).rejects.toThrow(
        /\.bpmodel or \.csv/,
      )
      expect(readdirSync(dir)).toEqual(['tiny.bpmodel'])
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('keeps a recovery copy in the user data folder and opens files the OS hands over', async () => {
    const copy = { name: 'Untitled', savedAt: 1_700_000_000_000, text: '{}' }
    await standIn.invoke('recovery:write', [copy])
    expect(existsSync(join(standIn.userData!, 'recovery.json'))).toBe(true)
    await expect(standIn.invoke('recovery:read', [])).resolves.toEqual(copy)
    await standIn.invoke('recovery:clear', [])
    const dir = mkdtempSync(join(tmpdir(), 'bp-smoke-'))
    try {
      const csv = join(dir, 'points.csv')
      writeFileSync(csv, 'x1,x2,label\n0,1,a\n')
      app.emit('second-instance', {}, ['backprop-studio', csv], dir)
      const command = await until('the file from the second launch', () =>
        (standIn.menuCommands(win) as MenuCommand[]).find((c) => c.type === 'open-file'),
      )
      expect(command).toMatchObject({ type: 'open-file', file: { name: 'points.csv', kind: 'csv' } })
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('ends the training worker when the window closes', async () => {
    await standIn.invoke('trainer:play', [])
    expect(threads).toHaveLength(1)
    expect(threads[0].path).toMatch(/out\/main\/chunks\/training-worker-[\w-]+\.js$/)
    expect(threads[0].exited).toBe(false)
    await standIn.invoke('app:document-state', [
      { fileName: null, fileId: null, dirty: false, running: true, canUndo: false, canRedo: false },
    ])
    win.close()
    await until('the worker to end', () => (threads[0].exited ? true : undefined))
    const count = events.length
    await new Promise((r) => setTimeout(r, 150))
    expect(events.length).toBe(count)
  })
})

import { describe, it, expect, vi, beforeAll } from 'vitest'
import { NEW_DOCUMENT, type AppApi, type TrainerEvent } from '../../shared/src/ipc.ts'

const electron = vi.hoisted(() => {
  const listeners = new Map<string, ((...args: unknown[]) => void)[]>()
  return {
    listeners,
    contextBridge: { exposeInMainWorld: vi.fn() },
    // A File the learner dropped has a path; one the page made itself has none ('').
    webUtils: {
      getPathForFile: vi.fn((file: { name: string }) =>
        file.name === 'made-up.bpmodel' ? '' : `/home/ada/${file.name}`,
      ),
    },
    ipcRenderer: {
      invoke: vi.fn(async (..._args: unknown[]): Promise<unknown> => undefined),
      on: vi.fn((channel: string, fn: (...args: unknown[]) => void) => {
        listeners.set(channel, [...(listeners.get(channel) ?? []), fn])
      }),
      removeListener: vi.fn((channel: string, fn: (...args: unknown[]) => void) => {
        listeners.set(
          channel,
          (listeners.get(channel) ?? []).filter((f) => f !== fn),
        )
      }),
    },
  }
})
vi.mock('electron', () => ({
  contextBridge: electron.contextBridge,
  ipcRenderer: electron.ipcRenderer,
  webUtils: electron.webUtils,
}))

let api: AppApi

beforeAll(async () => {
  await import('./index.ts')
  expect(electron.contextBridge.exposeInMainWorld).toHaveBeenCalledTimes(1)
  const [key, exposed] = electron.contextBridge.exposeInMainWorld.mock.calls[0]
  expect(key).toBe('backprop')
  api = exposed as AppApi
})

describe('preload', () => {
  it('exposes only the intent-level API, never ipcRenderer', () => {
    expect(Object.keys(api).sort()).toEqual(
      [
        'platform',
        'loadModel',
        'play',
        'pause',
        'step',
        'reset',
        'updateTraining',
        'setPace',
        'snapshot',
        'watch',
        'updateDataset',
        'setView',
        'serializeModel',
        'lookBack',
        'continueFrom',
        'undoContinue',
        'exportTimeline',
        'importTimeline',
        'exportFile',
        'onTrainerEvent',
        'openFile',
        'openDroppedFile',
        'saveModel',
        'nativeFilePicker',
        'writeRecovery',
        'readRecovery',
        'clearRecovery',
        'setDocumentState',
        'setTheme',
        'confirmClose',
        'onMenuCommand',
      ].sort(),
    )
    expect(api.platform).toBe('electron')
    expect(Object.values(api)).not.toContain(electron.ipcRenderer)
  })

  it('maps each intent to its channel', async () => {
    await api.play()
    await api.step(3)
    await api.updateTraining({ l2: 0.01 })
    await api.setPace({ epochsPerSecond: 30, stopAtEpoch: 500 })
    await api.watch({ parameters: true })
    await api.exportFile({ kind: 'csv', suggestedName: 'd.csv', data: 'x1,x2,label\n' })
    expect(electron.ipcRenderer.invoke.mock.calls).toEqual([
      ['trainer:play'],
      ['trainer:step', 3],
      ['trainer:update', { l2: 0.01 }],
      ['trainer:pace', { epochsPerSecond: 30, stopAtEpoch: 500 }],
      ['trainer:watch', { parameters: true }],
      ['file:export', { kind: 'csv', suggestedName: 'd.csv', data: 'x1,x2,label\n' }],
    ])
  })

  it('rejects with the handler’s message, without Electron’s prefix', async () => {
    electron.ipcRenderer.invoke.mockRejectedValueOnce(
      new Error("Error invoking remote method 'trainer:play': Error: No model is loaded yet."),
    )
    await expect(api.play()).rejects.toThrow(/^No model is loaded yet\.$/)
  })

  it('delivers trainer events without the IPC event, until unsubscribed', () => {
    const seen: TrainerEvent[] = []
    const off = api.onTrainerEvent((e) => seen.push(e))
    const event: TrainerEvent = { type: 'error', message: 'boom' }
    const fire = () =>
      (electron.listeners.get('trainer:event') ?? []).forEach((f) => f({ sender: 'secret' }, event))
    fire()
    expect(seen).toEqual([event])
    off()
    fire()
    expect(seen).toHaveLength(1)
    expect(electron.listeners.get('trainer:event')).toHaveLength(0)
  })

  it('maps the file, recovery and window intents to their channels', async () => {
    electron.ipcRenderer.invoke.mockClear()
    const save = { text: '{}', suggestedName: 'm.bpmodel', fileId: 2, as: false }
    const copy = { name: 'Untitled', savedAt: 1, text: '{}' }
    const state = { ...NEW_DOCUMENT, dirty: true }
    await api.openFile('csv')
    await api.saveModel(save)
    await api.writeRecovery(copy)
    await api.readRecovery()
    await api.clearRecovery()
    await api.setDocumentState(state)
    await api.setTheme('dark')
    await api.confirmClose()
    expect(electron.ipcRenderer.invoke.mock.calls).toEqual([
      ['file:open', 'csv'],
      ['file:save-model', save],
      ['recovery:write', copy],
      ['recovery:read'],
      ['recovery:clear'],
      ['app:document-state', state],
      ['app:theme', 'dark'],
      ['app:confirm-close'],
    ])
    expect(api.nativeFilePicker()).toBe(true)
  })

  it('opens a dropped file by the path Electron knows for it, and refuses a File the page made up', async () => {
    electron.ipcRenderer.invoke.mockClear()
    const dropped = { name: 'moons.bpmodel', size: 10, text: async () => '' }
    await api.openDroppedFile(dropped)
    expect(electron.ipcRenderer.invoke.mock.calls).toEqual([['file:open-dropped', '/home/ada/moons.bpmodel']])
    const madeUp = { name: 'made-up.bpmodel', size: 10, text: async () => '' }
    await expect(api.openDroppedFile(madeUp)).rejects.toThrow(/drop a file from a folder/)
    expect(electron.ipcRenderer.invoke).toHaveBeenCalledTimes(1)
  })

  it('delivers menu commands without the IPC event, until unsubscribed', () => {
    const seen: unknown[] = []
    const off = api.onMenuCommand((c) => seen.push(c))
    const fire = () =>
      (electron.listeners.get('menu:command') ?? []).forEach((f) => f({ sender: 'secret' }, { type: 'save' }))
    fire()
    expect(seen).toEqual([{ type: 'save' }])
    off()
    fire()
    expect(seen).toHaveLength(1)
  })
})

/**
 * The preload: gives the page `window.backprop`, an intent-level API (load, play, pause, open,
 * save, ...), and nothing else from Electron. The page never sees ipcRenderer, a channel name or
 * a path: a dropped file's path is read here, from the File the page received, and only main
 * opens it.
 */
import { contextBridge, ipcRenderer, webUtils } from 'electron'
import type { IpcRendererEvent } from 'electron'
import {
  intentApi,
  type DroppedFile,
  type EventChannels,
  type InvokeChannel,
  type InvokeChannels,
} from '../../shared/src/ipc.ts'
import { cleanIpcError } from './ipc-error.ts'

async function invoke<C extends InvokeChannel>(
  channel: C,
  ...args: InvokeChannels[C]['args']
): Promise<InvokeChannels[C]['ret']> {
  try {
    return (await ipcRenderer.invoke(channel, ...args)) as InvokeChannels[C]['ret']
  } catch (e) {
    throw cleanIpcError(e)
  }
}

/** Subscribes to one main → renderer channel; the page's callback never receives the IPC event (it would leak `sender`). */
function subscribe<C extends keyof EventChannels>(channel: C) {
  return (cb: (payload: EventChannels[C]) => void) => {
    const listener = (_event: IpcRendererEvent, payload: EventChannels[C]) => cb(payload)
    ipcRenderer.on(channel, listener)
    return () => {
      ipcRenderer.removeListener(channel, listener)
    }
  }
}

const api = intentApi('electron', invoke, subscribe('trainer:event'), {
  async openDroppedFile(file: DroppedFile) {
    // Empty for a File the page made itself: only files that exist on disk have a path.
    let path = ''
    try {
      path = webUtils.getPathForFile(file as File)
    } catch {
      path = ''
    }
    if (!path)
      throw new Error(`"${file?.name}" could not be opened: drop a file from a folder on this computer.`)
    return invoke('file:open-dropped', path)
  },
  nativeFilePicker: () => true,
  onMenuCommand: subscribe('menu:command'),
})

contextBridge.exposeInMainWorld('backprop', api)

/**
 * The preload: gives the page `window.backprop`, an intent-level API (load, play, pause, ...),
 * and nothing else from Electron. The page never sees ipcRenderer or a channel name.
 */
import { contextBridge, ipcRenderer } from 'electron'
import type { IpcRendererEvent } from 'electron'
import {
  intentApi,
  type InvokeChannel,
  type InvokeChannels,
  type TrainerEvent,
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

const api = intentApi('electron', invoke, (cb) => {
  // Wrapped so the page's callback never receives the IPC event (which would leak `sender`).
  const listener = (_event: IpcRendererEvent, e: TrainerEvent) => cb(e)
  ipcRenderer.on('trainer:event', listener)
  return () => {
    ipcRenderer.removeListener('trainer:event', listener)
  }
})

contextBridge.exposeInMainWorld('backprop', api)

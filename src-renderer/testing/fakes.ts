/** Test doubles for the bridge: a trainer "worker" running in this thread, and a scripted AppApi. */
import type { AppApi, TrainerEvent } from '../../shared/src/ipc.ts'
import { createTrainer, type TrainerOptions } from '../../shared/src/train/trainer.ts'
import type { WorkerMessage, WorkerRequest } from '../../shared/src/worker-protocol.ts'
import type { WorkerPort } from '../bridge/web.ts'

type Listener = (e: { data?: unknown; message?: string; preventDefault?: () => void }) => void

/**
 * shared/'s real trainer behind a WorkerPort, with a real worker's manners: messages are
 * structured-cloned and delivered asynchronously in order.
 */
export function inThreadWorker(options: TrainerOptions = { gridSize: 10, frameMs: 10 }) {
  const listeners: Record<string, Listener[]> = { message: [], error: [], messageerror: [] }
  const received: WorkerMessage[] = []
  let alive = true
  const trainer = createTrainer(
    {
      now: () => performance.now(),
      setTimer: (fn, ms) => setTimeout(fn, ms),
      clearTimer: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
      post: (msg) => {
        const copy = structuredClone(msg)
        setTimeout(() => {
          if (!alive) return
          received.push(copy)
          for (const l of listeners.message) l({ data: copy })
        }, 0)
      },
    },
    options,
  )
  const port = {
    postMessage(req: WorkerRequest) {
      const copy = structuredClone(req)
      setTimeout(() => alive && trainer.handle(copy), 0)
    },
    addEventListener(type: string, l: Listener) {
      listeners[type].push(l)
    },
  } as unknown as WorkerPort
  return {
    port,
    received,
    /** Simulates the worker script failing (as a Worker's 'error' event would report it). */
    crash(message: string) {
      alive = false
      trainer.dispose()
      for (const l of listeners.error) l({ message, preventDefault() {} })
    },
    dispose() {
      alive = false
      trainer.dispose()
    },
  }
}

/** An AppApi that records every call and lets the test play the trainer's events. */
export function scriptedApi() {
  const calls: { name: string; args: unknown[] }[] = []
  const listeners = new Set<(e: TrainerEvent) => void>()
  const failures = new Map<string, string>()
  const record =
    (name: string) =>
    async (...args: unknown[]) => {
      calls.push({ name, args })
      const failure = failures.get(name)
      if (failure) throw new Error(failure)
    }
  const api: AppApi = {
    platform: 'web',
    loadModel: record('loadModel'),
    play: record('play'),
    pause: record('pause'),
    step: record('step'),
    reset: record('reset'),
    updateTraining: record('updateTraining'),
    setPace: record('setPace'),
    snapshot: async () => null,
    watch: record('watch'),
    updateDataset: record('updateDataset'),
    setView: record('setView'),
    serializeModel: async () => null,
    // Time travel: recorded; the scripted trainer has no past (a test scripts one with the real trainer).
    lookBack: async (...args: unknown[]) => (calls.push({ name: 'lookBack', args }), null),
    continueFrom: async (...args: unknown[]) => {
      calls.push({ name: 'continueFrom', args })
      throw new Error('scriptedApi keeps no snapshots')
    },
    undoContinue: record('undoContinue'),
    exportTimeline: async (...args: unknown[]) => (calls.push({ name: 'exportTimeline', args }), null),
    importTimeline: record('importTimeline'),
    exportFile: async (...args: unknown[]) => {
      calls.push({ name: 'exportFile', args })
      const failure = failures.get('exportFile')
      if (failure) throw new Error(failure)
      return (args[0] as { suggestedName: string }).suggestedName
    },
    onTrainerEvent(cb) {
      listeners.add(cb)
      return () => listeners.delete(cb)
    },
    // Files and the window (issue 8/10): recorded; opening and saving answer "cancelled".
    openFile: async (...args: unknown[]) => (calls.push({ name: 'openFile', args }), null),
    openDroppedFile: async (...args: unknown[]) => {
      calls.push({ name: 'openDroppedFile', args })
      throw new Error('scriptedApi opens no files')
    },
    saveModel: async (...args: unknown[]) => (calls.push({ name: 'saveModel', args }), null),
    nativeFilePicker: () => false,
    writeRecovery: record('writeRecovery'),
    readRecovery: async () => null,
    clearRecovery: record('clearRecovery'),
    setDocumentState: record('setDocumentState'),
    setTheme: record('setTheme'),
    confirmClose: record('confirmClose'),
    onMenuCommand: () => () => {},
  }
  return {
    api,
    calls,
    names: () => calls.map((c) => c.name),
    emit: (e: TrainerEvent) => listeners.forEach((l) => l(e)),
    failNext: (name: string, message: string) => failures.set(name, message),
    listenerCount: () => listeners.size,
  }
}

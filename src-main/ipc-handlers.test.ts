import { describe, it, expect, vi } from 'vitest'
import { INVOKE_CHANNELS } from '../shared/src/ipc.ts'
import { registerInvokeHandlers, UNTRUSTED_SENDER_MESSAGE } from './ipc-handlers.ts'
import type { IpcMainLike } from './ipc-handlers.ts'

type Event = { trusted: boolean }
type Handler = (event: Event, ...args: unknown[]) => unknown

function setup() {
  const handlers = new Map<string, Handler>()
  const ipcMain: IpcMainLike<Event> = {
    handle: (channel, listener) => void handlers.set(channel, listener),
    removeHandler: (channel) => void handlers.delete(channel),
  }
  const invoke = vi.fn(async (channel: string) => (channel === 'trainer:snapshot' ? null : undefined))
  const unregister = registerInvokeHandlers(ipcMain, { isTrustedSender: (e) => e.trusted, invoke })
  const call = (channel: string, event: Event, ...args: unknown[]) =>
    Promise.resolve(handlers.get(channel)!(event, ...args))
  return { handlers, invoke, unregister, call }
}

const trusted = { trusted: true }

describe('registerInvokeHandlers', () => {
  it('registers one handler per invoke channel and removes them all', () => {
    const { handlers, unregister } = setup()
    expect([...handlers.keys()].sort()).toEqual([...INVOKE_CHANNELS].sort())
    unregister()
    expect(handlers.size).toBe(0)
  })

  it('passes checked requests from the app window on to the trainer', async () => {
    const { call, invoke } = setup()
    await expect(call('trainer:step', trusted, 5)).resolves.toBeUndefined()
    await expect(call('trainer:snapshot', trusted)).resolves.toBeNull()
    expect(invoke).toHaveBeenCalledWith('trainer:step', [5])
    expect(invoke).toHaveBeenCalledWith('trainer:snapshot', [])
  })

  it('refuses every channel from an untrusted sender without reaching the trainer', async () => {
    const { call, invoke } = setup()
    for (const channel of INVOKE_CHANNELS)
      await expect(call(channel, { trusted: false })).rejects.toThrow(UNTRUSTED_SENDER_MESSAGE)
    expect(invoke).not.toHaveBeenCalled()
  })

  it('answers bad arguments with an error that says what was expected', async () => {
    const { call, invoke } = setup()
    await expect(call('trainer:step', trusted, -3)).rejects.toThrow(/whole number from 1 to/)
    await expect(call('trainer:step', trusted)).rejects.toThrow(/takes 1 argument, got 0/)
    await expect(call('trainer:play', trusted, 'extra')).rejects.toThrow(/takes 0 arguments, got 1/)
    await expect(call('trainer:load', trusted, { format: 'nope' })).rejects.toThrow(/format must be/)
    await expect(call('trainer:update', trusted, { learningRate: 1 })).rejects.toThrow(
      /unknown field "learningRate"/,
    )
    expect(invoke).not.toHaveBeenCalled()
  })

  it('passes the trainer’s own errors back as rejections', async () => {
    const { call, invoke } = setup()
    invoke.mockRejectedValueOnce(new Error('No model is loaded yet: load one before training.'))
    await expect(call('trainer:play', trusted)).rejects.toThrow(/No model is loaded yet/)
  })
})

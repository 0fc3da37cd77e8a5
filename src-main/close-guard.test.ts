import { describe, it, expect, vi } from 'vitest'
import { createCloseGuard, type CloseAnswer } from './close-guard.ts'

function setup(dirty: boolean, answers: CloseAnswer[]) {
  const log: string[] = []
  const state = { dirty }
  const guard = createCloseGuard({
    isDirty: () => state.dirty,
    ask: vi.fn(async () => {
      log.push('ask')
      return answers.shift() ?? 'cancel'
    }),
    requestSave: (then) => void log.push(`save then ${then}`),
    close: () => {
      log.push('close')
      // The window's own close comes back through the guard, as Electron's 'close' event would.
      guard.onClose(event())
    },
    quit: () => void log.push('quit'),
  })
  return { guard, log, state }
}

function event() {
  return {
    prevented: false,
    preventDefault() {
      this.prevented = true
    },
  }
}

const settle = () => new Promise((r) => setTimeout(r, 0))

describe('the unsaved-changes prompt', () => {
  it('lets a clean window close without asking', () => {
    const { guard, log } = setup(false, [])
    const e = event()
    guard.onClose(e)
    expect(e.prevented).toBe(false)
    expect(log).toEqual([])
  })

  it('Cancel keeps the window open', async () => {
    const { guard, log } = setup(true, ['cancel'])
    const e = event()
    guard.onClose(e)
    expect(e.prevented).toBe(true)
    await settle()
    expect(log).toEqual(['ask'])
  })

  it("Don't Save closes", async () => {
    const { guard, log } = setup(true, ['discard'])
    guard.onClose(event())
    await settle()
    expect(log).toEqual(['ask', 'close'])
  })

  it('Save asks the page to save and closes only once it confirms', async () => {
    const { guard, log } = setup(true, ['save'])
    guard.onClose(event())
    await settle()
    expect(log).toEqual(['ask', 'save then close'])
    expect(guard.confirmClose()).toBe(true)
    expect(log).toEqual(['ask', 'save then close', 'close'])
    // A confirm with nothing pending does nothing.
    expect(guard.confirmClose()).toBe(false)
  })

  it('a confirm without a save request (a page acting on its own) closes nothing', () => {
    const { guard, log } = setup(true, [])
    expect(guard.confirmClose()).toBe(false)
    expect(log).toEqual([])
  })

  it('quitting asks too, and goes on quitting after Save or Don’t Save', async () => {
    const { guard, log } = setup(true, ['save', 'discard'])
    guard.beforeQuit()
    guard.onClose(event())
    await settle()
    expect(log).toEqual(['ask', 'save then quit'])
    guard.confirmClose()
    expect(log.at(-1)).toBe('quit')
    const second = setup(true, ['discard'])
    second.guard.beforeQuit()
    second.guard.onClose(event())
    await settle()
    expect(second.log).toEqual(['ask', 'quit'])
  })

  it('after a cancelled quit, a plain close is a close, and a second close while asking asks once', async () => {
    const { guard, log } = setup(true, ['cancel', 'discard'])
    guard.beforeQuit()
    guard.onClose(event())
    await settle()
    guard.onClose(event())
    guard.onClose(event())
    await settle()
    expect(log).toEqual(['ask', 'ask', 'close'])
  })

  it('a page that saved by itself meanwhile closes without asking', () => {
    const { guard, state, log } = setup(true, [])
    state.dirty = false
    const e = event()
    guard.onClose(e)
    expect(e.prevented).toBe(false)
    expect(log).toEqual([])
  })

  it('a quit that went through a clean close does not make a later close quit', async () => {
    const { guard, state, log } = setup(false, ['discard'])
    guard.beforeQuit()
    guard.onClose(event())
    state.dirty = true
    guard.onClose(event())
    await settle()
    expect(log).toEqual(['ask', 'close'])
  })
})

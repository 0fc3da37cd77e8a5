import { describe, expect, it } from 'vitest'
import { EditHistory, MAX_HISTORY } from './edit-history.ts'

describe('EditHistory', () => {
  it('undoes and redoes edits in order, with their labels', () => {
    const h = new EditHistory<string>()
    expect(h.canUndo).toBe(false)
    expect(h.undo('a')).toBeNull()
    h.push('a', 'first')
    h.push('ab', 'second')
    expect(h.undoLabel).toBe('second')
    expect(h.undo('abc')).toBe('ab')
    expect(h.redoLabel).toBe('second')
    expect(h.undo('ab')).toBe('a')
    expect(h.canUndo).toBe(false)
    expect(h.redo('a')).toBe('ab')
    expect(h.redo('ab')).toBe('abc')
    expect(h.redo('abc')).toBeNull()
    expect(h.undoLabel).toBe('second')
  })

  it('forgets what could be redone when a new edit is made', () => {
    const h = new EditHistory<number>()
    h.push(1, 'x')
    h.push(2, 'y')
    expect(h.undo(3)).toBe(2)
    h.push(2, 'z')
    expect(h.canRedo).toBe(false)
    expect(h.undo(4)).toBe(2)
    expect(h.undoLabel).toBe('x')
  })

  it(`keeps at most ${MAX_HISTORY} steps by default, dropping the oldest`, () => {
    const h = new EditHistory<number>()
    for (let i = 0; i < MAX_HISTORY + 50; i++) h.push(i, `edit ${i}`)
    expect(h.size).toBe(MAX_HISTORY)
    let state = MAX_HISTORY + 50
    let undone = 0
    for (let s = h.undo(state); s !== null; s = h.undo(state)) {
      state = s
      undone++
    }
    expect(undone).toBe(MAX_HISTORY)
    expect(state).toBe(50) // the first 50 edits are beyond reach
    expect(() => new EditHistory(0)).toThrow(/whole number/)
  })
})

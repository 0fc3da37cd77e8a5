import { describe, it, expect } from 'vitest'
import { cleanIpcError } from './ipc-error.ts'

describe('cleanIpcError', () => {
  it("removes Electron's remote-method prefix and the error class name", () => {
    const e = new Error("Error invoking remote method 'trainer:step': Error: No model is loaded yet.")
    expect(cleanIpcError(e).message).toBe('No model is loaded yet.')
    const v = new Error(
      "Error invoking remote method 'trainer:load': IpcArgumentError: The model must be an object.",
    )
    expect(cleanIpcError(v).message).toBe('The model must be an object.')
  })

  it('leaves other messages alone and turns non-errors into errors', () => {
    expect(cleanIpcError(new Error('plain')).message).toBe('plain')
    expect(cleanIpcError('text')).toBeInstanceOf(Error)
    expect(cleanIpcError('text').message).toBe('text')
  })
})

/** The checks of the file, recovery, document-state and menu-related requests (ipc-validate.ts). */
import { describe, it, expect } from 'vitest'
import { MAX_OPEN_BYTES } from './ipc.ts'
import {
  IpcArgumentError,
  validateDocumentState,
  validateDroppedPath,
  validateInvokeArgs,
  validateRecoveryCopy,
  validateSaveModelRequest,
} from './ipc-validate.ts'

const refused = (f: () => unknown, message?: RegExp) => {
  expect(f).toThrow(IpcArgumentError)
  if (message) expect(f).toThrow(message)
}

const save = { text: '{}', suggestedName: 'moons.bpmodel', fileId: null, as: false }
const state = {
  fileName: 'moons.bpmodel',
  fileId: 3,
  dirty: true,
  running: false,
  canUndo: true,
  canRedo: false,
}

describe('file:open and app:theme', () => {
  it('take one known kind or theme', () => {
    expect(validateInvokeArgs('file:open', ['bpmodel'])).toEqual(['bpmodel'])
    expect(validateInvokeArgs('file:open', ['csv'])).toEqual(['csv'])
    refused(() => validateInvokeArgs('file:open', ['/etc/passwd']), /one of "bpmodel", "csv"/)
    refused(() => validateInvokeArgs('file:open', []), /takes 1 argument/)
    expect(validateInvokeArgs('app:theme', ['dark'])).toEqual(['dark'])
    refused(() => validateInvokeArgs('app:theme', ['purple']), /"system", "light", "dark"/)
    for (const c of ['recovery:read', 'recovery:clear', 'app:confirm-close'] as const) {
      expect(validateInvokeArgs(c, [])).toEqual([])
      refused(() => validateInvokeArgs(c, ['x']))
    }
  })
})

describe('validateDroppedPath', () => {
  it('accepts the path of a .bpmodel or .csv file, any case', () => {
    expect(validateDroppedPath('/home/ada/moons.bpmodel')).toBe('/home/ada/moons.bpmodel')
    expect(validateDroppedPath('C:\\Users\\ada\\DATA.CSV')).toBe('C:\\Users\\ada\\DATA.CSV')
  })

  it('refuses other files, empty or absurd paths, NUL and non-strings', () => {
    for (const bad of [
      '',
      '/etc/passwd',
      '/tmp/a.bpmodel\u0000.txt',
      'x'.repeat(40_000) + '.csv',
      3,
      null,
      {},
    ])
      refused(() => validateDroppedPath(bad), /path of a .bpmodel or .csv file/)
  })
})

describe('validateSaveModelRequest', () => {
  it('passes a save or a save-as on as a clean copy', () => {
    expect(validateSaveModelRequest(save)).toEqual(save)
    expect(validateSaveModelRequest({ ...save, fileId: 7, as: true })).toEqual({
      ...save,
      fileId: 7,
      as: true,
    })
  })

  it('refuses paths for names, other extensions, bad handles, extra fields and huge text', () => {
    refused(() => validateSaveModelRequest({ ...save, suggestedName: '/tmp/evil.bpmodel' }), /file name/)
    refused(() => validateSaveModelRequest({ ...save, suggestedName: '..\\evil.bpmodel' }), /file name/)
    refused(() => validateSaveModelRequest({ ...save, suggestedName: 'moons.json' }), /ending in .bpmodel/)
    for (const id of [0, -1, 1.5, NaN, '3'])
      refused(() => validateSaveModelRequest({ ...save, fileId: id }), /file handle/)
    refused(() => validateSaveModelRequest({ ...save, path: '/tmp/x.bpmodel' }), /unknown field "path"/)
    refused(() => validateSaveModelRequest({ ...save, as: 'yes' }), /true or false/)
    refused(() => validateSaveModelRequest({ ...save, text: 42 }), /text/)
    refused(
      () => validateSaveModelRequest({ ...save, text: 'x'.repeat(MAX_OPEN_BYTES + 1) }),
      new RegExp(`at most ${MAX_OPEN_BYTES} characters`),
    )
  })
})

describe('validateRecoveryCopy', () => {
  it('takes a name, a time and the model text', () => {
    const copy = { name: 'Untitled', savedAt: 1_700_000_000_000, text: '{}' }
    expect(validateRecoveryCopy(copy)).toEqual(copy)
    refused(() => validateRecoveryCopy({ ...copy, savedAt: NaN }), /savedAt/)
    refused(() => validateRecoveryCopy({ ...copy, name: '../x' }), /name/)
    refused(() => validateRecoveryCopy({ ...copy, extra: 1 }), /unknown field/)
    refused(() => validateRecoveryCopy(null), /an object/)
  })
})

describe('validateDocumentState', () => {
  it('takes a plain file name or null, a handle or null, and four booleans', () => {
    expect(validateDocumentState(state)).toEqual(state)
    const untitled = { ...state, fileName: null, fileId: null }
    expect(validateDocumentState(untitled)).toEqual(untitled)
    refused(() => validateDocumentState({ ...state, dirty: 1 }), /dirty must be true or false/)
    refused(() => validateDocumentState({ ...state, fileName: '/home/ada/x.bpmodel' }), /fileName/)
    refused(() => validateDocumentState({ ...state, title: 'x' }), /unknown field "title"/)
    const { canRedo: _omitted, ...missing } = state
    refused(() => validateDocumentState(missing), /canRedo/)
  })
})

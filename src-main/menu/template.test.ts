import { describe, it, expect } from 'vitest'
import type { MenuItemConstructorOptions } from 'electron'
import { NEW_DOCUMENT, type DocumentState } from '../../shared/src/ipc.ts'
import { menuTemplate, type MenuAction, type MenuState } from './template.ts'

const clean: DocumentState = NEW_DOCUMENT

function state(overrides: Partial<MenuState> = {}, doc: Partial<DocumentState> = {}): MenuState {
  return {
    platform: 'linux',
    appName: 'Backprop Studio',
    development: false,
    document: { ...clean, ...doc },
    theme: 'system',
    recent: [],
    ...overrides,
  }
}

/** Every item, depth first. */
function all(items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return items.flatMap((i) => [i, ...(Array.isArray(i.submenu) ? all(i.submenu) : [])])
}

function build(s: MenuState) {
  const actions: MenuAction[] = []
  const template = menuTemplate(s, (a) => actions.push(a))
  const byId = (id: string) => {
    const found = all(template).find((i) => i.id === id)
    if (!found) throw new Error(`no item ${id}`)
    return found
  }
  const click = (id: string) => (byId(id).click as () => void)()
  return { template, actions, byId, click, labels: () => template.map((i) => i.label ?? i.role) }
}

describe('menuTemplate', () => {
  it('has File, Edit, View, Training and Help, and the app menu and Window menu only on macOS', () => {
    expect(build(state()).labels()).toEqual(['&File', '&Edit', '&View', '&Training', '&Help'])
    expect(build(state({ platform: 'darwin' })).labels()).toEqual([
      'Backprop Studio',
      '&File',
      '&Edit',
      '&View',
      '&Training',
      'windowMenu',
      '&Help',
    ])
  })

  it('sends each item’s intent to the page', () => {
    const m = build(state({}, { dirty: true, canUndo: true, canRedo: true }))
    const ids = [
      'file-new',
      'file-open',
      'file-save',
      'file-save-as',
      'file-import-csv',
      'file-export-csv',
      'file-export-png',
      'file-export-svg',
      'edit-undo',
      'edit-redo',
      'training-play-pause',
      'training-step',
      'training-reset',
      'help-shortcuts',
      'help-about',
      'view-theme-dark',
    ]
    for (const id of ids) m.click(id)
    expect(m.actions.map((a) => (a.type === 'command' ? a.command : a))).toEqual([
      { type: 'new' },
      { type: 'open' },
      { type: 'save' },
      { type: 'save-as' },
      { type: 'import-csv' },
      { type: 'export-csv' },
      { type: 'export-png' },
      { type: 'export-svg' },
      { type: 'undo' },
      { type: 'redo' },
      { type: 'play-pause' },
      { type: 'step' },
      { type: 'reset' },
      { type: 'shortcuts' },
      { type: 'about' },
      { type: 'theme', theme: 'dark' },
    ])
  })

  it('reflects the document: Save only when dirty, Pause while playing, Undo and Redo when possible', () => {
    const idle = build(state())
    expect(idle.byId('file-save').enabled).toBe(false)
    expect(idle.byId('training-play-pause').label).toBe('Play')
    expect(idle.byId('edit-undo').enabled).toBe(false)
    expect(idle.byId('edit-redo').enabled).toBe(false)
    const busy = build(state({}, { dirty: true, running: true, canUndo: true }))
    expect(busy.byId('file-save').enabled).toBe(true)
    expect(busy.byId('training-play-pause').label).toBe('Pause')
    expect(busy.byId('edit-undo').enabled).toBe(true)
    expect(busy.byId('edit-redo').enabled).toBe(false)
  })

  it('has the accelerators people expect, and leaves Space to the page', () => {
    const m = build(state())
    expect(m.byId('file-new').accelerator).toBe('CmdOrCtrl+N')
    expect(m.byId('file-open').accelerator).toBe('CmdOrCtrl+O')
    expect(m.byId('file-save').accelerator).toBe('CmdOrCtrl+S')
    expect(m.byId('file-save-as').accelerator).toBe('CmdOrCtrl+Shift+S')
    expect(m.byId('edit-undo').accelerator).toBe('CmdOrCtrl+Z')
    expect(m.byId('edit-redo').accelerator).toBe('Ctrl+Y')
    expect(build(state({ platform: 'darwin' })).byId('edit-redo').accelerator).toBe('Cmd+Shift+Z')
    expect(m.byId('training-play-pause')).toMatchObject({ accelerator: 'Space', registerAccelerator: false })
    const accelerators = all(m.template).flatMap((i) => (i.accelerator ? [String(i.accelerator)] : []))
    expect(new Set(accelerators).size).toBe(accelerators.length)
  })

  it('keeps text editing roles in Edit and the close role in File', () => {
    const m = build(state())
    const edit = m.template.find((i) => i.id === 'edit')!.submenu as MenuItemConstructorOptions[]
    expect(edit.flatMap((i) => (i.role ? [i.role] : []))).toEqual(['cut', 'copy', 'paste', 'selectAll'])
    expect(m.byId('file-close').role).toBe('close')
  })

  it('checks the current theme', () => {
    const m = build(state({ theme: 'light' }))
    expect(['system', 'light', 'dark'].map((t) => m.byId(`view-theme-${t}`).checked)).toEqual([
      false,
      true,
      false,
    ])
  })

  it('offers developer tools only in development builds', () => {
    const roles = (s: MenuState) => all(build(s).template).map((i) => i.role)
    expect(roles(state())).not.toContain('toggleDevTools')
    expect(roles(state({ development: true }))).toContain('toggleDevTools')
  })

  it('lists recent files by name, with the folder when two share a name, and clears them', () => {
    const recent = ['/a/moons.bpmodel', '/b/moons.bpmodel', '/c/R&D.csv']
    const m = build(state({ recent }))
    expect(m.byId('file-recent-0').label).toBe('moons.bpmodel — /a')
    expect(m.byId('file-recent-1').label).toBe('moons.bpmodel — /b')
    expect(m.byId('file-recent-2').label).toBe('R&&D.csv')
    m.click('file-recent-1')
    m.click('file-recent-clear')
    expect(m.actions).toEqual([{ type: 'open-recent', path: '/b/moons.bpmodel' }, { type: 'clear-recent' }])
    expect(build(state()).byId('file-recent-clear').enabled).toBe(false)
  })

  it('is the same for the same state (a pure function)', () => {
    const s = state({ recent: ['/a/x.csv'] }, { dirty: true })
    const strip = (t: MenuItemConstructorOptions[]) => JSON.stringify(t)
    expect(strip(build(s).template)).toBe(strip(build(s).template))
  })
})

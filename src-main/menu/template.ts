/**
 * The native menus as a pure function of the app's state: the same state gives the same menus,
 * so they are tested as data. Items send intents (MenuAction) through `dispatch`; main forwards
 * most of them to the page as MenuCommands and handles the recent list itself.
 */
import type { MenuItemConstructorOptions } from 'electron'
import type { DocumentState, MenuCommand, PlainMenuCommand, Theme } from '../../shared/src/ipc.ts'

export interface MenuState {
  /** process.platform: macOS gets the app menu and its own Close/Window conventions. */
  platform: string
  appName: string
  /** Development builds get the developer tools. */
  development: boolean
  document: DocumentState
  theme: Theme
  /** Full paths, newest first. */
  recent: readonly string[]
}

/** What a menu item asks for. */
export type MenuAction =
  { type: 'command'; command: MenuCommand } | { type: 'open-recent'; path: string } | { type: 'clear-recent' }

/** The last part of a path, on any system (the menu may show Windows paths on Linux in tests). */
function fileName(path: string): string {
  return path.split(/[\\/]/).pop() || path
}

/** A recent file's label: its name, and its folder when two recent files share a name. */
function recentLabel(path: string, all: readonly string[]): string {
  const name = fileName(path)
  const twins = all.filter((p) => fileName(p) === name).length > 1
  // '&' would be read as a mnemonic marker on Windows and Linux.
  return (twins ? `${name} — ${path.slice(0, path.length - name.length - 1)}` : name).replace(/&/g, '&&')
}

/** The application menu for `state`. */
export function menuTemplate(
  state: MenuState,
  dispatch: (action: MenuAction) => void,
): MenuItemConstructorOptions[] {
  const mac = state.platform === 'darwin'
  const doc = state.document
  const send = (command: MenuCommand) => () => dispatch({ type: 'command', command })
  const item = (
    id: string,
    label: string,
    type: PlainMenuCommand,
    extra: Partial<MenuItemConstructorOptions> = {},
  ): MenuItemConstructorOptions => ({ id, label, click: send({ type }), ...extra })

  const recent: MenuItemConstructorOptions[] = [
    ...state.recent.map((path, i): MenuItemConstructorOptions => ({
      id: `file-recent-${i}`,
      label: recentLabel(path, state.recent),
      toolTip: path,
      click: () => dispatch({ type: 'open-recent', path }),
    })),
    ...(state.recent.length > 0 ? [{ type: 'separator' as const }] : []),
    {
      id: 'file-recent-clear',
      label: 'Clear Recent',
      enabled: state.recent.length > 0,
      click: () => dispatch({ type: 'clear-recent' }),
    },
  ]

  const file: MenuItemConstructorOptions = {
    id: 'file',
    label: '&File',
    submenu: [
      item('file-new', 'New', 'new', { accelerator: 'CmdOrCtrl+N' }),
      item('file-open', 'Open…', 'open', { accelerator: 'CmdOrCtrl+O' }),
      { id: 'file-recent', label: 'Open Recent', submenu: recent },
      { type: 'separator' },
      {
        id: 'file-save',
        label: 'Save',
        accelerator: 'CmdOrCtrl+S',
        enabled: doc.dirty,
        click: send({ type: 'save' }),
      },
      item('file-save-as', 'Save As…', 'save-as', { accelerator: 'CmdOrCtrl+Shift+S' }),
      { type: 'separator' },
      item('file-import-csv', 'Import CSV…', 'import-csv'),
      {
        id: 'file-export',
        label: 'Export',
        submenu: [
          item('file-export-csv', 'Dataset as CSV…', 'export-csv'),
          item('file-export-png', 'Plot as PNG…', 'export-png'),
          item('file-export-svg', 'Graph as SVG…', 'export-svg'),
        ],
      },
      { type: 'separator' },
      { id: 'file-close', label: 'Close Window', role: 'close' },
      ...(mac ? [] : [{ type: 'separator' as const }, { id: 'file-quit', role: 'quit' as const }]),
    ],
  }

  const edit: MenuItemConstructorOptions = {
    id: 'edit',
    label: '&Edit',
    submenu: [
      // The app's own undo (points drawn, network edits); the page runs a text field's undo itself.
      item('edit-undo', 'Undo', 'undo', { accelerator: 'CmdOrCtrl+Z', enabled: doc.canUndo }),
      item('edit-redo', 'Redo', 'redo', {
        accelerator: mac ? 'Cmd+Shift+Z' : 'Ctrl+Y',
        enabled: doc.canRedo,
      }),
      { type: 'separator' },
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      { role: 'selectAll' },
    ],
  }

  const themes: [Theme, string][] = [
    ['system', 'System'],
    ['light', 'Light'],
    ['dark', 'Dark'],
  ]
  const view: MenuItemConstructorOptions = {
    id: 'view',
    label: '&View',
    submenu: [
      {
        id: 'view-theme',
        label: 'Theme',
        submenu: themes.map(([theme, label]) => ({
          id: `view-theme-${theme}`,
          label,
          type: 'radio' as const,
          checked: state.theme === theme,
          click: send({ type: 'theme', theme }),
        })),
      },
      { type: 'separator' },
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
      ...(state.development
        ? [{ type: 'separator' as const }, { role: 'reload' as const }, { role: 'toggleDevTools' as const }]
        : []),
    ],
  }

  const training: MenuItemConstructorOptions = {
    id: 'training',
    label: '&Training',
    submenu: [
      // Space belongs to the page (it must not fire while typing): shown here, not registered.
      item('training-play-pause', doc.running ? 'Pause' : 'Play', 'play-pause', {
        accelerator: 'Space',
        registerAccelerator: false,
      }),
      item('training-step', 'Step', 'step', { accelerator: 'CmdOrCtrl+.' }),
      item('training-reset', 'Reset', 'reset', { accelerator: 'CmdOrCtrl+Alt+R' }),
    ],
  }

  const help: MenuItemConstructorOptions = {
    id: 'help',
    label: '&Help',
    role: 'help',
    submenu: [
      item('help-shortcuts', 'Keyboard Shortcuts', 'shortcuts', { accelerator: 'CmdOrCtrl+/' }),
      ...(mac ? [] : [item('help-about', `About ${state.appName}`, 'about')]),
    ],
  }

  const appMenu: MenuItemConstructorOptions = {
    id: 'app',
    label: state.appName,
    submenu: [
      { ...item('app-about', `About ${state.appName}`, 'about') },
      { type: 'separator' },
      { role: 'services' },
      { type: 'separator' },
      { role: 'hide' },
      { role: 'hideOthers' },
      { role: 'unhide' },
      { type: 'separator' },
      { role: 'quit' },
    ],
  }

  return [
    ...(mac ? [appMenu] : []),
    file,
    edit,
    view,
    training,
    ...(mac ? [{ id: 'window', role: 'windowMenu' as const }] : []),
    help,
  ]
}

/**
 * What each native menu item does in the page (desktop): menus send intents (MenuCommand), and this
 * is the one place that turns them into the same actions the page's own buttons and keys take.
 */
import type { AppApi, MenuCommand } from '../../shared/src/ipc.ts'
import { isTyping } from '../keyboard.ts'
import { useCommandsStore, type CommandName } from '../stores/commands.ts'
import { useDatasetStore } from '../stores/dataset.ts'
import { useDocumentStore } from '../stores/document.ts'
import { useSettingsStore } from '../stores/settings.ts'
import { useTrainingStore } from '../stores/training.ts'
import { useViewsStore, type ViewName } from '../stores/views.ts'

/** Where each component-held action lives, for when its view is not on screen. */
const HOME: Record<CommandName, ViewName> = {
  'import-csv': 'studio',
  'export-csv': 'studio',
  'export-png': 'studio',
  'export-svg': 'graph',
}

/** Runs an action a component offers, switching to its view first when that view is not shown. */
async function runInView(name: CommandName): Promise<void> {
  const commands = useCommandsStore()
  if (await commands.run(name)) return
  useViewsStore().current = HOME[name]
  // The view mounts (and offers the action) on the next frames; the graph also has to be laid out.
  for (let i = 0; i < 100 && !commands.has(name); i++) await new Promise((r) => setTimeout(r, 20))
  if (!(await commands.run(name)))
    useTrainingStore().error = 'That is not available right now: try again in a moment.'
}

/** Text fields keep their own undo: the menu's Undo and Redo go to them while one has focus. */
function undoRedo(redo: boolean): void {
  if (typeof document !== 'undefined' && isTyping(document.activeElement)) {
    document.execCommand(redo ? 'redo' : 'undo')
    return
  }
  const data = useDatasetStore()
  if (redo) data.redo()
  else data.undo()
}

export async function handleMenuCommand(command: MenuCommand, api: AppApi): Promise<void> {
  const doc = useDocumentStore()
  const training = useTrainingStore()
  switch (command.type) {
    case 'new':
      return void (await doc.newDocument())
    case 'open':
      return doc.open()
    case 'save':
      // Main asked before closing or quitting: once saved, let it go on.
      if ((await doc.save(false)) && command.then) await api.confirmClose()
      return
    case 'save-as':
      return void (await doc.save(true))
    case 'import-csv':
    case 'export-csv':
    case 'export-png':
    case 'export-svg':
      return runInView(command.type)
    case 'undo':
    case 'redo':
      return undoRedo(command.type === 'redo')
    case 'play-pause':
      return training.toggle()
    case 'step':
      return training.step()
    case 'reset':
      return training.reset()
    case 'theme':
      useSettingsStore().theme = command.theme
      return
    case 'shortcuts':
    case 'about':
      useViewsStore().help = command.type
      return
    case 'open-file':
      return void (await doc.openOpened(command.file))
    case 'open-failed':
      training.error = command.message
      return
  }
}

/**
 * Actions that live in a component (the CSV input, the plot's PNG export, the graph's SVG export),
 * reachable by name while that component is on screen, so a native menu item can run them.
 */
import { defineStore } from 'pinia'
import { onBeforeUnmount, onMounted, shallowReactive } from 'vue'

export type CommandName = 'import-csv' | 'export-csv' | 'export-png' | 'export-svg'

export const useCommandsStore = defineStore('commands', () => {
  const handlers = shallowReactive(new Map<CommandName, () => unknown>())

  /** Offers `run` under `name` until the returned function is called (a component's onBeforeUnmount). */
  function provide(name: CommandName, run: () => unknown): () => void {
    handlers.set(name, run)
    return () => {
      if (handlers.get(name) === run) handlers.delete(name)
    }
  }

  /** Runs the action if some component on screen offers it; false when none does. */
  async function run(name: CommandName): Promise<boolean> {
    const handler = handlers.get(name)
    if (!handler) return false
    await handler()
    return true
  }

  const has = (name: CommandName) => handlers.has(name)

  return { provide, run, has }
})

/** Offers `run` under `name` while the calling component is mounted. */
export function useCommand(name: CommandName, run: () => unknown): void {
  let release: (() => void) | null = null
  onMounted(() => (release = useCommandsStore().provide(name, run)))
  onBeforeUnmount(() => release?.())
}

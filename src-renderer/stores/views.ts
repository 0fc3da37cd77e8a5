/** Which of the three views is on screen (kept in a store: a model file and the menus set it too). */
import { defineStore } from 'pinia'
import { ref } from 'vue'

export type ViewName = 'studio' | 'graph' | 'lab'
export const VIEWS: readonly { id: ViewName; label: string }[] = [
  { id: 'studio', label: 'Studio' },
  { id: 'graph', label: 'Graph' },
  { id: 'lab', label: 'Expression lab' },
]

export const useViewsStore = defineStore('views', () => {
  const current = ref<ViewName>('studio')
  /** The Help dialog on screen, if any (the Help menu opens it). */
  const help = ref<'shortcuts' | 'about' | null>(null)
  return { current, help }
})

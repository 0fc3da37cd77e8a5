/** How the learner draws on the plot: the tool, the class, the brush, the picked group, what is shown. */
import { defineStore } from 'pinia'
import { ref, shallowRef, watch } from 'vue'
import { useDatasetStore } from './dataset.ts'
import type { PointRef } from './selection.ts'

export type Tool = 'add' | 'erase' | 'move' | 'select'

export interface ToolInfo {
  tool: Tool
  /** The button's accessible name (a contract: outside tests use these). */
  label: string
  /** The key that picks it. */
  key: string
  cursor: string
}

export const TOOLS: readonly ToolInfo[] = [
  { tool: 'add', label: 'Add points', key: 'a', cursor: 'crosshair' },
  { tool: 'erase', label: 'Erase points', key: 'e', cursor: 'cell' },
  { tool: 'move', label: 'Move points', key: 'm', cursor: 'grab' },
  { tool: 'select', label: 'Select points', key: 's', cursor: 'default' },
]

/** Brush radius in CSS pixels, and how many points one dab of the brush adds. */
export const BRUSH_SIZES = { min: 4, max: 60, default: 16 }
export const BRUSH_DENSITIES = { min: 1, max: 10, default: 3 }

export const useEditorStore = defineStore('editor', () => {
  const tool = ref<Tool>('add')
  /** The class new points get (an index into the dataset's classes). */
  const currentClass = ref(0)
  const brushSize = ref(BRUSH_SIZES.default)
  const brushDensity = ref(BRUSH_DENSITIES.default)
  /** Test points are drawn hollow; hidden, only training points show. */
  const hideTest = ref(false)
  /** Misclassified points outlined on the plot. */
  const showMistakes = ref(true)
  /** The points a Select rectangle took: Delete removes them, a drag inside moves them. */
  const group = shallowRef<PointRef[]>([])
  /** A point to show prominently while a list item (hardest points) is hovered or focused. */
  const highlight = shallowRef<PointRef | null>(null)

  // The group is a list of point positions: any edit but moving the group itself (undo, a new
  // preset, clear, an import, points added or erased) may put other points there, so it ends.
  let movingGroup = false
  /** Moves the group's points with `move` (an edit that keeps every point where it is in the lists). */
  function moveGroup(move: () => void): void {
    movingGroup = true
    try {
      move()
    } finally {
      movingGroup = false
    }
  }
  watch(
    () => useDatasetStore().dataset,
    () => {
      if (!movingGroup && group.value.length > 0) group.value = []
    },
    { flush: 'sync' },
  )

  return { tool, currentClass, brushSize, brushDensity, hideTest, showMistakes, group, highlight, moveGroup }
})

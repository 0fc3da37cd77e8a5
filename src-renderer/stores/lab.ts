/** The expression lab: the text the learner types, and the last program that parsed. */
import { defineStore } from 'pinia'
import { markRaw, ref, shallowRef } from 'vue'
import { LAB_EXAMPLES, LabError, parseProgram, type Program } from '../../shared/src/lab/index.ts'

export const useLabStore = defineStore('lab', () => {
  const source = ref(LAB_EXAMPLES[0].source)
  /** The last program that parsed: its graph stays while the text has a mistake. */
  const program = shallowRef<Program | null>(markRaw(parseProgram(LAB_EXAMPLES[0].source)))
  /** The mistake in the current text, with its place; null when it parsed. */
  const error = ref<LabError | null>(null)

  /** Parses the current text; on a mistake the previous program stays and `error` says where. */
  function run(): boolean {
    try {
      program.value = markRaw(parseProgram(source.value))
      error.value = null
      return true
    } catch (e) {
      error.value = e instanceof LabError ? e : new LabError(e instanceof Error ? e.message : String(e), 1, 1)
      return false
    }
  }

  function load(example: string): void {
    const found = LAB_EXAMPLES.find((e) => e.name === example)
    if (!found) return
    source.value = found.source
    run()
  }

  return { source, program, error, run, load }
})

/**
 * Run comparison: the learner pins the run being trained (its settings and its curves), changes
 * something, trains again, and sees both runs' curves side by side, each pinned one labelled by how
 * it differs from the current run.
 */
import { defineStore } from 'pinia'
import { computed, markRaw, ref } from 'vue'
import type { ModelFile } from '../../shared/src/model-file/types.ts'
import { curvePoints, type XY } from '../charts/epoch-log.ts'
import { runLabel } from '../charts/run-label.ts'
import { useDocumentStore } from './document.ts'
import { useTrainingStore } from './training.ts'

/** Pinned runs shown at once (each takes one of the palette's spare colours). */
export const MAX_PINNED_RUNS = 4

export interface RunCurves {
  loss: { train: XY[]; test: XY[] }
  accuracy: { train: XY[]; test: XY[] }
}

export interface PinnedRun {
  id: number
  /** The run as it was when pinned (settings, weights, history): what "Restore" brings back. */
  file: ModelFile
  epoch: number
  curves: RunCurves
  /** Which spare palette colour its curves use (0-based). */
  colour: number
}

export const useRunsStore = defineStore('runs', () => {
  const training = useTrainingStore()
  const pinned = ref<PinnedRun[]>([])
  /** Why the last pin did not happen, for the learner. */
  const problem = ref<string | null>(null)
  let nextId = 1

  const canPin = computed(() => pinned.value.length < MAX_PINNED_RUNS && training.liveEpoch > 0)

  /** Pins the current run; returns false (and says why) when it cannot. */
  async function pin(): Promise<boolean> {
    problem.value = null
    if (pinned.value.length >= MAX_PINNED_RUNS) {
      problem.value = `At most ${MAX_PINNED_RUNS} runs can be pinned: remove one to pin this run.`
      return false
    }
    if (training.liveEpoch === 0) {
      problem.value = 'Train this run for at least one epoch before pinning it.'
      return false
    }
    const file = await training.snapshot()
    if (!file) {
      problem.value = 'The trainer has no run to pin yet.'
      return false
    }
    const h = training.history
    const used = new Set(pinned.value.map((r) => r.colour))
    const colour = [0, 1, 2, 3].find((c) => !used.has(c)) ?? 0
    pinned.value.push({
      id: nextId++,
      file: markRaw(file),
      epoch: file.training.epoch,
      curves: markRaw({
        loss: { train: curvePoints(h, (m) => m.trainLoss), test: curvePoints(h, (m) => m.testLoss) },
        accuracy: {
          train: curvePoints(h, (m) => m.trainAccuracy),
          test: curvePoints(h, (m) => m.testAccuracy),
        },
      }),
      colour,
    })
    return true
  }

  /** Trains on from a pinned run again: its model (weights, history) and settings back in the app. */
  async function restore(id: number): Promise<boolean> {
    const run = pinned.value.find((r) => r.id === id)
    if (!run) return false
    return useDocumentStore().restoreRun(run.file, labels.value.get(id) ?? 'pinned')
  }

  function remove(id: number): void {
    pinned.value = pinned.value.filter((r) => r.id !== id)
  }

  /** Each pinned run's label: how it differs from the run being set up or trained now. */
  const labels = computed(() => {
    // Without pinned runs there is nothing to label: no model file built at every data edit.
    if (pinned.value.length === 0) return new Map<number, string>()
    let current: ModelFile | null = null
    try {
      current = training.modelFile()
    } catch {
      // A network that cannot be built right now: label by epoch only.
    }
    return new Map(
      pinned.value.map((r) => [
        r.id,
        `${current ? runLabel(r.file, current) : 'pinned'} (epoch ${r.epoch.toLocaleString('en')})`,
      ]),
    )
  })

  return { pinned, problem, canPin, pin, restore, remove, labels }
})

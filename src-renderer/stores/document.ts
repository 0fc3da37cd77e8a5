/**
 * The learner's work as a document: what file it is, whether it has unsaved changes, and the
 * actions on it (New, Open, Save, Save as, a dropped file, recovery after a crash). It gathers the
 * other stores into one `.bpmodel` file (the trainer writes the model, with the app's `studio`
 * object beside it) and puts a file back into all of them, so training continues exactly.
 *
 * Unsaved work is never dropped silently: New, Open and a file from the OS ask first (Save,
 * Discard, Cancel); closing the tab asks through the browser, closing the desktop window through
 * main. While the work is unsaved a recovery copy is kept about every 10 seconds.
 */
import { defineStore } from 'pinia'
import { computed, nextTick, ref, shallowRef, watch } from 'vue'
import type { AppApi, DroppedFile, OpenedFile, RecoveryCopy } from '../../shared/src/ipc.ts'
import { ModelFileError, parseModelDocument, serializeModelFile } from '../../shared/src/model-file/index.ts'
import type { ModelFile } from '../../shared/src/model-file/types.ts'
import { TrainingSession } from '../../shared/src/train/session.ts'
import { fileStem } from '../components/data/file-name.ts'
import { readStudio, STUDIO_VERSION, type StudioState } from '../document/studio-state.ts'
import { useCsvImportStore } from './csv-import.ts'
import { useDatasetStore } from './dataset.ts'
import { useLabStore } from './lab.ts'
import { useNetworkStore, type Architecture } from './network.ts'
import { useSelectionStore } from './selection.ts'
import { useTrainingStore } from './training.ts'
import { useViewsStore } from './views.ts'

/** A recovery copy is written at most this often while the work is unsaved. */
export const RECOVERY_EVERY_MS = 10_000

export type SaveAnswer = 'save' | 'discard' | 'cancel'

/** The network editor's settings for a model file's network (its layers, inputs, how it started). */
export function architectureOf(file: ModelFile, saved?: StudioState['network']): Architecture {
  const layers = file.network.layers
  const output = layers[layers.length - 1]
  return {
    hidden: layers.slice(0, -1).map((l) => ({ units: l.weights.length, activation: l.activation })),
    inputs: [...file.network.inputs],
    outputActivation: output.activation,
    // A file from elsewhere says nothing of its first weights: the model file's seed, Xavier's draw.
    init: saved?.init ?? 'xavier',
    seed: saved?.seed ?? file.training.seed,
    binaryOutputs: file.dataset.classes.length === 2 && output.weights.length === 2 ? 2 : 1,
  }
}

/** "moons.bpmodel" for a document without a file yet, from the data's name. */
function suggestedName(dataName: string): string {
  return `${fileStem(dataName || 'model')}.bpmodel`
}

export const useDocumentStore = defineStore('document', () => {
  const training = useTrainingStore()
  const data = useDatasetStore()
  const network = useNetworkStore()
  const selection = useSelectionStore()
  const views = useViewsStore()
  const lab = useLabStore()

  /** The open file's name ("moons.bpmodel") and handle; null for a model never saved. */
  const fileName = ref<string | null>(null)
  const fileId = ref<number | null>(null)
  /** Counts changes to data, network, settings and training; the document is clean at `cleanRevision`. */
  const revision = ref(0)
  const cleanRevision = ref(0)
  const dirty = computed(() => revision.value !== cleanRevision.value)
  const displayName = computed(() => fileName.value ?? 'Untitled')
  /** The document title: the file's name, a dirty marker while unsaved. */
  const title = computed(() => `${dirty.value ? '• ' : ''}${displayName.value} — Backprop Studio`)
  /** Something to tell the learner about the last file action (what was opened, what was ignored). */
  const notice = ref<string | null>(null)
  /** The question on screen: save the unsaved work first? */
  const question = shallowRef<{ what: string; answer: (a: SaveAnswer) => void } | null>(null)
  /** A recovery copy found at start, offered back until answered. */
  const recoveryOffer = shallowRef<RecoveryCopy | null>(null)
  /** The picker the page uses where the platform has none (the browser's "Open model file" input). */
  let fileInput: HTMLInputElement | null = null

  let api: AppApi | null = null
  /**
   * Settled once start has run. A file chosen, dropped or saved while the app is still starting
   * waits for it: before, it was dropped without a word when it came a moment too early.
   */
  let markStarted: () => void = () => {}
  const started = new Promise<void>((resolve) => (markStarted = resolve))
  /** The fresh model the app starts with: what New goes back to. */
  let blank: { file: ModelFile; studio: StudioState } | null = null

  // Any change to what the file would hold makes the document dirty.
  watch(
    () => [
      data.dataset,
      network.layers,
      network.inputs.join(),
      network.seed,
      network.init,
      training.loss,
      training.optimizer,
      training.learningRate,
      training.momentum,
      training.batchSize,
      training.l1,
      training.l2,
      training.schedule,
      training.finalLearningRate,
      training.scheduleEpochs,
      training.speed,
      training.stopAt,
      // The run's own epoch: looking back along the timeline changes nothing in the file.
      training.liveEpoch,
    ],
    () => revision.value++,
  )

  /** Marks the document clean as of `at` (default: now, once the watchers have seen the last change). */
  async function markClean(at?: number): Promise<void> {
    await nextTick()
    await nextTick()
    cleanRevision.value = at ?? revision.value
  }

  function report(message: string): void {
    training.error = message
  }

  /** The app's part of the file (see studio-state.ts), as things stand now. */
  function captureStudio(): StudioState {
    return {
      version: STUDIO_VERSION,
      view: views.current,
      pace: { epochsPerSecond: training.speed, stopAtEpoch: training.stopAt },
      selected: selection.selected,
      data: { name: data.name, view: { ...data.view }, options: data.generationOptions() },
      network: { init: network.init, seed: network.seed },
      lab: { source: lab.source },
    }
  }

  /** The whole document as the text of a .bpmodel file (written by the trainer, off this thread). */
  async function documentText(): Promise<string> {
    await training.datasetSent()
    const studio = captureStudio()
    const timeline = training.loaded ? await training.timelineForFile() : null
    if (timeline) studio.timeline = timeline
    const text = training.loaded ? await api?.serializeModel(studio) : null
    // No model in the trainer (a network that cannot be built yet): the fresh one the stores describe.
    return text ?? serializeModelFile(training.modelFile(), studio)
  }

  /**
   * Puts a parsed file into every store and the trainer. Checked first by building its session
   * here, so a model the trainer would refuse leaves the open work as it was.
   */
  async function restore(file: ModelFile, state: StudioState, dataName: string): Promise<boolean> {
    TrainingSession.fromModelFile(file)
    const ok = await training.loadFile(
      file,
      () => {
        data.replace(file.dataset, state.data?.name ?? dataName, {
          view: state.data?.view,
          options: state.data?.options,
        })
        network.apply(architectureOf(file, state.network))
        if (state.view) views.current = state.view
        if (state.lab) {
          lab.source = state.lab.source
          lab.run()
        }
      },
      state.pace,
      state.timeline,
    )
    selection.select(state.selected ?? null)
    return ok
  }

  /**
   * Opens model-file text as the document. A file with a problem is refused with the reader's
   * message (it names the field), and the work that was open stays as it was.
   */
  async function openText(
    text: string,
    name: string | null,
    id: number | null,
    unsaved = false,
  ): Promise<boolean> {
    const what = name ?? 'The recovered model'
    let doc: ReturnType<typeof parseModelDocument>
    try {
      doc = parseModelDocument(text)
    } catch (e) {
      const why = e instanceof ModelFileError || e instanceof Error ? e.message : String(e)
      report(`${what} could not be opened: ${why}. The model you had is still open.`)
      return false
    }
    const { state, problems } = readStudio(doc.studio)
    try {
      if (!(await restore(doc.file, state, (name ?? 'model').replace(/\.bpmodel$/i, '')))) return false
    } catch (e) {
      report(
        `${what} could not be opened: ${e instanceof Error ? e.message : String(e)} The model you had is still open.`,
      )
      return false
    }
    fileName.value = name
    fileId.value = id
    notice.value = problems.length > 0 ? problems.join(' ') : null
    training.error = null
    await markClean(unsaved ? -1 : undefined)
    return true
  }

  /**
   * Puts a pinned run back (its data, network, settings, weights and history) into this document,
   * after asking about unsaved work; the document stays the same file, now with unsaved changes.
   */
  async function restoreRun(file: ModelFile, label: string): Promise<boolean> {
    if (!(await mayReplace(`Restoring the pinned run (${label})`))) return false
    const studio = { ...captureStudio(), data: undefined, selected: null }
    try {
      if (!(await restore(file, studio, data.name))) return false
    } catch (e) {
      report(`The pinned run could not be restored: ${e instanceof Error ? e.message : String(e)}`)
      return false
    }
    await markClean(-1)
    return true
  }

  /** Asks whether to save the unsaved work first; answers at once ('discard') when there is none. */
  function askToSave(what: string): Promise<SaveAnswer> {
    if (!dirty.value) return Promise.resolve('discard')
    question.value?.answer('cancel')
    return new Promise((resolve) => {
      question.value = {
        what,
        answer: (a) => {
          question.value = null
          resolve(a)
        },
      }
    })
  }

  /** Whether the current work may go: it was clean, saved now, or the learner said discard. */
  async function mayReplace(what: string): Promise<boolean> {
    const answer = await askToSave(what)
    if (answer === 'cancel') return false
    if (answer === 'save') return save(false)
    return true
  }

  /** Saves (back to the file when it has one, else asks where); Save as always asks. False when not saved. */
  async function save(as = false): Promise<boolean> {
    await started
    if (!api) return false
    const at = revision.value
    try {
      const text = await documentText()
      const saved = await api.saveModel({
        text,
        suggestedName: fileName.value ?? suggestedName(data.name),
        fileId: fileId.value,
        as,
      })
      if (!saved) return false
      fileName.value = saved.name
      fileId.value = saved.id
      await markClean(at)
      if (!dirty.value) await api.clearRecovery()
      return true
    } catch (e) {
      report(`The model could not be saved: ${e instanceof Error ? e.message : String(e)}`)
      return false
    }
  }

  /** New: the fresh model the app started with, after asking about unsaved work. */
  async function newDocument(): Promise<boolean> {
    await started
    if (!blank || !(await mayReplace('Starting a new model'))) return false
    await restore(blank.file, blank.studio, 'moons')
    fileName.value = null
    fileId.value = null
    notice.value = null
    await markClean()
    await api?.clearRecovery()
    return true
  }

  /** Open: asks about unsaved work, then the platform's picker (or the page's own file input). */
  async function open(): Promise<void> {
    await started
    if (!api || !(await mayReplace('Opening another model'))) return
    if (!api.nativeFilePicker()) {
      // The input's change event brings the file to openDropped (already asked).
      fileInput?.click()
      return
    }
    try {
      const file = await api.openFile('bpmodel')
      if (file) await openOpened(file, false)
    } catch (e) {
      report(e instanceof Error ? e.message : String(e))
    }
  }

  /** A file from a picker, the OS, the recent list or a drop: a model opens as the document, a CSV imports. */
  async function openOpened(file: OpenedFile, ask = true): Promise<boolean> {
    await started
    if (file.kind === 'csv') {
      useCsvImportStore().importText(file.text, file.name)
      return true
    }
    if (ask && !(await mayReplace(`Opening ${file.name}`))) return false
    const ok = await openText(file.text, file.name, file.id)
    if (ok) await api?.clearRecovery()
    return ok
  }

  /** A file dropped on the window or chosen in the page's input. */
  async function openDropped(file: DroppedFile, ask = true): Promise<boolean> {
    await started
    if (!api) return false
    if (ask && /\.bpmodel$/i.test(file.name) && !(await mayReplace(`Opening ${file.name}`))) return false
    try {
      return await openOpened(await api.openDroppedFile(file), false)
    } catch (e) {
      report(e instanceof Error ? e.message : String(e))
      return false
    }
  }

  function registerFileInput(input: HTMLInputElement | null): void {
    fileInput = input
  }

  // Recovery: a copy of unsaved work about every RECOVERY_EVERY_MS, offered back at the next start.
  let recoveredAt = -1
  let lastCopy = 0
  let writing = false
  let clock: () => number = () => Date.now()
  /** Writes a recovery copy if the work is unsaved, changed since the last copy, and that copy is old enough. */
  async function keepRecoveryCopy(): Promise<void> {
    if (!api || writing || !dirty.value || recoveryOffer.value || revision.value === recoveredAt) return
    if (clock() - lastCopy < RECOVERY_EVERY_MS) return
    writing = true
    const at = revision.value
    try {
      const text = await documentText()
      await api.writeRecovery({ name: displayName.value, savedAt: Date.now(), text })
      recoveredAt = at
      lastCopy = clock()
    } catch {
      // A failed copy is tried again at the next tick; the work itself is untouched.
    } finally {
      writing = false
    }
  }

  async function answerRecovery(restoreIt: boolean): Promise<void> {
    const copy = recoveryOffer.value
    recoveryOffer.value = null
    if (!copy || !api) return
    if (restoreIt && (await openText(copy.text, copy.name === 'Untitled' ? null : copy.name, null, true)))
      return
    await api.clearRecovery()
  }

  /**
   * Starts the document side of the app once the trainer holds its first model: remembers that
   * model for New, keeps the title and the desktop's document state current, keeps recovery copies,
   * and offers a copy left by the last session.
   */
  async function start(
    next: AppApi,
    timers: { setInterval: (fn: () => void, ms: number) => unknown; now: () => number } = {
      setInterval: (fn, ms) => globalThis.setInterval(fn, ms),
      now: () => Date.now(),
    },
  ): Promise<void> {
    api = next
    clock = timers.now
    lastCopy = clock()
    try {
      blank = { file: training.modelFile(), studio: captureStudio() }
      await markClean()
    } finally {
      // Even when the first model cannot be built: files opened meanwhile go ahead, never wait forever.
      markStarted()
    }
    // Closing the tab with unsaved work asks through the browser (the desktop's main asks natively:
    // there a cancelled beforeunload would only make the close silently fail).
    if (next.platform === 'web' && typeof window !== 'undefined')
      window.addEventListener('beforeunload', (e) => {
        if (!dirty.value) return
        e.preventDefault()
        e.returnValue = ''
      })
    watch(
      title,
      (t) => {
        if (typeof document !== 'undefined') document.title = t
      },
      { immediate: true },
    )
    watch(
      () => ({
        fileName: fileName.value,
        fileId: fileId.value,
        dirty: dirty.value,
        running: training.running,
        canUndo: data.canUndo,
        canRedo: data.canRedo,
      }),
      (state) => void next.setDocumentState(state).catch(() => {}),
      { immediate: true },
    )
    timers.setInterval(() => void keepRecoveryCopy(), 1000)
    try {
      recoveryOffer.value = await next.readRecovery()
    } catch {
      recoveryOffer.value = null
    }
  }

  return {
    fileName,
    fileId,
    dirty,
    displayName,
    title,
    notice,
    question,
    recoveryOffer,
    revision,
    captureStudio,
    documentText,
    openText,
    restoreRun,
    askToSave,
    save,
    newDocument,
    open,
    openOpened,
    openDropped,
    registerFileInput,
    keepRecoveryCopy,
    answerRecovery,
    start,
  }
})

/**
 * The data the network learns from: a generated preset, points the learner draws, or a CSV, split
 * into training and test points; every edit undoable. Points are immutable [x1, x2, class] tuples:
 * an edit makes new lists that share the untouched tuples, so keeping a state for undo is cheap.
 */
import { defineStore } from 'pinia'
import { computed, ref, shallowRef, watch } from 'vue'
import {
  DEFAULT_CLASS_NAMES,
  MAX_CLASSES,
  MIN_CLASSES,
  PRESETS,
  dataBounds,
  generatePresetDataset,
  getPreset,
  splitTrainTest,
  type Bounds,
  type LabeledPoints,
  type PresetName,
} from '../../shared/src/data/index.ts'
import { MAX_CLASS_NAME_LENGTH } from '../../shared/src/data/csv.ts'
import type { DatasetJSON, Point } from '../../shared/src/model-file/types.ts'
import { createRng } from '../../shared/src/random.ts'
import { useConfirmStore } from './confirm.ts'
import { EditHistory } from './edit-history.ts'
import type { PointRef } from './selection.ts'

/**
 * The most points the studio holds. The trainer takes 100,000, but past 10,000 drawing (a redraw of
 * every point per stroke), the per-point overlays (mistakes, hardest points) and their updates from
 * the trainer no longer fit in the 50 ms a frame may take.
 */
export const MAX_STUDIO_POINTS = 10_000
export const STUDIO_POINTS_REASON =
  'beyond that, drawing and the per-point overlays would no longer keep up; the trainer itself takes 100,000'

/** The preset options a generated dataset came from. */
export interface GenerationOptions {
  preset: PresetName
  count: number
  noise: number
  classCount: number
  seed: number
  testFraction: number
}

/** One undoable state: the points, the plot's square, a name for exports, the preset options. */
interface Snapshot {
  dataset: DatasetJSON
  view: Bounds
  name: string
  options: GenerationOptions
}

/** A message for the learner about the last edit: a refusal (warning) or what an import did (info). */
export interface DataNotice {
  tone: 'info' | 'warning'
  text: string
}

/** How many points may be added: the studio's limit, or less when the network is big (see network.ts). */
export interface Capacity {
  points: number
  reason: string
}

/**
 * The plot's square for some points: their extent with room around it, exactly as the trainer
 * frames a model it loads. It is set when a preset is generated or a CSV imported and then kept
 * while the learner edits, so the drawing surface does not move under the pointer.
 */
export function viewOf(dataset: DatasetJSON): Bounds {
  return dataBounds([...dataset.train, ...dataset.test])
}

const allPoints = (d: DatasetJSON): Point[] => [...d.train, ...d.test]

export const useDatasetStore = defineStore('dataset', () => {
  const preset = ref<PresetName>('moons')
  const count = ref(getPreset('moons').defaults.n)
  const noise = ref(getPreset('moons').defaults.noise)
  const classCount = ref(getPreset('moons').defaults.classes)
  const seed = ref(42)
  /** Share of the points held out to test on (never trained on). */
  const testFraction = ref(0.2)

  /** Why the last preset options could not make a dataset (the previous one stays), or null. */
  const problem = ref<string | null>(null)
  const notice = shallowRef<DataNotice | null>(null)
  const dataset = shallowRef<DatasetJSON>({ classes: [], train: [], test: [] })
  const view = shallowRef<Bounds>({ xMin: -1, xMax: 1, yMin: -1, yMax: 1 })
  /** What the data is called in exports: the preset, "drawn", or the imported file's name. */
  const name = ref('moons')
  const capacity = shallowRef<Capacity>({ points: MAX_STUDIO_POINTS, reason: STUDIO_POINTS_REASON })

  const history = new EditHistory<Snapshot>()
  const historyVersion = ref(0)
  const canUndo = computed(() => historyVersion.value >= 0 && history.canUndo)
  const canRedo = computed(() => historyVersion.value >= 0 && history.canRedo)
  const undoLabel = computed(() => (historyVersion.value >= 0 ? history.undoLabel : null))
  const redoLabel = computed(() => (historyVersion.value >= 0 ? history.redoLabel : null))

  const info = computed(() => getPreset(preset.value))
  /** Whether this preset lets the learner choose how many classes. */
  const classesAdjustable = computed(() => info.value.classRange[0] !== info.value.classRange[1])
  const classes = computed(() => dataset.value.classes)
  const pointCount = computed(() => dataset.value.train.length + dataset.value.test.length)
  /** Points per class, training and test together. */
  const classCounts = computed(() => {
    const counts = dataset.value.classes.map(() => 0)
    for (const p of dataset.value.train) counts[p[2]]++
    for (const p of dataset.value.test) counts[p[2]]++
    return counts
  })

  /** Where a moved point went (old tuple → new), so a pick can follow it; undo walks it back. */
  const movedTo = new WeakMap<Point, Point>()
  const movedFrom = new WeakMap<Point, Point>()
  /** Which drawn points are test points: seeded, so the same strokes split the same way. */
  let splitRng = createRng(seed.value)

  function options(): GenerationOptions {
    return {
      preset: preset.value,
      count: count.value,
      noise: noise.value,
      classCount: classCount.value,
      seed: seed.value,
      testFraction: testFraction.value,
    }
  }

  /** The options the shown data was made with (the form may already show newer ones). */
  let shownOptions: GenerationOptions = options()

  function snapshot(): Snapshot {
    return { dataset: dataset.value, view: view.value, name: name.value, options: shownOptions }
  }

  // Restoring options (undo) must neither reset them to a preset's defaults nor regenerate.
  let restoring = false
  const generationKey = (o: GenerationOptions) =>
    JSON.stringify([o.preset, o.count, o.noise, o.classCount, o.seed])
  let generatedKey = ''

  function setOptions(o: GenerationOptions): void {
    restoring = true
    preset.value = o.preset
    count.value = o.count
    noise.value = o.noise
    classCount.value = o.classCount
    seed.value = o.seed
    testFraction.value = o.testFraction
    generatedKey = generationKey(o)
    restoring = false
  }

  function show(next: Snapshot): void {
    // A notice is about the edit that made it (an import, a refusal): any data shown after it, an
    // undo included, makes it old news. Import says its own once it is in (after this).
    notice.value = null
    dataset.value = next.dataset
    view.value = next.view
    name.value = next.name
    shownOptions = next.options
  }

  // During a stroke (a brush drag, a move) the edits go straight in; the stroke is one undo step.
  let stroke: { before: Snapshot; label: string } | null = null

  /**
   * Makes `next` the current state as one undoable step called `label`. An edit that changes the
   * number of classes changes the output layer: asked first once the model has trained.
   */
  function commit(next: Snapshot, label: string, cancel?: () => void, applied?: () => void): void {
    const apply = () => {
      const before = snapshot()
      if (stroke === null) {
        history.push(before, label)
        historyVersion.value++
      }
      show(next)
      applied?.()
    }
    if (next.dataset.classes.length === dataset.value.classes.length) return apply()
    useConfirmStore().ask(
      `${label} (${dataset.value.classes.length} → ${next.dataset.classes.length} classes)`,
      apply,
      cancel,
    )
  }

  function withDataset(next: DatasetJSON): Snapshot {
    return { ...snapshot(), dataset: next }
  }

  /** Why these preset options cannot make data, in the Data panel's words; null when they can. */
  function refusal(o: GenerationOptions): string | null {
    // Past the network's own cap (below this) the capacity check says why, with its reason.
    if (!Number.isInteger(o.count) || o.count < 1 || o.count > MAX_STUDIO_POINTS)
      return `Points must be a whole number from 1 to ${MAX_STUDIO_POINTS.toLocaleString('en')}.`
    if (!Number.isFinite(o.noise) || o.noise < 0) return 'Noise must be a number of 0 or more.'
    if (!Number.isFinite(o.seed)) return 'The data seed must be a number.'
    const [lo, hi] = getPreset(o.preset).classRange
    if (
      classesAdjustable.value &&
      (!Number.isInteger(o.classCount) || o.classCount < lo || o.classCount > hi)
    )
      return `Classes must be a whole number from ${lo} to ${hi}.`
    return null
  }

  function regenerate(): void {
    const o = options()
    const refused = refusal(o)
    if (refused) {
      problem.value = `${refused} The plot keeps the previous data.`
      // The form shows the options of the data that stays.
      setOptions(shownOptions)
      return
    }
    let next: DatasetJSON
    try {
      next = generatePresetDataset(o.preset, {
        n: o.count,
        noise: o.noise,
        seed: o.seed,
        classes: classesAdjustable.value ? o.classCount : undefined,
        testFraction: o.testFraction,
      })
      problem.value = null
    } catch (e) {
      problem.value = `${e instanceof Error ? e.message : String(e)}. The plot keeps the previous data.`
      setOptions(shownOptions)
      return
    }
    if (next.train.length + next.test.length > capacity.value.points) {
      problem.value = tooMany(next.train.length + next.test.length, 'This preset would have')
      // The form shows the options of the data that stays.
      setOptions(shownOptions)
      return
    }
    const before = history.size === 0 && dataset.value.classes.length === 0 ? null : snapshot()
    const key = generationKey(o)
    const state: Snapshot = { dataset: next, view: viewOf(next), name: o.preset, options: o }
    if (before === null) {
      // The first data of the session: nothing to undo to.
      show(state)
      generatedKey = key
      return
    }
    commit(
      state,
      `New ${getPreset(o.preset).label.toLowerCase()} data`,
      () => setOptions(before.options), // kept the old model: the form shows the old options again
    )
    generatedKey = key
  }

  function tooMany(total: number, what: string): string {
    const { points, reason } = capacity.value
    return `${what} ${total.toLocaleString('en')} points; the studio holds at most ${points.toLocaleString('en')} (${reason}). Nothing was changed.`
  }

  // A new preset starts from its own defaults: moons' noise is far too much for circles.
  watch(
    preset,
    (p) => {
      if (restoring) return
      const d = getPreset(p).defaults
      count.value = d.n
      noise.value = d.noise
      classCount.value = d.classes
    },
    { flush: 'sync' },
  )
  watch([preset, count, noise, classCount, seed], () => {
    if (!restoring && generationKey(options()) !== generatedKey) regenerate()
  })
  // A new test share splits the points again, drawn ones included (seeded: the same share, the same split).
  watch(testFraction, (f) => {
    // Compared with the shown data's share, not the last value: an undo sets both back together.
    if (restoring || f === shownOptions.testFraction) return
    const all = allPoints(dataset.value)
    const { train, test } = splitTrainTest(all, f, seed.value + 1)
    commit(
      { ...withDataset({ classes: dataset.value.classes, train, test }), options: options() },
      'Change the test share',
    )
  })

  /** Adds points of class `cls` at the given (x1, x2); all or none (the learner is told why). */
  function addPoints(xy: readonly (readonly [number, number])[], cls: number): boolean {
    const d = dataset.value
    if (!Number.isInteger(cls) || cls < 0 || cls >= d.classes.length) return false
    const clean = xy.filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y))
    if (clean.length === 0) return false
    const total = pointCount.value + clean.length
    if (total > capacity.value.points) {
      notice.value = { tone: 'warning', text: tooMany(total, 'That would make') }
      return false
    }
    const train = [...d.train]
    const test = [...d.test]
    for (const [x, y] of clean) (splitRng.next() < testFraction.value ? test : train).push([x, y, cls])
    commit(
      withDataset({ classes: d.classes, train, test }),
      clean.length === 1 ? 'Add a point' : 'Add points',
    )
    return true
  }

  /** Removes the given points (indices as they are now). */
  function removePoints(refs: readonly PointRef[]): void {
    if (refs.length === 0) return
    const gone = { train: new Set<number>(), test: new Set<number>() }
    for (const r of refs) gone[r.set].add(r.index)
    const d = dataset.value
    commit(
      withDataset({
        classes: d.classes,
        train: d.train.filter((_, i) => !gone.train.has(i)),
        test: d.test.filter((_, i) => !gone.test.has(i)),
      }),
      refs.length === 1 ? 'Erase a point' : 'Erase points',
    )
  }

  /** Moves the given points by (dx, dy) in data units; their indices stay. */
  function movePoints(refs: readonly PointRef[], dx: number, dy: number): void {
    if (refs.length === 0 || !Number.isFinite(dx) || !Number.isFinite(dy) || (dx === 0 && dy === 0)) return
    const d = dataset.value
    const train = [...d.train]
    const test = [...d.test]
    const lists = { train, test }
    for (const r of refs) {
      const old = lists[r.set][r.index]
      if (!old) continue
      const moved: Point = [old[0] + dx, old[1] + dy, old[2]]
      movedTo.set(old, moved)
      movedFrom.set(moved, old)
      lists[r.set][r.index] = moved
    }
    commit(
      withDataset({ classes: d.classes, train, test }),
      refs.length === 1 ? 'Move a point' : 'Move points',
    )
  }

  function clearAll(): void {
    if (pointCount.value === 0) return
    commit(withDataset({ classes: dataset.value.classes, train: [], test: [] }), 'Clear all points')
    name.value = 'drawn'
  }

  /** Starts a stroke: the edits until endStroke are one undo step called `label` (called again: renamed). */
  function beginStroke(label: string): void {
    if (stroke === null) stroke = { before: snapshot(), label }
    else stroke.label = label
  }

  function endStroke(): void {
    const s = stroke
    stroke = null
    if (s && s.before.dataset !== dataset.value) {
      history.push(s.before, s.label)
      historyVersion.value++
    }
  }

  /** Renames a class; returns why not (empty, too long, taken) or null when done. */
  function renameClass(index: number, to: string): string | null {
    const d = dataset.value
    const text = to.trim()
    if (index < 0 || index >= d.classes.length) return 'There is no such class.'
    if (text === d.classes[index]) return null
    if (text === '') return 'A class needs a name.'
    if (text.length > MAX_CLASS_NAME_LENGTH)
      return `A class name has at most ${MAX_CLASS_NAME_LENGTH} characters.`
    if (/[\r\n]/.test(text)) return 'A class name is one line.'
    if (d.classes.includes(text)) return `Another class is already called "${text}".`
    const classes = d.classes.map((c, i) => (i === index ? text : c))
    commit(withDataset({ ...d, classes }), 'Rename a class')
    return null
  }

  /** Adds a class with the first free default name; at most MAX_CLASSES. */
  function addClass(): boolean {
    const d = dataset.value
    if (d.classes.length >= MAX_CLASSES) {
      notice.value = {
        tone: 'warning',
        text: `A dataset has at most ${MAX_CLASSES} classes (one colour each).`,
      }
      return false
    }
    const free =
      DEFAULT_CLASS_NAMES.find((n) => !d.classes.includes(n)) ??
      Array.from({ length: 20 }, (_, i) => `class ${i + 1}`).find((n) => !d.classes.includes(n))!
    commit(withDataset({ ...d, classes: [...d.classes, free] }), 'Add a class')
    return true
  }

  /** Removes a class and its points (undoable); at least MIN_CLASSES stay. */
  function removeClass(index: number): boolean {
    const d = dataset.value
    if (d.classes.length <= MIN_CLASSES || index < 0 || index >= d.classes.length) {
      notice.value = { tone: 'warning', text: `A dataset needs at least ${MIN_CLASSES} classes.` }
      return false
    }
    const keep = (p: Point) => p[2] !== index
    const shift = (p: Point): Point => (p[2] > index ? [p[0], p[1], p[2] - 1] : p)
    commit(
      withDataset({
        classes: d.classes.filter((_, i) => i !== index),
        train: d.train.filter(keep).map(shift),
        test: d.test.filter(keep).map(shift),
      }),
      `Remove class "${d.classes[index]}"`,
    )
    return true
  }

  /**
   * Imports points read from a CSV (one undo step): split by the test share, the plot framed around
   * them. A file with one class gets a second, empty one to draw. Returns false when refused.
   */
  function importPoints(labeled: LabeledPoints, fileName: string, note = ''): boolean {
    if (labeled.points.length > capacity.value.points) {
      notice.value = { tone: 'warning', text: tooMany(labeled.points.length, 'The file has') }
      return false
    }
    const classes = [...labeled.classes]
    while (classes.length < MIN_CLASSES) classes.push(DEFAULT_CLASS_NAMES.find((n) => !classes.includes(n))!)
    const { train, test } = splitTrainTest(labeled.points, testFraction.value, seed.value + 1)
    const next: DatasetJSON = { classes, train, test }
    const base = fileName.replace(/\.[^.]*$/, '') || 'imported'
    const added =
      classes.length > labeled.classes.length ? ` It had one class; "${classes[1]}" was added to draw.` : ''
    // Said once it is in: with another class count it waits for the answer to "start over?".
    commit(
      { dataset: next, view: viewOf(next), name: base, options: shownOptions },
      'Import CSV',
      () =>
        (notice.value = {
          tone: 'info',
          text: `${fileName} was not imported: you kept training the model you had, and the data is unchanged.`,
        }),
      () =>
        (notice.value = {
          tone: 'info',
          text: `Imported ${labeled.points.length.toLocaleString('en')} points in ${labeled.classes.length} classes from ${fileName}. ${note}${added}`.trim(),
        }),
    )
    return true
  }

  /**
   * Puts a whole dataset in place (opening a model file), the edit history cleared: framed around it
   * unless a saved square is given, with the preset options the Data panel should show, if any.
   */
  function replace(
    next: DatasetJSON,
    dataName = 'opened',
    saved: { view?: Bounds; options?: GenerationOptions } = {},
  ): void {
    history.clear()
    historyVersion.value++
    if (saved.options) setOptions(saved.options)
    show({
      dataset: next,
      view: saved.view ?? viewOf(next),
      name: dataName,
      options: saved.options ?? shownOptions,
    })
  }

  /** The preset options the shown data was made with (what a model file keeps for the Data panel). */
  function generationOptions(): GenerationOptions {
    return { ...shownOptions }
  }

  function restore(to: Snapshot): void {
    setOptions(to.options)
    show(to)
  }

  function undo(): void {
    const current = snapshot()
    const to = history.undo(current)
    if (!to) return
    historyVersion.value++
    if (to.dataset.classes.length === current.dataset.classes.length) return restore(to)
    useConfirmStore().ask(
      `Undo (${current.dataset.classes.length} → ${to.dataset.classes.length} classes)`,
      () => restore(to),
      () => {
        history.redo(to)
        historyVersion.value++
      },
    )
  }

  function redo(): void {
    const current = snapshot()
    const to = history.redo(current)
    if (!to) return
    historyVersion.value++
    if (to.dataset.classes.length === current.dataset.classes.length) return restore(to)
    useConfirmStore().ask(
      `Redo (${current.dataset.classes.length} → ${to.dataset.classes.length} classes)`,
      () => restore(to),
      () => {
        history.undo(to)
        historyVersion.value++
      },
    )
  }

  /** Where a point (a tuple of some earlier state) is now, following moves both ways; null when gone. */
  function locate(p: Point): PointRef | null {
    const d = dataset.value
    const find = (q: Point): PointRef | null => {
      const i = d.train.indexOf(q)
      if (i >= 0) return { set: 'train', index: i }
      const j = d.test.indexOf(q)
      return j >= 0 ? { set: 'test', index: j } : null
    }
    for (const step of [movedTo, movedFrom]) {
      let q: Point | undefined = p
      for (let hops = 0; q && hops < 10_000; hops++, q = step.get(q)) {
        const at = find(q)
        if (at) return at
      }
    }
    return null
  }

  watch(seed, (s) => (splitRng = createRng(s)))
  regenerate()

  return {
    preset,
    count,
    noise,
    classCount,
    seed,
    testFraction,
    problem,
    notice,
    dataset,
    view,
    name,
    capacity,
    info,
    classesAdjustable,
    classes,
    pointCount,
    classCounts,
    canUndo,
    canRedo,
    undoLabel,
    redoLabel,
    addPoints,
    removePoints,
    movePoints,
    clearAll,
    beginStroke,
    endStroke,
    renameClass,
    addClass,
    removeClass,
    importPoints,
    replace,
    generationOptions,
    undo,
    redo,
    locate,
  }
})

export { PRESETS }

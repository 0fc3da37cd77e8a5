/**
 * The app's own part of a model file: what format v1 has no field for (DESIGN.md, "Studio state
 * in the model file"). It goes under the top-level `studio` object, which other readers ignore.
 * Reading it back is forgiving: each field is checked on its own, a damaged one is dropped with a
 * note for the learner and the model still opens; a file without the object opens with defaults.
 */
import { PRESETS, type Bounds, type PresetName } from '../../shared/src/data/index.ts'
import { MAX_CLASSES, MAX_POINTS, MIN_CLASSES } from '../../shared/src/data/options.ts'
import type { Pace } from '../../shared/src/ipc.ts'
import { validatePace, validateView } from '../../shared/src/ipc-validate.ts'
import { MAX_SOURCE_LENGTH } from '../../shared/src/lab/tokens.ts'
import { INITS, type Init } from '../../shared/src/nn/mlp.ts'
import type { GenerationOptions } from '../stores/dataset.ts'
import type { PointRef } from '../stores/selection.ts'
import { VIEWS, type ViewName } from '../stores/views.ts'

/** Bumped when a field changes meaning; a reader reads the fields it knows from any version. */
export const STUDIO_VERSION = 1

export interface StudioState {
  version: number
  /** The view on screen. */
  view?: ViewName
  /** How play runs: epochs per second and the epoch it stops at. */
  pace?: Pace
  /** The point picked for the graph view. */
  selected?: PointRef | null
  /** The data's name (for exports), the plot's square and the preset options the Data panel shows. */
  data?: { name: string; view: Bounds; options: GenerationOptions }
  /** How the first weights were drawn, for "Reset" to start the same network afresh. */
  network?: { init: Init; seed: number }
  /** The expression lab's text. */
  lab?: { source: string }
  /** Weight snapshots for the timeline (their own format; checked by whoever reads them). */
  timeline?: unknown
}

type Reader<T> = (x: unknown) => T

const isRecord = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x)

function record(x: unknown): Record<string, unknown> {
  if (!isRecord(x)) throw new Error('it is not an object')
  return x
}

function text(x: unknown, max: number): string {
  if (typeof x !== 'string' || x.length > max) throw new Error(`it must be text of at most ${max} characters`)
  return x
}

function number(x: unknown, ok: (n: number) => boolean, what: string): number {
  if (typeof x !== 'number' || !Number.isFinite(x) || !ok(x)) throw new Error(`it must be ${what}`)
  return x
}

const readView: Reader<ViewName> = (x) => {
  const found = VIEWS.find((v) => v.id === x)
  if (!found) throw new Error(`it must be one of ${VIEWS.map((v) => v.id).join(', ')}`)
  return found.id
}

const readSelected: Reader<PointRef | null> = (x) => {
  if (x === null) return null
  const r = record(x)
  if (r.set !== 'train' && r.set !== 'test') throw new Error('its set must be "train" or "test"')
  const index = number(r.index, (n) => Number.isInteger(n) && n >= 0, 'a whole number ≥ 0')
  return { set: r.set, index }
}

const readOptions: Reader<GenerationOptions> = (x) => {
  const r = record(x)
  if (!PRESETS.some((p) => p.name === r.preset))
    throw new Error(`its preset "${String(r.preset)}" is unknown`)
  return {
    preset: r.preset as PresetName,
    count: number(
      r.count,
      (n) => Number.isInteger(n) && n >= 1 && n <= MAX_POINTS,
      `a whole number from 1 to ${MAX_POINTS}`,
    ),
    noise: number(r.noise, (n) => n >= 0, 'a number ≥ 0'),
    classCount: number(
      r.classCount,
      (n) => Number.isInteger(n) && n >= MIN_CLASSES && n <= MAX_CLASSES,
      `a whole number from ${MIN_CLASSES} to ${MAX_CLASSES}`,
    ),
    seed: number(r.seed, () => true, 'a finite number'),
    testFraction: number(r.testFraction, (n) => n >= 0 && n < 1, 'a number from 0 up to 1'),
  }
}

const readData: Reader<NonNullable<StudioState['data']>> = (x) => {
  const r = record(x)
  return { name: text(r.name, 200), view: validateView(r.view, 'its view'), options: readOptions(r.options) }
}

const readNetwork: Reader<NonNullable<StudioState['network']>> = (x) => {
  const r = record(x)
  if (!INITS.includes(r.init as Init)) throw new Error(`its initial weights "${String(r.init)}" are unknown`)
  return { init: r.init as Init, seed: number(r.seed, () => true, 'a finite number') }
}

const readLab: Reader<NonNullable<StudioState['lab']>> = (x) => ({
  source: text(record(x).source, MAX_SOURCE_LENGTH),
})

const READERS: { [K in Exclude<keyof StudioState, 'version'>]-?: Reader<StudioState[K]> } = {
  view: readView,
  pace: (x) => validatePace(x, 'its pace'),
  selected: readSelected,
  data: readData,
  network: readNetwork,
  lab: readLab,
  timeline: (x) => x,
}

/** What the learner reads about a field that could not be used. */
const FIELD_NAMES: Record<keyof typeof READERS, string> = {
  view: 'the view on screen',
  pace: 'the speed and stop epoch',
  selected: 'the picked point',
  data: 'the data panel’s settings',
  network: 'how the first weights were drawn',
  lab: 'the expression lab’s text',
  timeline: 'the timeline',
}

/**
 * The studio state found in a file: every usable field, and a sentence for each one that was not
 * (the model opens all the same, with defaults for those).
 */
export function readStudio(raw: unknown): { state: StudioState; problems: string[] } {
  const state: StudioState = { version: STUDIO_VERSION }
  if (raw === undefined) return { state, problems: [] }
  if (!isRecord(raw))
    return {
      state,
      problems: ['The app’s settings in this file are damaged, so it opened with the defaults.'],
    }
  const problems: string[] = []
  for (const key of Object.keys(READERS) as (keyof typeof READERS)[]) {
    if (!Object.hasOwn(raw, key)) continue
    try {
      ;(state as unknown as Record<string, unknown>)[key] = READERS[key](raw[key])
    } catch (e) {
      const why = e instanceof Error ? e.message.replace(/\.$/, '') : String(e)
      problems.push(
        `The file’s setting for ${FIELD_NAMES[key]} could not be used (${why}), so it opened with the default.`,
      )
    }
  }
  return { state, problems }
}

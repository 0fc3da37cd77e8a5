/**
 * Runtime checks of what a renderer sends over IPC. The renderer is untrusted: whatever the
 * types in ipc.ts say, main checks every argument before it reaches the training worker, and
 * answers a bad one with an error that names the argument and says what was expected.
 */
import {
  EXPORT_KINDS,
  INVOKE_CHANNELS,
  MAX_EPOCHS,
  MAX_EPOCHS_PER_SECOND,
  MAX_EXPORT_BYTES,
  MAX_OPEN_BYTES,
  MAX_STEP_EPOCHS,
  OPEN_KINDS,
  THEMES,
} from './ipc.ts'
import type {
  DocumentState,
  ExportRequest,
  GridBounds,
  InvokeChannel,
  InvokeChannels,
  Pace,
  RecoveryCopy,
  SaveModelRequest,
  TrainingPatch,
  Watch,
} from './ipc.ts'
import { LOSSES, ModelFileError, checkStudioObject, validateModelFile } from './model-file/index.ts'
import type { DatasetJSON, ModelFile, Point } from './model-file/index.ts'
import { MAX_CLASSES, MAX_POINTS, MIN_CLASSES } from './data/options.ts'
import { checkClassList } from './data/csv.ts'
import { decodeTimeline, TimelineFileError, type SavedTimeline } from './train/timeline-file.ts'

/** A request from the renderer that main refuses to pass on. */
export class IpcArgumentError extends Error {
  override name = 'IpcArgumentError'
}

type Check<T> = (x: unknown, where: string) => T

function fail(where: string, expected: string, got: unknown): never {
  throw new IpcArgumentError(`${where} must be ${expected}, got ${describe(got)}.`)
}

function describe(x: unknown): string {
  if (x === null) return 'null'
  if (Array.isArray(x)) return `an array of ${x.length}`
  if (typeof x === 'number') return String(x)
  if (typeof x === 'string') return JSON.stringify(x.length > 40 ? x.slice(0, 40) + '…' : x)
  return `a ${typeof x}`
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x)
}

const record: Check<Record<string, unknown>> = (x, where) => (isRecord(x) ? x : fail(where, 'an object', x))

function finite(x: unknown, where: string, min = -Infinity, minInclusive = true): number {
  const ok = typeof x === 'number' && Number.isFinite(x) && (minInclusive ? x >= min : x > min)
  if (ok) return x
  const bound = min === -Infinity ? '' : minInclusive ? ` ≥ ${min}` : ` > ${min}`
  return fail(where, `a finite number${bound}`, x)
}

/** Momentum and Adam's betas: 1 or more would make the running averages grow without end. */
function belowOne(x: unknown, where: string): number {
  if (typeof x === 'number' && x >= 0 && x < 1) return x
  return fail(where, 'a number from 0 up to but not including 1', x)
}

function oneOf<T extends string>(x: unknown, where: string, options: readonly T[]): T {
  if (typeof x === 'string' && (options as readonly string[]).includes(x)) return x as T
  return fail(where, `one of ${options.map((o) => `"${o}"`).join(', ')}`, x)
}

function onlyKeys(x: Record<string, unknown>, where: string, allowed: readonly string[]): void {
  const extra = Object.keys(x).filter((k) => !allowed.includes(k))
  if (extra.length > 0)
    throw new IpcArgumentError(`${where} has unknown field "${extra[0]}"; allowed: ${allowed.join(', ')}.`)
}

function optimizer(x: unknown, where: string): void {
  const o = record(x, where)
  const type = oneOf(o.type, `${where}.type`, ['sgd', 'adam'])
  finite(o.learningRate, `${where}.learningRate`, 0, false)
  if (type === 'sgd') {
    belowOne(o.momentum, `${where}.momentum`)
  } else {
    belowOne(o.beta1, `${where}.beta1`)
    belowOne(o.beta2, `${where}.beta2`)
    finite(o.epsilon, `${where}.epsilon`, 0, false)
    finite(o.weightDecay, `${where}.weightDecay`, 0)
  }
  // A saved optimizer state in a change is ignored by the session: the running one is kept.
}

function schedule(x: unknown, where: string): void {
  const s = record(x, where)
  if (oneOf(s.type, `${where}.type`, ['constant', 'linear']) === 'linear') {
    finite(s.finalLearningRate, `${where}.finalLearningRate`, 0)
    const epochs = s.epochs
    if (!Number.isInteger(epochs) || (epochs as number) < 1)
      fail(`${where}.epochs`, 'a whole number ≥ 1', epochs)
  }
}

function batchSize(x: unknown, where: string): void {
  if (x === null) return
  if (!Number.isSafeInteger(x) || (x as number) < 1) fail(where, 'null (full batch) or a whole number ≥ 1', x)
}

/** Checks a hyperparameter change: only known fields, each of the right kind and range. */
export function validateTrainingPatch(x: unknown, where = 'The training change'): TrainingPatch {
  const p = record(x, where)
  onlyKeys(p, where, ['loss', 'optimizer', 'schedule', 'batchSize', 'l1', 'l2'])
  if ('loss' in p) oneOf(p.loss, `${where}: loss`, LOSSES)
  if ('optimizer' in p) optimizer(p.optimizer, `${where}: optimizer`)
  if ('schedule' in p) schedule(p.schedule, `${where}: schedule`)
  if ('batchSize' in p) batchSize(p.batchSize, `${where}: batchSize`)
  if ('l1' in p) finite(p.l1, `${where}: l1`, 0)
  if ('l2' in p) finite(p.l2, `${where}: l2`, 0)
  return p as TrainingPatch
}

/** Checks a model file to load, every field (see DESIGN.md); returns the clean copy the validator makes. */
export function validateModelArgument(x: unknown): ModelFile {
  try {
    return validateModelFile(x)
  } catch (e) {
    if (e instanceof ModelFileError)
      throw new IpcArgumentError(`The model to load is not valid: ${e.message}.`)
    throw e
  }
}

function stepEpochs(x: unknown): number {
  if (Number.isInteger(x) && (x as number) >= 1 && (x as number) <= MAX_STEP_EPOCHS) return x as number
  return fail('The number of epochs to step', `a whole number from 1 to ${MAX_STEP_EPOCHS}`, x)
}

/** Checks a pace: epochs per second null or in (0, MAX_EPOCHS_PER_SECOND], a stop epoch in 1..MAX_EPOCHS. */
export function validatePace(x: unknown, where = 'The pace'): Pace {
  const p = record(x, where)
  onlyKeys(p, where, ['epochsPerSecond', 'stopAtEpoch'])
  const rate = p.epochsPerSecond
  if (rate !== null && !(typeof rate === 'number' && rate > 0 && rate <= MAX_EPOCHS_PER_SECOND))
    fail(
      `${where}: epochsPerSecond`,
      `null (full speed) or a number above 0 up to ${MAX_EPOCHS_PER_SECOND}`,
      rate,
    )
  const stop = p.stopAtEpoch
  if (!Number.isInteger(stop) || (stop as number) < 1 || (stop as number) > MAX_EPOCHS)
    fail(`${where}: stopAtEpoch`, `a whole number from 1 to ${MAX_EPOCHS}`, stop)
  return { epochsPerSecond: rate as number | null, stopAtEpoch: stop as number }
}

/** Checks which extras progress events should carry: parameters a boolean, the others absent or booleans. */
export function validateWatch(x: unknown, where = 'What to watch'): Watch {
  const w = record(x, where)
  const optional = ['neurons', 'points', 'diagnostics'] as const
  onlyKeys(w, where, ['parameters', ...optional])
  if (typeof w.parameters !== 'boolean') fail(`${where}: parameters`, 'true or false', w.parameters)
  const watch: Watch = { parameters: w.parameters }
  for (const key of optional) {
    if (w[key] === undefined) continue
    if (typeof w[key] !== 'boolean') fail(`${where}: ${key}`, 'true or false (or left out)', w[key])
    watch[key] = w[key]
  }
  return watch
}

/**
 * Checks a dataset to train on: 2 to MAX_CLASSES distinct class names, at most MAX_POINTS points
 * in all, each [x1, x2, class] with finite coordinates and a class index into the names.
 * Returns a clean copy (nothing but those fields).
 */
export function validateDataset(x: unknown, where = 'The dataset'): DatasetJSON {
  const d = record(x, where)
  onlyKeys(d, where, ['classes', 'train', 'test'])
  const classes = d.classes
  if (!Array.isArray(classes) || classes.length < MIN_CLASSES || classes.length > MAX_CLASSES)
    fail(`${where}: classes`, `a list of ${MIN_CLASSES} to ${MAX_CLASSES} class names`, classes)
  try {
    checkClassList(classes as string[])
  } catch (e) {
    throw new IpcArgumentError(`${where}: classes: ${(e as Error).message}.`)
  }
  const k = classes.length
  const { train, test } = d
  if (!Array.isArray(train)) fail(`${where}: train`, 'a list of points', train)
  if (!Array.isArray(test)) fail(`${where}: test`, 'a list of points', test)
  if (train.length + test.length > MAX_POINTS)
    throw new IpcArgumentError(
      `${where} must have at most ${MAX_POINTS} points in all, got ${train.length + test.length} points.`,
    )
  const part = (name: string, points: unknown[]): Point[] => {
    // A plain loop: map would skip the holes of a sparse array and pass them on.
    const out: Point[] = []
    for (let i = 0; i < points.length; i++) {
      const p = points[i]
      if (
        !Array.isArray(p) ||
        p.length !== 3 ||
        !Number.isFinite(p[0]) ||
        !Number.isFinite(p[1]) ||
        !Number.isInteger(p[2]) ||
        p[2] < 0 ||
        p[2] >= k
      )
        fail(
          `${where}: ${name} point ${i + 1}`,
          `[x1, x2, class] with finite numbers and a class from 0 to ${k - 1}`,
          p,
        )
      out.push([p[0], p[1], p[2]])
    }
    return out
  }
  return { classes: [...(classes as string[])], train: part('train', train), test: part('test', test) }
}

/** Checks a view: four finite numbers with xMax > xMin and yMax > yMin, nothing else. */
export function validateView(x: unknown, where = 'The view'): GridBounds {
  const v = record(x, where)
  const keys = ['xMin', 'xMax', 'yMin', 'yMax'] as const
  onlyKeys(v, where, keys)
  for (const key of keys) finite(v[key], `${where}: ${key}`)
  const view = {
    xMin: v.xMin as number,
    xMax: v.xMax as number,
    yMin: v.yMin as number,
    yMax: v.yMax as number,
  }
  if (!(view.xMax > view.xMin) || !(view.yMax > view.yMin))
    throw new IpcArgumentError(`${where} must have xMax > xMin and yMax > yMin.`)
  return view
}

/** The longest file name an export may suggest. */
const MAX_FILE_NAME = 120

/**
 * Checks an export: a known kind, a plain file name (no folders, no leading dot, no control
 * characters) ending in the kind's extension, and text or bytes of at most MAX_EXPORT_BYTES.
 */
export function validateExportRequest(x: unknown, where = 'The export'): ExportRequest {
  const r = record(x, where)
  onlyKeys(r, where, ['kind', 'suggestedName', 'data'])
  const kind = oneOf(r.kind, `${where}: kind`, EXPORT_KINDS)
  const name = plainFileName(r.suggestedName, `${where}: suggestedName`, kind)
  const data = r.data
  if (typeof data === 'string') {
    if (data.length > MAX_EXPORT_BYTES) fail(`${where}: data`, `at most ${MAX_EXPORT_BYTES} characters`, data)
  } else if (data instanceof Uint8Array) {
    if (data.byteLength > MAX_EXPORT_BYTES)
      fail(`${where}: data`, `at most ${MAX_EXPORT_BYTES} bytes`, `${data.byteLength} bytes`)
  } else fail(`${where}: data`, 'text or bytes', data)
  return { kind, suggestedName: name, data: data as string | Uint8Array }
}

/** True for a plain file name: no folders, no leading dot, no control or reserved characters. */
function isPlainName(name: string): boolean {
  return (
    name.length > 0 &&
    name.length <= MAX_FILE_NAME &&
    !/[/\\:*?"<>|\u0000-\u001f\u007f]/.test(name) &&
    !name.startsWith('.')
  )
}

/** A plain file name ending in `.ext`. */
function plainFileName(x: unknown, where: string, ext: string): string {
  if (typeof x === 'string' && isPlainName(x) && x.toLowerCase().endsWith(`.${ext}`)) return x
  return fail(
    where,
    `a file name of 1 to ${MAX_FILE_NAME} characters ending in .${ext}, without folders or special characters`,
    x,
  )
}

function text(x: unknown, where: string, max: number): string {
  if (typeof x !== 'string') return fail(where, 'text', x)
  if (x.length > max) fail(where, `at most ${max} characters`, `${x.length} characters`)
  return x
}

function bool(x: unknown, where: string): boolean {
  return typeof x === 'boolean' ? x : fail(where, 'true or false', x)
}

/** A file handle: null or a whole number ≥ 1 (ids are minted by main or the web bridge, never 0). */
function fileId(x: unknown, where: string): number | null {
  if (x === null) return null
  if (Number.isSafeInteger(x) && (x as number) >= 1) return x as number
  return fail(where, 'null or a file handle (a whole number ≥ 1)', x)
}

/** The longest path a drop may name (Windows' long paths reach 32,767). */
const MAX_PATH = 32_767

/**
 * Checks the path of a dropped file as the preload read it: text without NUL, ending in
 * .bpmodel or .csv. Main checks further that it is absolute and a regular file.
 */
export function validateDroppedPath(x: unknown, where = 'The dropped file'): string {
  const ok =
    typeof x === 'string' &&
    x.length > 0 &&
    x.length <= MAX_PATH &&
    !x.includes('\u0000') &&
    OPEN_KINDS.some((k) => x.toLowerCase().endsWith(`.${k}`))
  return ok ? (x as string) : fail(where, 'the path of a .bpmodel or .csv file', x)
}

/** Checks a save: the model's text (at most MAX_OPEN_BYTES), a plain .bpmodel name, a handle or null, a boolean. */
export function validateSaveModelRequest(x: unknown, where = 'The save'): SaveModelRequest {
  const r = record(x, where)
  onlyKeys(r, where, ['text', 'suggestedName', 'fileId', 'as'])
  return {
    text: text(r.text, `${where}: text`, MAX_OPEN_BYTES),
    suggestedName: plainFileName(r.suggestedName, `${where}: suggestedName`, 'bpmodel'),
    fileId: fileId(r.fileId, `${where}: fileId`),
    as: bool(r.as, `${where}: as`),
  }
}

/** Checks a recovery copy: a short name, a time, and the model's text (at most MAX_OPEN_BYTES). */
export function validateRecoveryCopy(x: unknown, where = 'The recovery copy'): RecoveryCopy {
  const r = record(x, where)
  onlyKeys(r, where, ['name', 'savedAt', 'text'])
  const name = r.name
  if (typeof name !== 'string' || !isPlainName(name))
    fail(
      `${where}: name`,
      `a name of 1 to ${MAX_FILE_NAME} characters without folders or special characters`,
      name,
    )
  return {
    name: name as string,
    savedAt: finite(r.savedAt, `${where}: savedAt`, 0),
    text: text(r.text, `${where}: text`, MAX_OPEN_BYTES),
  }
}

/** Checks the document state the renderer reports: a plain file name or null, a handle or null, four booleans. */
export function validateDocumentState(x: unknown, where = 'The document state'): DocumentState {
  const r = record(x, where)
  const keys: (keyof DocumentState)[] = ['fileName', 'fileId', 'dirty', 'running', 'canUndo', 'canRedo']
  onlyKeys(r, where, keys)
  const name = r.fileName
  if (name !== null && !(typeof name === 'string' && isPlainName(name)))
    fail(`${where}: fileName`, `null or a file name of 1 to ${MAX_FILE_NAME} characters`, name)
  return {
    fileName: name as string | null,
    fileId: fileId(r.fileId, `${where}: fileId`),
    dirty: bool(r.dirty, `${where}: dirty`),
    running: bool(r.running, `${where}: running`),
    canUndo: bool(r.canUndo, `${where}: canUndo`),
    canRedo: bool(r.canRedo, `${where}: canRedo`),
  }
}

/** Checks the app's `studio` object for a model file: plain JSON data, not too deep (see checkStudioObject). */
export function validateStudioObject(x: unknown): unknown {
  try {
    checkStudioObject(x)
    return x
  } catch (e) {
    if (e instanceof ModelFileError)
      throw new IpcArgumentError(`The app's settings to save are not valid: ${e.message}.`)
    throw e
  }
}

/** An epoch of the run to look at or continue from: a whole number from 0 to MAX_EPOCHS. */
function epochArgument(x: unknown, where: string): number {
  if (Number.isSafeInteger(x) && (x as number) >= 0 && (x as number) <= MAX_EPOCHS) return x as number
  return fail(where, `an epoch: a whole number from 0 to ${MAX_EPOCHS}`, x)
}

/** Checks a saved timeline field by field (see decodeTimeline); returns it as it came. */
export function validateSavedTimeline(x: unknown): SavedTimeline {
  try {
    decodeTimeline(x)
  } catch (e) {
    if (e instanceof TimelineFileError) throw new IpcArgumentError(e.message)
    throw e
  }
  return x as SavedTimeline
}

/** One check per argument, each returning that argument's type: the table cannot drift from ipc.ts. */
type Checks<Args extends readonly unknown[]> = { [K in keyof Args]: Check<Args[K]> }

const ARG_CHECKS: { [C in InvokeChannel]: Checks<InvokeChannels[C]['args']> } = {
  'trainer:load': [(x) => validateModelArgument(x)],
  'trainer:play': [],
  'trainer:pause': [],
  'trainer:step': [(x) => stepEpochs(x)],
  'trainer:reset': [],
  'trainer:update': [(x) => validateTrainingPatch(x)],
  'trainer:pace': [(x) => validatePace(x)],
  'trainer:snapshot': [],
  'trainer:watch': [(x) => validateWatch(x)],
  'trainer:dataset': [(x) => validateDataset(x)],
  'trainer:view': [(x) => validateView(x)],
  'trainer:serialize': [(x) => validateStudioObject(x)],
  'trainer:look-back': [(x, where) => epochArgument(x, `${where} (the epoch to look at)`)],
  'trainer:fork': [(x, where) => epochArgument(x, `${where} (the epoch to continue from)`)],
  'trainer:undo-fork': [],
  'trainer:timeline': [],
  'trainer:set-timeline': [(x) => validateSavedTimeline(x)],
  'file:export': [(x) => validateExportRequest(x)],
  'file:open': [(x, where) => oneOf(x, `${where} (the kind of file)`, OPEN_KINDS)],
  'file:open-dropped': [(x) => validateDroppedPath(x)],
  'file:save-model': [(x) => validateSaveModelRequest(x)],
  'recovery:write': [(x) => validateRecoveryCopy(x)],
  'recovery:read': [],
  'recovery:clear': [],
  'app:document-state': [(x) => validateDocumentState(x)],
  'app:theme': [(x, where) => oneOf(x, `${where} (the theme)`, THEMES)],
  'app:confirm-close': [],
}

/** True when `channel` is one of the invoke channels in ipc.ts. */
export function isInvokeChannel(channel: unknown): channel is InvokeChannel {
  return typeof channel === 'string' && (INVOKE_CHANNELS as readonly string[]).includes(channel)
}

/** Checks a request's arguments for its channel; returns them typed, or throws IpcArgumentError. */
export function validateInvokeArgs<C extends InvokeChannel>(
  channel: C,
  args: readonly unknown[],
): InvokeChannels[C]['args'] {
  if (!isInvokeChannel(channel)) throw new IpcArgumentError(`Unknown request "${String(channel)}".`)
  const checks: readonly Check<unknown>[] = ARG_CHECKS[channel]
  if (!Array.isArray(args) || args.length !== checks.length) {
    const n = checks.length
    throw new IpcArgumentError(
      `"${channel}" takes ${n} argument${n === 1 ? '' : 's'}, got ${Array.isArray(args) ? args.length : describe(args)}.`,
    )
  }
  // Each check returns its argument as it should be passed on (a model file: a clean copy).
  return checks.map((check, i) =>
    check(args[i], `Argument ${i + 1} of "${channel}"`),
  ) as unknown as InvokeChannels[C]['args']
}

/** Writing a model file: validated, pretty, and exact for every number. */
import { ModelFileError, MODEL_FILE_LIMITS as LIMITS, formatCount } from './errors.ts'
import type { ModelFile } from './types.ts'
import { validateModelFile } from './validate.ts'

/**
 * The text of a `.bpmodel` file: 2-space indented JSON with each list of plain numbers (a weight
 * row, a point) on one line, so the file stays readable. Every double survives the round trip:
 * `parseModelFile(serializeModelFile(f))` deep-equals `f`. Throws ModelFileError, naming the field,
 * for a model that could not be opened again (a NaN weight after training diverged, say).
 */
export function serializeModelFile(file: ModelFile, studio?: unknown): string {
  const clean = validateModelFile(file)
  if (studio !== undefined) checkPlainJson(studio, 'studio', 0)
  const out: string[] = []
  write(studio === undefined ? clean : { ...clean, studio }, '', out)
  out.push('\n')
  const text = out.join('')
  if (text.length > LIMITS.maxTextLength)
    throw new ModelFileError(
      '',
      `this model would be a ${Math.ceil(text.length / 1024 / 1024)} MB file, larger than the ` +
        `${LIMITS.maxTextLength / 1024 / 1024} MB Backprop Studio can open again`,
    )
  const containers = countContainers(clean) + jsonContainers(studio)
  if (containers > LIMITS.maxContainers)
    throw new ModelFileError(
      '',
      `this model holds ${formatCount(containers)} lists and objects (weight rows, points, history entries), ` +
        `more than the ${formatCount(LIMITS.maxContainers)} Backprop Studio can open again`,
    )
  return text
}

/** Deepest nesting allowed inside the `studio` object (the parser allows 100 levels in all). */
const MAX_STUDIO_DEPTH = 20

/** Throws unless v is plain JSON data (the app's `studio` object), naming where it is not. */
export function checkStudioObject(v: unknown): void {
  checkPlainJson(v, 'studio', 0)
}

/** Throws unless v is plain JSON data: objects, lists, strings, booleans, null and finite numbers. */
function checkPlainJson(v: unknown, path: string, depth: number): void {
  if (depth > MAX_STUDIO_DEPTH)
    throw new ModelFileError(path, `${path} nests deeper than ${MAX_STUDIO_DEPTH} levels`)
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new ModelFileError(path, `${path} must be a finite number, got ${v}`)
    return
  }
  if (Array.isArray(v)) {
    v.forEach((item, i) => checkPlainJson(item, `${path}[${i}]`, depth + 1))
    return
  }
  if (typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
    for (const [key, item] of Object.entries(v)) checkPlainJson(item, `${path}.${key}`, depth + 1)
    return
  }
  throw new ModelFileError(
    path,
    `${path} must be plain JSON data (objects, lists, text, numbers, true/false, null)`,
  )
}

/** JSON for one number; unlike JSON.stringify it keeps -0 (JSON.parse('-0') is -0). */
function formatNumber(x: number): string {
  return Object.is(x, -0) ? '-0' : String(x)
}

function isPlain(v: unknown): boolean {
  return v === null || typeof v !== 'object'
}

function formatPlain(v: unknown): string {
  return typeof v === 'number' ? formatNumber(v) : JSON.stringify(v)
}

/**
 * A list or object whose members are all plain values goes on one line; anything else opens one
 * line per member. Only validated models reach here, so the depth is the format's own (6 levels at most).
 */
function write(v: unknown, indent: string, out: string[]): void {
  if (isPlain(v)) {
    out.push(formatPlain(v))
    return
  }
  const inner = indent + '  '
  if (Array.isArray(v)) {
    if (v.length === 0) out.push('[]')
    else if (v.every(isPlain)) out.push('[', v.map(formatPlain).join(', '), ']')
    else {
      out.push('[\n')
      v.forEach((item, i) => {
        out.push(inner)
        write(item, inner, out)
        out.push(i < v.length - 1 ? ',\n' : '\n')
      })
      out.push(indent, ']')
    }
    return
  }
  const entries = Object.entries(v as object).filter(([, value]) => value !== undefined)
  if (entries.length === 0) out.push('{}')
  else if (entries.every(([, value]) => isPlain(value)))
    out.push(
      '{ ',
      entries.map(([k, value]) => `${JSON.stringify(k)}: ${formatPlain(value)}`).join(', '),
      ' }',
    )
  else {
    out.push('{\n')
    entries.forEach(([k, value], i) => {
      out.push(inner, JSON.stringify(k), ': ')
      write(value, inner, out)
      out.push(i < entries.length - 1 ? ',\n' : '\n')
    })
    out.push(indent, '}')
  }
}

/** Lists and objects inside plain JSON data, itself included. */
function jsonContainers(v: unknown): number {
  if (v === null || typeof v !== 'object') return 0
  return (
    1 + (Array.isArray(v) ? v : Object.values(v)).reduce((n: number, item) => n + jsonContainers(item), 0)
  )
}

/** Lists and objects the text will hold, as the reader's scan counts them. */
export function countContainers(f: ModelFile): number {
  const fixed = 11 // root, network, inputs, layers, dataset, classes, train, test, training, optimizer, schedule
  const layers = f.network.layers.reduce((s, l) => s + 3 + l.weights.length, 0)
  const state = f.training.optimizer.state ? 3 : 0
  const rng = f.training.rngState ? 1 : 0
  return fixed + layers + f.dataset.train.length + f.dataset.test.length + 1 + f.history.length + state + rng
}

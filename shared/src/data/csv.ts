/**
 * Datasets as CSV: one point per row, `x1,x2,label`, the label a class name or a class index.
 * Parsing is all or nothing: any problem throws a DatasetCsvError naming the line and column.
 */
import type { DatasetJSON, Point } from '../model-file/types.ts'
import { MAX_CLASSES, MAX_POINTS } from './options.ts'

/** The longest text parseDatasetCsv reads (100,000 rows of about 160 characters). */
export const MAX_CSV_CHARS = 16_000_000
/** The longest class name a CSV may carry. */
export const MAX_CLASS_NAME_LENGTH = 100

const HEADER = ['x1', 'x2', 'label']

/** A CSV problem, with the 1-based line and column it was found at (null when it is the whole file or line). */
export class DatasetCsvError extends Error {
  readonly line: number | null
  readonly column: number | null

  constructor(message: string, line: number | null = null, column: number | null = null) {
    const where = line === null ? '' : column === null ? `line ${line}: ` : `line ${line}, column ${column}: `
    super(where + message)
    this.name = 'DatasetCsvError'
    this.line = line
    this.column = column
  }
}

/** Points with their class names, as a CSV holds them (no train/test split). */
export interface LabeledPoints {
  classes: string[]
  points: Point[]
}

export interface ParseDatasetCsvOptions {
  /**
   * Classes the points should keep: a label equal to one of these names takes its index, else a whole
   * number 0..K−1 is an index into this list, else the label is a new class added after these.
   */
  classes?: readonly string[]
}

/** CSV text with the header x1,x2,label and one row per point (train rows, then test rows), label = class name. */
export function formatDatasetCsv(dataset: DatasetJSON | LabeledPoints): string {
  const { classes } = dataset
  const points = 'points' in dataset ? dataset.points : [...dataset.train, ...dataset.test]
  checkClassList(classes)
  const labels = classes.map(quoteIfNeeded)
  const rows = [HEADER.join(',')]
  points.forEach((p, i) => {
    const [x1, x2, c] = p
    if (!Number.isFinite(x1) || !Number.isFinite(x2)) {
      throw new RangeError(`point ${i} has a coordinate that is not a finite number: (${x1}, ${x2})`)
    }
    if (!Number.isInteger(c) || c < 0 || c >= classes.length) {
      throw new RangeError(`point ${i} has class index ${c}, but there are ${classes.length} classes`)
    }
    // String(x) is the shortest text that reads back as exactly x; -0 becomes 0.
    rows.push(`${String(x1)},${String(x2)},${labels[c]}`)
  })
  return rows.join('\n') + '\n'
}

/**
 * Reads CSV text (header x1,x2,label in any case, CRLF and a BOM tolerated, blank lines ignored).
 * Labels that are all whole numbers 0..5 are class indices (classes "0", "1", … up to the largest);
 * otherwise each label is a class name, classes in order of first appearance. Throws DatasetCsvError; returns nothing partial.
 */
export function parseDatasetCsv(text: string, options: ParseDatasetCsvOptions = {}): LabeledPoints {
  if (typeof text !== 'string') throw new DatasetCsvError('the CSV must be text')
  if (text.length > MAX_CSV_CHARS) {
    throw new DatasetCsvError(
      `the file has ${text.length} characters; the limit is ${MAX_CSV_CHARS} (about ${MAX_POINTS} points). ` +
        'Import a smaller file.',
    )
  }
  const given = options.classes ?? []
  try {
    checkClassList(given)
  } catch (e) {
    throw new DatasetCsvError(`the classes to keep are not usable: ${(e as Error).message}`)
  }

  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/)
  const coords: number[] = []
  const labels: { text: string; line: number }[] = []
  let headerSeen = false
  for (let i = 0; i < lines.length; i++) {
    const lineNo = i + 1
    if (lines[i].trim() === '') continue
    const fields = splitCsvLine(lines[i], lineNo)
    if (!headerSeen) {
      checkHeader(fields, lines[i], lineNo)
      headerSeen = true
      continue
    }
    if (labels.length === MAX_POINTS) {
      throw new DatasetCsvError(
        `more than ${MAX_POINTS} points; a dataset holds at most ${MAX_POINTS}`,
        lineNo,
      )
    }
    if (fields.length !== 3) {
      throw new DatasetCsvError(
        `expected 3 columns (x1,x2,label), found ${fields.length}`,
        lineNo,
        Math.min(fields.length, 3) + 1,
      )
    }
    coords.push(readNumber(fields[0].text, lineNo, 1), readNumber(fields[1].text, lineNo, 2))
    const label = fields[2].text
    if (label === '') throw new DatasetCsvError('the label is empty: give a class name or index', lineNo, 3)
    if (label.length > MAX_CLASS_NAME_LENGTH) {
      throw new DatasetCsvError(`the label is longer than ${MAX_CLASS_NAME_LENGTH} characters`, lineNo, 3)
    }
    labels.push({ text: label, line: lineNo })
  }
  if (!headerSeen) {
    throw new DatasetCsvError('the file is empty: expected the header x1,x2,label and one row per point', 1)
  }
  if (labels.length === 0) throw new DatasetCsvError('the file has a header but no points', lines.length)

  const { classes, indices } = resolveLabels(labels, given)
  const points = indices.map((c, i) => [coords[2 * i], coords[2 * i + 1], c] as Point)
  return { classes, points }
}

const WHOLE = /^\d+$/

function resolveLabels(
  labels: { text: string; line: number }[],
  given: readonly string[],
): { classes: string[]; indices: number[] } {
  // Whole numbers 0..5 read as indices; any other label (or a list to keep) makes every label a name.
  if (given.length === 0 && labels.every((l) => WHOLE.test(l.text) && Number(l.text) < MAX_CLASSES)) {
    const indices = labels.map((l) => Number(l.text))
    const count = indices.reduce((a, b) => Math.max(a, b), 0) + 1
    return { classes: Array.from({ length: count }, (_, c) => String(c)), indices }
  }
  const classes = [...given]
  const byName = new Map(classes.map((name, c) => [name, c]))
  const indices = labels.map((l) => {
    const known = byName.get(l.text)
    if (known !== undefined) return known
    if (WHOLE.test(l.text) && Number(l.text) < given.length) return Number(l.text)
    if (classes.length === MAX_CLASSES) {
      throw new DatasetCsvError(
        `"${l.text}" would be class ${MAX_CLASSES + 1}; a dataset has at most ${MAX_CLASSES} classes ` +
          `(${classes.join(', ')})`,
        l.line,
        3,
      )
    }
    byName.set(l.text, classes.length)
    classes.push(l.text)
    return classes.length - 1
  })
  return { classes, indices }
}

function checkHeader(fields: Field[], raw: string, lineNo: number): void {
  const bad = HEADER.findIndex((name, k) => fields[k]?.text.toLowerCase() !== name)
  if (bad === -1 && fields.length === HEADER.length) return
  let hint = ''
  if (/[;\t]/.test(raw) && fields.length === 1) hint = ' (columns must be separated by commas)'
  else if (fields.length > 0 && NUMBER.test(fields[0].text)) hint = ' (the first line must be the header)'
  throw new DatasetCsvError(
    `expected the header x1,x2,label, found ${JSON.stringify(raw.trim())}${hint}`,
    lineNo,
    bad === -1 ? HEADER.length + 1 : bad + 1,
  )
}

const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/
const NON_FINITE = /^[+-]?(?:inf|infinity|nan)$/i

function readNumber(text: string, line: number, column: number): number {
  if (NON_FINITE.test(text)) throw new DatasetCsvError(`"${text}" is not a finite number`, line, column)
  if (!NUMBER.test(text)) {
    throw new DatasetCsvError(
      text === '' ? 'the value is empty: expected a number' : `${JSON.stringify(text)} is not a number`,
      line,
      column,
    )
  }
  const x = Number(text)
  if (!Number.isFinite(x))
    throw new DatasetCsvError(`"${text}" is too large to be a finite number`, line, column)
  return x
}

interface Field {
  text: string
}

/** The fields of one line: unquoted ones trimmed, quoted ones ("a ""b""") kept exactly. */
function splitCsvLine(line: string, lineNo: number): Field[] {
  const fields: Field[] = []
  let i = 0
  for (;;) {
    const column = fields.length + 1
    while (line[i] === ' ' || line[i] === '\t') i++
    if (line[i] === '"') {
      let text = ''
      i++
      for (;;) {
        if (i >= line.length)
          throw new DatasetCsvError('a quoted value is not closed (missing ")', lineNo, column)
        if (line[i] === '"') {
          if (line[i + 1] === '"') {
            text += '"'
            i += 2
            continue
          }
          i++
          break
        }
        text += line[i++]
      }
      while (line[i] === ' ' || line[i] === '\t') i++
      if (i < line.length && line[i] !== ',') {
        throw new DatasetCsvError('unexpected text after a closing quote', lineNo, column)
      }
      fields.push({ text })
    } else {
      const end = line.indexOf(',', i)
      const stop = end === -1 ? line.length : end
      fields.push({ text: line.slice(i, stop).trim() })
      i = stop
    }
    if (i >= line.length) return fields
    i++ // the comma
  }
}

function quoteIfNeeded(name: string): string {
  return /[",]|^\s|\s$/.test(name) ? `"${name.replace(/"/g, '""')}"` : name
}

function checkClassList(classes: readonly string[]): void {
  if (!Array.isArray(classes)) throw new RangeError('classes must be a list of names')
  if (classes.length > MAX_CLASSES) {
    throw new RangeError(`there are ${classes.length} classes; a dataset has at most ${MAX_CLASSES}`)
  }
  const seen = new Set<string>()
  for (const name of classes) {
    if (
      typeof name !== 'string' ||
      name === '' ||
      /[\r\n]/.test(name) ||
      name.length > MAX_CLASS_NAME_LENGTH
    ) {
      throw new RangeError(
        `class name ${JSON.stringify(name)} is not usable: give 1 to ${MAX_CLASS_NAME_LENGTH} characters, no line breaks`,
      )
    }
    if (seen.has(name)) throw new RangeError(`class name ${JSON.stringify(name)} appears twice`)
    seen.add(name)
  }
}

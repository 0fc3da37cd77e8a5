/**
 * Datasets as CSV. We write `x1,x2,label` (one point per row, label = class name) and read the
 * CSVs people already have: ours; pandas `to_csv` with its index column; other header names
 * (`x,y,class`, `feature_1,feature_2,target`, any case); no header at all (numpy `savetxt`,
 * sklearn dumps, space separated too); semicolons with decimal commas. Where the columns cannot
 * be told apart, `importDatasetCsv` says so and offers the table for the learner to map, never
 * guessing silently. Reading is all or nothing: a file with problems yields a DatasetCsvError
 * listing its first bad lines, each with line and column.
 *
 * Our own reader rather than papaparse: we need the line and column of every bad value (papaparse
 * reports rows, which drift from lines after blank lines), and its types pull Node's into shared/,
 * which must stay free of them. Delimiter detection here is a fixed rule over four candidates.
 */
import type { DatasetJSON, Point } from '../model-file/types.ts'
import { MAX_CLASSES, MAX_POINTS } from './options.ts'

/** The longest text the reader accepts (100,000 rows of about 160 characters). */
export const MAX_CSV_CHARS = 16_000_000
/** The longest class name a CSV may carry. */
export const MAX_CLASS_NAME_LENGTH = 100
/** How many bad lines an error lists. */
export const MAX_LISTED_PROBLEMS = 5

const HEADER = ['x1', 'x2', 'label']

/** One problem in a file: 1-based line and column (null when it is about the whole line or file). */
export interface CsvProblem {
  line: number | null
  column: number | null
  message: string
}

function where(line: number | null, column: number | null): string {
  return line === null ? '' : column === null ? `line ${line}: ` : `line ${line}, column ${column}: `
}

/** A CSV the app will not import: the first problem's message, and the first few problems found. */
export class DatasetCsvError extends Error {
  readonly line: number | null
  readonly column: number | null
  /** The first bad lines (at most MAX_LISTED_PROBLEMS), in file order. */
  readonly problems: readonly CsvProblem[]

  constructor(
    message: string,
    line: number | null = null,
    column: number | null = null,
    more: CsvProblem[] = [],
  ) {
    super(where(line, column) + message)
    this.name = 'DatasetCsvError'
    this.line = line
    this.column = column
    this.problems = [{ line, column, message }, ...more].slice(0, MAX_LISTED_PROBLEMS)
  }

  /** Each problem as a learner reads it: "line 3, column 2: "abc" is not a number". */
  get lines(): string[] {
    return this.problems.map((p) => where(p.line, p.column) + p.message)
  }
}

/** Points with their class names, as a CSV holds them (no train/test split). */
export interface LabeledPoints {
  classes: string[]
  points: Point[]
}

/** How a table's fields are separated: a comma, semicolon, tab, or any run of spaces. */
export type CsvDelimiter = ',' | ';' | '\t' | ' '

/** A CSV read into fields, before anything is known about what the columns mean. */
export interface CsvTable {
  delimiter: CsvDelimiter
  /** Numbers written with a decimal comma ("1,5"), as semicolon files from many locales do. */
  decimalComma: boolean
  /** The first line's names, or null when the first line is already data. */
  header: string[] | null
  /** Data rows with their 1-based line numbers; blank lines are skipped. */
  rows: { line: number; fields: string[] }[]
  /** Fields per row (the header's or the first row's count). */
  columns: number
}

/** Which 0-based column holds x1, x2 and the label. */
export interface ColumnMapping {
  x1: number
  x2: number
  label: number
}

export interface ParseDatasetCsvOptions {
  /**
   * Classes the points should keep: a label equal to one of these names takes its index, else a whole
   * number 0..K−1 is an index into this list, else the label is a new class added after these.
   */
  classes?: readonly string[]
  /** The columns to read (from a mapping step); without it they are worked out from the file. */
  mapping?: ColumnMapping
  /** The most points to accept, default MAX_POINTS, and why that is the limit (said when it holds). */
  maxPoints?: number
  maxPointsReason?: string
}

/** What an import found: the points, or a table whose columns the learner has to map. */
export type CsvImport =
  | { status: 'ready'; points: LabeledPoints; mapping: ColumnMapping; table: CsvTable; note: string }
  | { status: 'ask'; table: CsvTable; suggestion: Partial<ColumnMapping>; reason: string }

export interface FormatDatasetCsvOptions {
  /**
   * Puts each class's first point first, in class order, so that a reader numbering classes by
   * first appearance (ours) gets them back in the same order (and colours); the rest keep theirs.
   */
  keepClassOrder?: boolean
}

/** CSV text with the header x1,x2,label and one row per point (train rows, then test rows), label = class name. */
export function formatDatasetCsv(
  dataset: DatasetJSON | LabeledPoints,
  options: FormatDatasetCsvOptions = {},
): string {
  const { classes } = dataset
  let points = 'points' in dataset ? dataset.points : [...dataset.train, ...dataset.test]
  if (options.keepClassOrder) {
    const firsts = classes.map((_, c) => points.findIndex((p) => p[2] === c)).filter((i) => i >= 0)
    const lead = new Set(firsts)
    points = [...firsts.map((i) => points[i]), ...points.filter((_, i) => !lead.has(i))]
  }
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
 * Reads a CSV the way `importDatasetCsv` does and returns its points; throws a DatasetCsvError when
 * the file has problems or when its columns cannot be told apart without `options.mapping`.
 */
export function parseDatasetCsv(text: string, options: ParseDatasetCsvOptions = {}): LabeledPoints {
  const result = importDatasetCsv(text, options)
  if (result.status === 'ask') throw new DatasetCsvError(result.reason)
  return result.points
}

/**
 * Reads CSV text (CRLF and a BOM tolerated, blank lines ignored, any delimiter and header described
 * in the module comment). Labels that are all whole numbers 0..5 are class indices (classes "0", "1",
 * … up to the largest), or 1..6 counted from 1 when no label is 0; otherwise each label is a class
 * name, classes in order of first appearance.
 * Throws DatasetCsvError listing the first bad lines; returns nothing partial.
 */
export function importDatasetCsv(text: string, options: ParseDatasetCsvOptions = {}): CsvImport {
  const given = options.classes ?? []
  try {
    checkClassList(given)
  } catch (e) {
    throw new DatasetCsvError(`the classes to keep are not usable: ${(e as Error).message}`)
  }
  const table = readCsvTable(text)
  let mapping = options.mapping
  let note = ''
  if (mapping === undefined) {
    const guess = guessColumns(table)
    if (guess.mapping === null)
      return { status: 'ask', table, suggestion: guess.suggestion, reason: guess.reason }
    mapping = guess.mapping
    note = guess.note
  }
  const points = tableToPoints(table, mapping, options)
  return { status: 'ready', points, mapping, table, note }
}

// ---------- reading the table ----------

/** Splits CSV text into rows of fields: detects the delimiter, decimal commas and a header line. */
export function readCsvTable(text: string): CsvTable {
  if (typeof text !== 'string') throw new DatasetCsvError('the CSV must be text')
  if (text.length > MAX_CSV_CHARS) {
    throw new DatasetCsvError(
      `the file has ${text.length} characters; the limit is ${MAX_CSV_CHARS} (about ${MAX_POINTS} points). ` +
        'Import a smaller file.',
    )
  }
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/)
  const content: { line: number; raw: string }[] = []
  for (let i = 0; i < lines.length; i++)
    if (lines[i].trim() !== '') content.push({ line: i + 1, raw: lines[i] })
  if (content.length === 0)
    throw new DatasetCsvError('the file is empty: expected one row per point (x1, x2 and a label)', 1)

  const delimiter = detectDelimiter(content.slice(0, 20))
  const rows: { line: number; fields: string[] }[] = []
  const problems: CsvProblem[] = []
  for (const { line, raw } of content) {
    try {
      rows.push({ line, fields: splitLine(raw, line, delimiter) })
    } catch (e) {
      if (!(e instanceof DatasetCsvError)) throw e
      problems.push(e.problems[0])
      if (problems.length >= MAX_LISTED_PROBLEMS) break
    }
  }
  if (problems.length > 0) throwProblems(problems)

  const decimalComma =
    delimiter !== ',' &&
    rows.some((r) => r.fields.some((f) => DECIMAL_COMMA.test(f))) &&
    !rows.some((r) => r.fields.some((f) => /^[+-]?\d*\.\d/.test(f)))
  const first = rows[0].fields
  const second = rows[1]?.fields
  const isHeader =
    first.some((f) => isHeaderName(f)) ||
    (second !== undefined &&
      first.some((f, c) => !isNumber(f, decimalComma) && isNumber(second[c] ?? '', decimalComma)))
  const header = isHeader ? first : null
  const data = isHeader ? rows.slice(1) : rows
  if (data.length === 0) throw new DatasetCsvError('the file has a header but no points', lines.length)
  return { delimiter, decimalComma, header, rows: data, columns: (header ?? first).length }
}

const DELIMITERS: readonly CsvDelimiter[] = [',', ';', '\t', ' ']

/**
 * The delimiter that splits the first lines into the same number (≥ 2) of fields on every line,
 * with the most fields that read as numbers; commas win a tie, spaces only when nothing else splits.
 */
function detectDelimiter(sample: { line: number; raw: string }[]): CsvDelimiter {
  let best: CsvDelimiter = ','
  let bestScore = -1
  for (const d of DELIMITERS) {
    let count = -1
    let score = 0
    let consistent = true
    for (const { line, raw } of sample) {
      let fields: string[]
      try {
        fields = splitLine(raw, line, d)
      } catch {
        consistent = false
        break
      }
      if (count === -1) count = fields.length
      if (fields.length !== count || count < 2) {
        consistent = false
        break
      }
      for (const f of fields) if (isNumber(f, d !== ',')) score++
    }
    if (!consistent) continue
    if (d === ' ' && bestScore >= 0) continue
    if (score > bestScore) {
      best = d
      bestScore = score
    }
  }
  return best
}

/** The fields of one line: unquoted ones trimmed, quoted ones ("a ""b""") kept exactly. */
function splitLine(line: string, lineNo: number, delimiter: CsvDelimiter): string[] {
  const fields: string[] = []
  const spaces = delimiter === ' '
  const isBlank = (ch: string | undefined) => ch === ' ' || ch === '\t'
  const atDelimiter = (i: number) => (spaces ? isBlank(line[i]) : line[i] === delimiter)
  let i = 0
  if (spaces) while (isBlank(line[i])) i++
  for (;;) {
    const column = fields.length + 1
    while (!spaces && isBlank(line[i]) && line[i] !== delimiter) i++
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
      if (!spaces) while (isBlank(line[i]) && line[i] !== delimiter) i++
      if (i < line.length && !atDelimiter(i))
        throw new DatasetCsvError('unexpected text after a closing quote', lineNo, column)
      fields.push(text)
    } else {
      let stop = i
      while (stop < line.length && !atDelimiter(stop)) stop++
      fields.push(line.slice(i, stop).trim())
      i = stop
    }
    if (spaces) {
      while (isBlank(line[i])) i++
      if (i >= line.length) return fields
      continue
    }
    if (i >= line.length) return fields
    i++ // the delimiter
  }
}

// ---------- which column is which ----------

const LABEL_NAMES = new Set([
  'label',
  'labels',
  'class',
  'classes',
  'target',
  'category',
  'cls',
  'species',
  'output',
  'y',
])
const INDEX_NAMES = new Set(['', 'unnamed: 0', 'index', 'id'])
/** A coordinate by name: "x", "x1", "feature_2", "f1", "col 2", "input1"... with its number, if any. */
const NUMBERED = /^(?:x|feature|feat|f|input|in|col|column|var|dim)[ _-]?(\d+)$/

function normalized(name: string): string {
  return name.trim().toLowerCase()
}

function isHeaderName(name: string): boolean {
  const n = normalized(name)
  return n === 'x' || n === 'y' || LABEL_NAMES.has(n) || NUMBERED.test(n) || n === 'unnamed: 0'
}

/**
 * Which columns hold x1, x2 and the label, when the header names or the values say so without
 * doubt; otherwise null with the reason and the best partial suggestion, for a mapping step.
 */
export function guessColumns(table: CsvTable): {
  mapping: ColumnMapping | null
  suggestion: Partial<ColumnMapping>
  reason: string
  note: string
} {
  const n = table.columns
  if (n < 3)
    throw new DatasetCsvError(
      `the file has ${n} column${n === 1 ? '' : 's'}; a dataset needs three: x1, x2 and a class label. Nothing was imported`,
    )
  const columns = Array.from({ length: n }, (_, c) => c)
  // A first column counting rows is a pandas index, unless the file has no other three columns.
  const counted = indexColumn(table)
  const index = n > 3 ? counted : null
  const candidates = columns.filter((c) => c !== index)
  const name = (c: number) => (table.header ? `"${table.header[c]}"` : `column ${c + 1}`)
  const dropped = index === null ? '' : `; ${name(index)} looks like a row index and was left out`
  const done = (mapping: ColumnMapping, how: string) => {
    const unused = candidates.filter((c) => c !== mapping.x1 && c !== mapping.x2 && c !== mapping.label)
    const left = unused.length === 0 ? '' : `; ${unused.map(name).join(', ')} left out`
    return {
      mapping,
      suggestion: mapping,
      reason: '',
      note: `Read ${name(mapping.x1)} as x1, ${name(mapping.x2)} as x2 and ${name(mapping.label)} as the label (${how})${dropped}${left}.`,
    }
  }

  if (table.header) {
    const byName = namedColumns(table.header, candidates)
    if (byName.x1 !== undefined && byName.x2 !== undefined && byName.label !== undefined)
      return done(byName as ColumnMapping, 'by their names')
    if (candidates.length !== 3)
      return ask(
        byName,
        `the file has ${candidates.length} columns and their names do not say which are x1, x2 and the label`,
      )
    // Three columns whose names say nothing: fall through to what the values say.
  } else if (candidates.length !== 3) {
    return ask({}, `the file has ${candidates.length} columns and no header naming them`)
  }

  const labels = candidates.filter((c) => couldBeLabel(table, c))
  const named = table.header ? namedColumns(table.header, candidates).label : undefined
  const label = named ?? (labels.length === 1 ? labels[0] : undefined)
  if (label !== undefined && couldBeLabel(table, label)) {
    const coords = candidates.filter((c) => c !== label)
    if (coords.every((c) => allNumbers(table, c)))
      return done(
        { x1: coords[0], x2: coords[1], label },
        named !== undefined
          ? 'the label by its name, the others in file order'
          : 'the only column of class labels, the others in file order',
      )
  }
  const suggestion =
    candidates.length === 3 ? { x1: candidates[0], x2: candidates[1], label: candidates[2] } : {}
  return ask(
    suggestion,
    labels.length === 0
      ? 'no column looks like class labels (names, or whole numbers 0 to 5 or 1 to 6)'
      : `${labels.length} columns could be the class labels`,
  )
}

function ask(suggestion: Partial<ColumnMapping>, why: string) {
  return {
    mapping: null,
    suggestion,
    reason: `Choose which column is x1, x2 and the label: ${why}.`,
    note: '',
  }
}

/** x1, x2 and label by header name: numbered names in order, x/y, label-like names. */
function namedColumns(header: string[], candidates: number[]): Partial<ColumnMapping> {
  const names = candidates.map((c) => ({ c, n: normalized(header[c]) }))
  const numbered = names
    .map(({ c, n }) => ({ c, k: n === 'x' ? -1 : Number(NUMBERED.exec(n)?.[1] ?? NaN) }))
    .filter((e) => !Number.isNaN(e.k))
  const labelled = names.filter(({ n }) => LABEL_NAMES.has(n) && n !== 'y')
  const ys = names.filter(({ n }) => n === 'y')
  const out: Partial<ColumnMapping> = {}
  const coords = [...numbered].sort((a, b) => a.k - b.k)
  if (coords.length === 2 && ys.length <= 1 && labelled.length + ys.length === 1) {
    // x1,x2,y: y is the label. feature_1,feature_2,target: target is.
    out.x1 = coords[0].c
    out.x2 = coords[1].c
    out.label = (labelled[0] ?? ys[0]).c
  } else if (coords.length === 1 && ys.length === 1 && labelled.length === 1) {
    // x,y,class: y is the second coordinate.
    out.x1 = coords[0].c
    out.x2 = ys[0].c
    out.label = labelled[0].c
  } else {
    if (coords.length >= 1) out.x1 = coords[0].c
    if (coords.length >= 2) out.x2 = coords[1].c
    if (labelled.length === 1) out.label = labelled[0].c
  }
  return out
}

/** The first column, when it is a row index (pandas to_csv): named so, or 0..n−1 / 1..n counting up. */
function indexColumn(table: CsvTable): number | null {
  if (table.columns < 4) return null
  const named = table.header !== null && INDEX_NAMES.has(normalized(table.header[0]))
  const rows = table.rows
  const start = Number(rows[0].fields[0])
  const counting =
    (start === 0 || start === 1) &&
    rows.length > MAX_CLASSES &&
    rows.every((r, i) => r.fields[0] === String(start + i))
  return named || counting ? 0 : null
}

/** Whether every value of a column is a number. */
function allNumbers(table: CsvTable, c: number): boolean {
  return table.rows.every((r) => isNumber(r.fields[c] ?? '', table.decimalComma))
}

/** Whether a column could hold class labels: text in some row, or only whole numbers with at most 6 values. */
function couldBeLabel(table: CsvTable, c: number): boolean {
  const values = new Set<string>()
  let text = false
  for (const r of table.rows) {
    const f = r.fields[c] ?? ''
    if (!isNumber(f, table.decimalComma)) text = true
    else if (!Number.isInteger(toNumber(f, table.decimalComma))) return false
    values.add(f)
  }
  if (text) return !allNumbers(table, c) && values.size <= MAX_CLASSES
  return values.size <= MAX_CLASSES
}

// ---------- the points ----------

/** The points of a table with the given columns; throws DatasetCsvError listing the first bad lines. */
export function tableToPoints(
  table: CsvTable,
  mapping: ColumnMapping,
  options: Omit<ParseDatasetCsvOptions, 'mapping'> = {},
): LabeledPoints {
  const { x1, x2, label } = mapping
  const columns = [x1, x2, label]
  if (
    !columns.every((c) => Number.isInteger(c) && c >= 0 && c < table.columns) ||
    new Set(columns).size !== 3
  )
    throw new DatasetCsvError(`x1, x2 and the label must be three different columns of the ${table.columns}`)
  const maxPoints = options.maxPoints ?? MAX_POINTS
  if (table.rows.length > maxPoints) {
    const reason = options.maxPointsReason ? ` (${options.maxPointsReason})` : ''
    throw new DatasetCsvError(
      `the file has ${table.rows.length} points; at most ${maxPoints} can be imported${reason}. Nothing was imported`,
      table.rows[maxPoints].line,
    )
  }
  const given = options.classes ?? []
  const coords: number[] = []
  const labels: { text: string; line: number }[] = []
  const problems: CsvProblem[] = []
  const note = (e: unknown) => {
    if (!(e instanceof DatasetCsvError)) throw e
    problems.push(e.problems[0])
  }
  for (const { line, fields } of table.rows) {
    if (problems.length >= MAX_LISTED_PROBLEMS) break
    if (fields.length !== table.columns) {
      problems.push({
        line,
        column: Math.min(fields.length, table.columns) + 1,
        message: `expected ${table.columns} columns${table.columns === 3 ? ' (x1, x2, label)' : ''}, found ${fields.length}`,
      })
      continue
    }
    const before = problems.length
    let a = 0
    let b = 0
    try {
      a = readNumber(fields[x1], line, x1 + 1, table.decimalComma)
    } catch (e) {
      note(e)
    }
    try {
      b = readNumber(fields[x2], line, x2 + 1, table.decimalComma)
    } catch (e) {
      note(e)
    }
    const text = fields[label]
    if (text === '')
      problems.push({ line, column: label + 1, message: 'the label is empty: give a class name or index' })
    else if (text.length > MAX_CLASS_NAME_LENGTH)
      problems.push({
        line,
        column: label + 1,
        message: `the label is longer than ${MAX_CLASS_NAME_LENGTH} characters`,
      })
    if (problems.length > before) continue
    coords.push(a, b)
    labels.push({ text, line })
  }
  if (problems.length > 0) throwProblems(problems)
  const { classes, indices } = resolveLabels(labels, given, table.decimalComma, label + 1)
  const points = indices.map((c, i) => [coords[2 * i], coords[2 * i + 1], c] as Point)
  return { classes, points }
}

function throwProblems(problems: CsvProblem[]): never {
  const [first, ...rest] = problems
  throw new DatasetCsvError(first.message, first.line, first.column, rest)
}

function resolveLabels(
  labels: { text: string; line: number }[],
  given: readonly string[],
  decimalComma: boolean,
  column: number,
): { classes: string[]; indices: number[] } {
  // Whole numbers 0..5 ("1", "1.0", numpy's "1.000e+00") read as indices. Without a 0 they count
  // from 1, as R and MATLAB write them: 1..6 are classes "1" to "6", not an empty class "0" before
  // them. Any other label (or a list to keep) makes every label a name, as written.
  if (given.length === 0 && labels.every((l) => isNumber(l.text, decimalComma))) {
    const values = labels.map((l) => toNumber(l.text, decimalComma))
    const first = values.includes(0) ? 0 : 1
    if (values.every((v) => Number.isInteger(v) && v >= first && v < MAX_CLASSES + first)) {
      const count = values.reduce((a, b) => Math.max(a, b), 0) + 1 - first
      return {
        classes: Array.from({ length: count }, (_, c) => String(c + first)),
        indices: values.map((v) => v - first),
      }
    }
  }
  const classes = [...given]
  const byName = new Map(classes.map((name, c) => [name, c]))
  const indices = labels.map((l) => {
    const name = l.text
    const known = byName.get(name)
    if (known !== undefined) return known
    if (WHOLE.test(l.text) && Number(l.text) < given.length) return Number(l.text)
    if (classes.length === MAX_CLASSES) {
      throw new DatasetCsvError(
        `"${l.text}" would be class ${MAX_CLASSES + 1}; a dataset has at most ${MAX_CLASSES} classes ` +
          `(${classes.join(', ')})`,
        l.line,
        column,
      )
    }
    byName.set(name, classes.length)
    classes.push(name)
    return classes.length - 1
  })
  return { classes, indices }
}

const WHOLE = /^\d+$/
const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/
const DECIMAL_COMMA = /^[+-]?\d*,\d+(?:[eE][+-]?\d+)?$/
const NON_FINITE = /^[+-]?(?:inf|infinity|nan)$/i

function isNumber(text: string, decimalComma: boolean): boolean {
  return (
    (NUMBER.test(text) || (decimalComma && DECIMAL_COMMA.test(text))) &&
    Number.isFinite(toNumber(text, decimalComma))
  )
}

function toNumber(text: string, decimalComma: boolean): number {
  return Number(decimalComma ? text.replace(',', '.') : text)
}

function readNumber(text: string, line: number, column: number, decimalComma: boolean): number {
  if (NON_FINITE.test(text)) throw new DatasetCsvError(`"${text}" is not a finite number`, line, column)
  if (!NUMBER.test(text) && !(decimalComma && DECIMAL_COMMA.test(text))) {
    throw new DatasetCsvError(
      text === '' ? 'the value is empty: expected a number' : `${JSON.stringify(text)} is not a number`,
      line,
      column,
    )
  }
  const x = toNumber(text, decimalComma)
  if (!Number.isFinite(x))
    throw new DatasetCsvError(`"${text}" is too large to be a finite number`, line, column)
  return x
}

function quoteIfNeeded(name: string): string {
  return /[",;\t]|^\s|\s$/.test(name) ? `"${name.replace(/"/g, '""')}"` : name
}

/** Throws unless classes is a usable list of at most MAX_CLASSES distinct names. */
export function checkClassList(classes: readonly string[]): void {
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

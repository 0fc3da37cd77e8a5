/**
 * The expression lab's tokenizer: the learner's text as numbers, names, operators and statement
 * breaks, each with the line and column it starts at. Anything else is an error naming its place.
 */
import { LabError } from './errors.ts'

export type TokenKind = 'number' | 'name' | 'op' | 'break' | 'end'

export interface Token {
  kind: TokenKind
  /** The text as typed (an op's canonical spelling: '−' is read as '-'). */
  text: string
  /** For numbers: the value. */
  value: number
  line: number
  column: number
}

/** The longest program the lab reads: a few screens of text, never a pasted file. */
export const MAX_SOURCE_LENGTH = 10_000

const OPERATORS = ['**', '+', '-', '*', '/', '=', '(', ')', '.', ',']
const NAME_START = /[A-Za-z_]/
const NAME_PART = /[A-Za-z0-9_]/
const DIGIT = /[0-9]/
// A number as Python writes one: 2, 2.0, .5, 1e-3, 6.02E23.
const NUMBER = /^(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?/

/** Splits source into tokens; throws LabError at the first character that belongs to none. */
export function tokenize(source: string): Token[] {
  if (typeof source !== 'string') throw new LabError('The expression must be text', 1, 1)
  if (source.length > MAX_SOURCE_LENGTH)
    throw new LabError(
      `The expression is ${source.length.toLocaleString('en')} characters long: keep it under ${MAX_SOURCE_LENGTH.toLocaleString('en')}`,
      1,
      1,
    )
  const tokens: Token[] = []
  let line = 1
  let lineStart = 0
  let i = 0
  const push = (kind: TokenKind, text: string, start: number, value = NaN) =>
    tokens.push({ kind, text, value, line, column: start - lineStart + 1 })

  while (i < source.length) {
    const ch = source[i]
    if (ch === ' ' || ch === '\t' || ch === '\r') {
      i++
    } else if (ch === '#') {
      // A comment runs to the end of the line, as in Python.
      while (i < source.length && source[i] !== '\n') i++
    } else if (ch === '\n' || ch === ';') {
      push('break', ch, i)
      i++
      if (ch === '\n') {
        line++
        lineStart = i
      }
    } else if (DIGIT.test(ch) || (ch === '.' && DIGIT.test(source[i + 1] ?? ''))) {
      const text = NUMBER.exec(source.slice(i, i + 400))![0]
      const value = Number(text)
      if (!Number.isFinite(value))
        throw new LabError(`${text} is too large for a number`, line, i - lineStart + 1)
      if (NAME_START.test(source[i + text.length] ?? ''))
        throw new LabError(
          `a number cannot run into a name (${text}${source[i + text.length]}…): write 2*a for a product`,
          line,
          i - lineStart + 1,
        )
      push('number', text, i, value)
      i += text.length
    } else if (NAME_START.test(ch)) {
      let j = i + 1
      while (j < source.length && NAME_PART.test(source[j])) j++
      push('name', source.slice(i, j), i)
      i = j
    } else if (ch === '\u2212') {
      // The minus sign the app prints (−0.44): read as '-' so copied numbers work.
      push('op', '-', i)
      i++
    } else {
      const op = OPERATORS.find((o) => source.startsWith(o, i))
      if (op === undefined) throw new LabError(unexpected(source, i), line, i - lineStart + 1)
      push('op', op, i)
      i += op.length
    }
  }
  push('end', '', i)
  return tokens
}

/** What to say about a character the language has no use for. */
function unexpected(source: string, i: number): string {
  const ch = String.fromCodePoint(source.codePointAt(i)!)
  if (ch === '^') return "'^' is not a power here: write a**2 for a squared"
  if (ch === '"' || ch === "'") return 'the lab has no text strings: use numbers and names only'
  return `unexpected character ${JSON.stringify(ch)}`
}

/**
 * Finds the first syntax error in text that JSON.parse refused, with its line and column, in words
 * a learner understands (engines word and place these differently, and some give no position).
 * One loop and an explicit stack: no recursion, linear time, stops at the first problem.
 */
import { ModelFileError } from './errors.ts'

const ARRAY = 1
const OBJECT = 2

// Character codes, named so the loop reads as the grammar.
const TAB = 9
const LF = 10
const CR = 13
const SPACE = 32
const QUOTE = 34
const APOSTROPHE = 39
const PLUS = 43
const COMMA = 44
const MINUS = 45
const DOT = 46
const SLASH = 47
const ZERO = 48
const NINE = 57
const COLON = 58
const OPEN_BRACKET = 91
const BACKSLASH = 92
const CLOSE_BRACKET = 93
const OPEN_BRACE = 123
const CLOSE_BRACE = 125

const isDigit = (c: number) => c >= ZERO && c <= NINE
const isHex = (c: number) => isDigit(c) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102)

/** The first syntax error in `text` as a ModelFileError with line and column, or null if it is valid JSON. */
export function findJsonSyntaxError(text: string): ModelFileError | null {
  try {
    checkSyntax(text)
    return null
  } catch (e) {
    if (e instanceof ModelFileError) return e
    throw e
  }
}

function checkSyntax(text: string): void {
  const n = text.length
  const stack: number[] = []
  let i = 0

  const fail = (pos: number, what: string): never => {
    const { line, column } = lineAndColumn(text, pos)
    throw new ModelFileError('', `the file is not valid JSON: line ${line}, column ${column}: ${what}`, {
      line,
      column,
    })
  }
  const cutOff = (): never => {
    const { line, column } = lineAndColumn(text, n)
    throw new ModelFileError(
      '',
      `the file ends too early (line ${line}, column ${column}): it looks cut off. Was it saved or copied completely?`,
      { line, column },
    )
  }
  const found = (pos: number) => (pos >= n ? 'the end of the file' : describeChar(text.charCodeAt(pos)))

  const skipSpace = () => {
    for (; i < n; i++) {
      const c = text.charCodeAt(i)
      if (c !== SPACE && c !== LF && c !== CR && c !== TAB) return
    }
  }

  const where = (pos: number) => {
    const { line, column } = lineAndColumn(text, pos)
    return `line ${line}, column ${column}`
  }

  /** Moves past a string starting at i (on its quote). */
  const skipString = () => {
    const start = i
    i++
    for (;;) {
      if (i >= n) cutOff()
      const c = text.charCodeAt(i)
      if (c === QUOTE) {
        i++
        return
      }
      if (c === BACKSLASH) {
        if (i + 1 >= n) cutOff()
        const e = text.charCodeAt(i + 1)
        if (e === 117 /* u */) {
          for (let k = 2; k < 6; k++) {
            if (i + k >= n) cutOff()
            if (!isHex(text.charCodeAt(i + k)))
              fail(i, 'a \\u escape in text needs four hexadecimal digits, like \\u00e9')
          }
          i += 6
        } else if (e === QUOTE || e === BACKSLASH || e === SLASH || 'bfnrt'.includes(text[i + 1])) {
          i += 2
        } else {
          fail(i, `unknown escape ${JSON.stringify(text.slice(i, i + 2))} in text (use \\\\ for a backslash)`)
        }
      } else if (c < SPACE) {
        fail(
          i,
          c === LF
            ? `text started at ${where(start)} is not closed before the end of the line (a closing " is missing)`
            : `${describeChar(c)} inside text in quotes must be written as an escape, like \\t or \\u0001`,
        )
      } else {
        i++
      }
    }
  }

  const skipDigits = (): number => {
    const start = i
    while (i < n && isDigit(text.charCodeAt(i))) i++
    return i - start
  }
  const skipNumber = () => {
    const start = i
    if (text.charCodeAt(i) === MINUS) i++
    if (i >= n) cutOff()
    const first = text.charCodeAt(i)
    if (first === ZERO) {
      i++
      if (i < n && isDigit(text.charCodeAt(i)))
        fail(start, 'a number may not start with 0 followed by digits')
    } else if (isDigit(first)) {
      skipDigits()
    } else {
      fail(i, `expected a digit after '-', found ${found(i)}`)
    }
    if (i < n && text.charCodeAt(i) === DOT) {
      i++
      if (i >= n) cutOff()
      if (skipDigits() === 0) fail(i, `expected a digit after the decimal point, found ${found(i)}`)
    }
    if (i < n && (text.charCodeAt(i) | 32) === 101 /* e or E */) {
      i++
      if (i < n && (text.charCodeAt(i) === PLUS || text.charCodeAt(i) === MINUS)) i++
      if (i >= n) cutOff()
      if (skipDigits() === 0) fail(i, `expected a digit in the exponent, found ${found(i)}`)
    }
  }

  const skipWord = (word: string) => {
    for (let k = 0; k < word.length; k++) {
      if (i + k >= n) cutOff()
      if (text.charCodeAt(i + k) !== word.charCodeAt(k)) fail(i, `expected a value, found ${wordAt(text, i)}`)
    }
    i += word.length
  }

  const open = (kind: number) => {
    stack.push(kind)
    i++
  }

  /** Reads `"name":` in an object. */
  const readFieldName = () => {
    skipSpace()
    if (i >= n) cutOff()
    const c = text.charCodeAt(i)
    if (c !== QUOTE) {
      if (c === CLOSE_BRACE) fail(i, "a comma before '}' is not allowed in JSON")
      fail(
        i,
        c === APOSTROPHE
          ? 'field names need double quotes ("name"), not single quotes'
          : `expected a field name in double quotes, found ${found(i)}`,
      )
    }
    skipString()
    skipSpace()
    if (i >= n) cutOff()
    if (text.charCodeAt(i) !== COLON) fail(i, `expected ':' after the field name, found ${found(i)}`)
    i++
  }

  // The loop alternates between "a value is expected" and "a value just ended".
  let wantValue = true
  let afterComma = false
  skipSpace()
  if (i >= n) throw new ModelFileError('', 'the file is empty: a model file holds one JSON object { … }')
  for (;;) {
    if (wantValue) {
      skipSpace()
      if (i >= n) cutOff()
      const c = text.charCodeAt(i)
      if (c === OPEN_BRACE) {
        open(OBJECT)
        skipSpace()
        if (i < n && text.charCodeAt(i) === CLOSE_BRACE) {
          stack.pop()
          i++
          wantValue = false
        } else readFieldName()
      } else if (c === OPEN_BRACKET) {
        open(ARRAY)
        skipSpace()
        if (i < n && text.charCodeAt(i) === CLOSE_BRACKET) {
          stack.pop()
          i++
          wantValue = false
        }
      } else {
        if (c === QUOTE) skipString()
        else if (c === MINUS || isDigit(c)) skipNumber()
        else if (c === 116 /* t */) skipWord('true')
        else if (c === 102 /* f */) skipWord('false')
        else if (c === 110 /* n */) skipWord('null')
        else if (c === CLOSE_BRACKET && afterComma) fail(i, "a comma before ']' is not allowed in JSON")
        else if (c === APOSTROPHE) fail(i, 'text needs double quotes ("text"), not single quotes')
        else if (c === DOT || c === PLUS)
          fail(i, `a JSON number starts with a digit or '-', found ${found(i)}`)
        else
          fail(
            i,
            `expected a value (a number, "text", a list [...] or an object {...}), found ${wordAt(text, i)}`,
          )
        wantValue = false
      }
      afterComma = false
      continue
    }

    // A value just ended.
    skipSpace()
    if (stack.length === 0) {
      if (i < n)
        fail(i, `unexpected ${found(i)} after the end of the model (the file should hold one object)`)
      return
    }
    if (i >= n) cutOff()
    const c = text.charCodeAt(i)
    const inObject = stack[stack.length - 1] === OBJECT
    if (c === COMMA) {
      i++
      if (inObject) readFieldName()
      else afterComma = true
      wantValue = true
    } else if (c === (inObject ? CLOSE_BRACE : CLOSE_BRACKET)) {
      stack.pop()
      i++
    } else {
      const close = inObject ? "'}'" : "']'"
      fail(
        i,
        `expected ',' or ${close} after a value, found ${found(i)}${c === QUOTE ? ' (is a comma missing?)' : ''}`,
      )
    }
  }
}

/** 1-based line and column of a position in the text. */
export function lineAndColumn(text: string, pos: number): { line: number; column: number } {
  let line = 1
  let lineStart = 0
  for (let k = text.indexOf('\n'); k !== -1 && k < pos; k = text.indexOf('\n', k + 1)) {
    line++
    lineStart = k + 1
  }
  return { line, column: pos - lineStart + 1 }
}

function describeChar(c: number): string {
  if (c === LF || c === CR) return 'a line break'
  if (c === TAB) return 'a tab'
  const hex = `U+${c.toString(16).toUpperCase().padStart(4, '0')}`
  if (c < SPACE || c === 127) return `the control character ${hex}`
  if (c === 0xfeff) return `a byte order mark (${hex})`
  // Invisible or space-like characters are named by code, or the message would show a blank.
  if (c > 126 && /[\s\u00ad\u200b-\u200f\u2028-\u202f\u2060]/.test(String.fromCharCode(c)))
    return `the invisible character ${hex}`
  return `'${String.fromCharCode(c)}'`
}

/** The word starting at pos (e.g. NaN, Infinity, undefined), or its first character. */
function wordAt(text: string, pos: number): string {
  const m = /^[A-Za-z_$][\w$]{0,19}/.exec(text.slice(pos, pos + 20))
  return m ? `'${m[0]}'` : pos >= text.length ? 'the end of the file' : describeChar(text.charCodeAt(pos))
}

/**
 * A quick look at JSON text before JSON.parse builds it. JSON.parse is fast on numbers but slow
 * (seconds) on text built to hurt it: millions of nested or tiny lists and objects, or objects with
 * millions of different field names. This pass only visits quotes and brackets (a native regex
 * search skips everything else), so it costs a fraction of JSON.parse, and refuses such text early.
 * It does not check syntax: JSON.parse does, and findJsonSyntaxError explains what it refused.
 */
import { ModelFileError, formatCount } from './errors.ts'
import { lineAndColumn } from './json-syntax.ts'

export interface ShapeLimits {
  maxDepth: number
  maxContainers: number
  maxUnknownFields: number
  /** Field names the format uses; any other name counts toward maxUnknownFields. */
  knownFields: ReadonlySet<string>
}

const QUOTE = 34
const BACKSLASH = 92
const OPEN_BRACKET = 91
const OPEN_BRACE = 123
const COLON = 58

/** Throws a ModelFileError (with line and column) if the text nests too deep or holds too much structure. */
export function checkJsonShape(text: string, limits: ShapeLimits): void {
  const longestKnown = Math.max(...[...limits.knownFields].map((k) => k.length))
  const special = /["[\]{}]/g
  let depth = 0
  let containers = 0
  let unknownFields = 0

  const refuse = (pos: number, what: string): never => {
    const { line, column } = lineAndColumn(text, pos)
    throw new ModelFileError('', `${what} (line ${line}, column ${column})`, { line, column })
  }

  while (special.test(text)) {
    const at = special.lastIndex - 1
    const c = text.charCodeAt(at)
    if (c === QUOTE) {
      const end = closingQuote(text, at)
      if (end < 0) return // an unclosed string: JSON.parse refuses it and the syntax check says where
      special.lastIndex = end + 1
      let next = end + 1
      while (next < text.length && text.charCodeAt(next) <= 32) next++
      if (text.charCodeAt(next) !== COLON) continue
      // A field name. Anything longer than the longest known name is unknown without a lookup.
      if (end - at - 1 <= longestKnown && limits.knownFields.has(text.slice(at + 1, end))) continue
      if (++unknownFields > limits.maxUnknownFields)
        refuse(
          at,
          `the file has more than ${formatCount(limits.maxUnknownFields)} fields Backprop Studio does not know; ` +
            'it is probably not a model file',
        )
    } else if (c === OPEN_BRACKET || c === OPEN_BRACE) {
      if (++depth > limits.maxDepth)
        refuse(
          at,
          `lists and objects are nested more than ${limits.maxDepth} deep; a model file needs only 6 levels`,
        )
      if (++containers > limits.maxContainers)
        refuse(
          at,
          `the file holds more than ${formatCount(limits.maxContainers)} lists and objects ` +
            '(weight rows, points, history entries…), more than Backprop Studio opens',
        )
    } else {
      depth--
    }
  }
}

/** Index of the quote closing the string that opens at `start`, or -1 if it never closes. */
function closingQuote(text: string, start: number): number {
  for (let q = text.indexOf('"', start + 1); q !== -1; q = text.indexOf('"', q + 1)) {
    // A quote is escaped when an odd number of backslashes stands right before it.
    let slashes = 0
    while (text.charCodeAt(q - 1 - slashes) === BACKSLASH) slashes++
    if (slashes % 2 === 0) return q
  }
  return -1
}

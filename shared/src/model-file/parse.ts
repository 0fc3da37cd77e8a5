/** Reading a `.bpmodel` file's text: JSON first, then the model format. */
import { ModelFileError, MODEL_FILE_LIMITS as LIMITS, describe } from './errors.ts'
import { checkJsonShape } from './json-shape.ts'
import { findJsonSyntaxError } from './json-syntax.ts'
import type { ModelFile } from './types.ts'
import { KNOWN_FIELDS, validateModelFile } from './validate.ts'

const BYTE_ORDER_MARK = '\uFEFF'

/** Parses and validates a model file's text; throws ModelFileError (with the field path) on anything wrong. */
export function parseModelFile(text: string): ModelFile {
  return parseModelDocument(text).file
}

/** What a model file holds for the app: the model, and the app's own `studio` object as found (unchecked). */
export interface ModelDocument {
  file: ModelFile
  /** The top-level `studio` field, untouched: the app checks it on its own (undefined when absent). */
  studio: unknown
}

/**
 * Reads a model file and its top-level `studio` object in one parse. The model is validated as by
 * parseModelFile; `studio` is returned as it is, for the app to check field by field.
 */
export function parseModelDocument(text: string): ModelDocument {
  if (typeof text !== 'string')
    throw new ModelFileError('', `expected the text of a model file, got ${describe(text)}`)
  // Some Windows editors start UTF-8 files with a byte order mark; it carries no meaning, so accept it.
  if (text.startsWith(BYTE_ORDER_MARK)) text = text.slice(1)
  if (text.length > LIMITS.maxTextLength)
    throw new ModelFileError(
      '',
      `the file is too large to be a model (${megabytes(text.length)} MB); ` +
        `Backprop Studio opens model files up to ${megabytes(LIMITS.maxTextLength)} MB`,
    )
  if (text.trim() === '')
    throw new ModelFileError('', 'the file is empty: a model file holds one JSON object { … }')
  checkJsonShape(text, { ...LIMITS, knownFields: KNOWN_FIELDS })
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (e) {
    throw (
      findJsonSyntaxError(text) ??
      // Only if this engine refuses something the syntax check accepts: still a ModelFileError.
      new ModelFileError('', `the file is not valid JSON: ${e instanceof Error ? e.message : String(e)}`)
    )
  }
  const file = validateModelFile(value)
  const studio = Object.hasOwn(value as object, 'studio') ? (value as { studio: unknown }).studio : undefined
  return { file, studio }
}

function megabytes(chars: number): string {
  return (chars / (1024 * 1024)).toFixed(1)
}

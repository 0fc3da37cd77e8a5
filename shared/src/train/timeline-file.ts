/**
 * A run's snapshots as plain JSON, for the model file's `studio` object: each snapshot's vectors as
 * base64 of their little-endian float64 bytes (exact, and about a third the size of decimal text).
 * Reading one back checks every field, since a file may be damaged or written by hand.
 */
import { fromByteArray, toByteArray } from 'base64-js'
import { isRngState, type RngState } from '../random.ts'
import { MAX_SNAPSHOTS, type Snapshot } from './snapshots.ts'

export const TIMELINE_FORMAT = 'backprop-studio/timeline'
export const TIMELINE_VERSION = 1
/**
 * Most base64 characters a saved timeline's vectors take (about 3 MB of numbers). The budget in
 * memory is 50 MB: a file keeps fewer snapshots, dropped evenly (see encodeTimeline), so that saving
 * stays quick and the file small; the default network keeps a whole 10,000-epoch run's.
 */
export const MAX_SAVED_TIMELINE_CHARS = 4_000_000

export interface SavedSnapshot {
  epoch: number
  rng: RngState
  optimizer: Snapshot['optimizerType']
  /** base64 of the weights and biases (float64, little-endian), MLP.parameters() order. */
  parameters: string
  /** base64 of the optimizer's state vector (float64, little-endian). */
  state: string
}

export interface SavedTimeline {
  format: typeof TIMELINE_FORMAT
  version: typeof TIMELINE_VERSION
  /** Snapshots the run had; more than `snapshots.length` when some were dropped to keep the file small. */
  recorded: number
  /** Oldest first. */
  snapshots: SavedSnapshot[]
}

/** A saved timeline that cannot be read; the message says which field and why. */
export class TimelineFileError extends Error {
  override name = 'TimelineFileError'
}

function toBase64(values: Float64Array): string {
  const bytes = new Uint8Array(values.length * 8)
  const view = new DataView(bytes.buffer)
  for (let i = 0; i < values.length; i++) view.setFloat64(i * 8, values[i], true)
  return fromByteArray(bytes)
}

function fromBase64(text: unknown, where: string): Float64Array {
  if (typeof text !== 'string') throw new TimelineFileError(`${where} must be base64 text.`)
  // base64-js reads a character outside the alphabet as zero bits instead of refusing it.
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text)) throw new TimelineFileError(`${where} is not valid base64.`)
  let bytes: Uint8Array
  try {
    bytes = toByteArray(text)
  } catch {
    throw new TimelineFileError(`${where} is not valid base64.`)
  }
  if (bytes.length % 8 !== 0)
    throw new TimelineFileError(`${where} must hold whole 8-byte numbers, got ${bytes.length} bytes.`)
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const out = new Float64Array(bytes.length / 8)
  for (let i = 0; i < out.length; i++) {
    out[i] = view.getFloat64(i * 8, true)
    if (!Number.isFinite(out[i])) throw new TimelineFileError(`${where} holds a number that is not finite.`)
  }
  return out
}

/** Which of `count` items to keep so that at most `keep` remain, spread evenly, first and last kept. */
export function evenlySpread(count: number, keep: number): number[] {
  if (keep >= count) return Array.from({ length: count }, (_, i) => i)
  if (keep <= 1) return count > 0 && keep === 1 ? [count - 1] : []
  const picked = new Set<number>()
  for (let i = 0; i < keep; i++) picked.add(Math.round((i * (count - 1)) / (keep - 1)))
  return [...picked].sort((a, b) => a - b)
}

/**
 * The snapshots as JSON for a file. Past MAX_SAVED_TIMELINE_CHARS, snapshots are dropped evenly
 * (the first and last kept): a big network's 50 MB of snapshots would make a file too slow to save.
 */
export function encodeTimeline(
  snapshots: readonly Snapshot[],
  maxChars = MAX_SAVED_TIMELINE_CHARS,
): SavedTimeline {
  const charsOf = (s: Snapshot) => Math.ceil(((s.parameters.length + s.optimizer.length) * 8) / 3) * 4
  const largest = Math.max(1, ...snapshots.map(charsOf))
  const kept = evenlySpread(snapshots.length, Math.floor(maxChars / largest))
  return {
    format: TIMELINE_FORMAT,
    version: TIMELINE_VERSION,
    recorded: snapshots.length,
    snapshots: kept.map((i) => {
      const s = snapshots[i]
      return {
        epoch: s.epoch,
        rng: [...s.rng] as RngState,
        optimizer: s.optimizerType,
        parameters: toBase64(s.parameters),
        state: toBase64(s.optimizer),
      }
    }),
  }
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x)
}

/**
 * The snapshots of a saved timeline, every field checked: its format and version, at most
 * MAX_SNAPSHOTS snapshots in increasing epoch order, each with a whole epoch, a generator state, a
 * known optimizer, and vectors of finite numbers that fit together (all the same parameter count, an
 * optimizer state of the size its kind needs). Throws TimelineFileError naming the bad field.
 */
export function decodeTimeline(x: unknown): Snapshot[] {
  if (!isRecord(x)) throw new TimelineFileError('The timeline must be an object.')
  if (x.format !== TIMELINE_FORMAT)
    throw new TimelineFileError(`The timeline's format must be "${TIMELINE_FORMAT}".`)
  if (x.version !== TIMELINE_VERSION)
    throw new TimelineFileError(
      typeof x.version === 'number' && x.version > TIMELINE_VERSION
        ? `The timeline was saved by a newer version of Backprop Studio (version ${x.version}).`
        : `The timeline's version must be ${TIMELINE_VERSION}.`,
    )
  const list = x.snapshots
  if (!Array.isArray(list)) throw new TimelineFileError('The timeline’s snapshots must be a list.')
  if (list.length > MAX_SNAPSHOTS)
    throw new TimelineFileError(
      `A timeline holds at most ${MAX_SNAPSHOTS} snapshots, this one ${list.length}.`,
    )
  if (!Number.isSafeInteger(x.recorded) || (x.recorded as number) < list.length)
    throw new TimelineFileError(
      'The timeline’s "recorded" must be a whole number, at least its snapshot count.',
    )
  const out: Snapshot[] = []
  for (let i = 0; i < list.length; i++) {
    const s: unknown = list[i]
    const where = `Snapshot ${i + 1} of the timeline`
    if (!isRecord(s)) throw new TimelineFileError(`${where} must be an object.`)
    if (!Number.isSafeInteger(s.epoch) || (s.epoch as number) < 0)
      throw new TimelineFileError(`${where}: epoch must be a whole number ≥ 0.`)
    const epoch = s.epoch as number
    if (out.length > 0 && !(epoch > out[out.length - 1].epoch))
      throw new TimelineFileError(`${where}: epochs must increase from one snapshot to the next.`)
    if (!isRngState(s.rng))
      throw new TimelineFileError(`${where}: rng must be four whole numbers from 0 to 4294967295.`)
    if (s.optimizer !== 'sgd' && s.optimizer !== 'adam')
      throw new TimelineFileError(`${where}: optimizer must be "sgd" or "adam".`)
    const parameters = fromBase64(s.parameters, `${where}: parameters`)
    const state = fromBase64(s.state, `${where}: state`)
    const n = parameters.length
    if (n === 0) throw new TimelineFileError(`${where}: parameters must not be empty.`)
    if (out.length > 0 && n !== out[0].parameters.length)
      throw new TimelineFileError(
        `${where} has ${n} parameters, snapshot 1 has ${out[0].parameters.length}: they must be of one network.`,
      )
    const expected = s.optimizer === 'sgd' ? n : 1 + 2 * n
    if (state.length !== expected)
      throw new TimelineFileError(
        `${where}: the ${s.optimizer} state must hold ${expected} numbers for ${n} parameters, got ${state.length}.`,
      )
    out.push({ epoch, rng: [...s.rng] as RngState, optimizerType: s.optimizer, parameters, optimizer: state })
  }
  return out
}

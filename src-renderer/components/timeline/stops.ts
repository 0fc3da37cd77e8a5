/**
 * The timeline's arithmetic: which snapshot a slider position shows, the stops the arrow keys move
 * between, and how fast a replay goes. `epochs` are the snapshot epochs, oldest first; `now` the
 * run's epoch (the slider's right end, shown live rather than from a snapshot).
 */

/** The latest snapshot epoch at or before `epoch` (the first one when `epoch` is before it all). */
export function snapshotAtOrBefore(epochs: readonly number[], epoch: number): number {
  let lo = 0
  let hi = epochs.length - 1
  let found = epochs[0] ?? 0
  while (lo <= hi) {
    const mid = (lo + hi) >> 1
    if (epochs[mid] <= epoch) {
      found = epochs[mid]
      lo = mid + 1
    } else hi = mid - 1
  }
  return found
}

/**
 * Where a key press moves the timeline from `shown` (null: now): ←/↓ the snapshot before, →/↑ the
 * one after (past the last one: now), Home the first, End now, Page Up/Down ten stops. Returns the
 * epoch to show, `null` for now, or undefined when the key is not the timeline's.
 */
export function stepTimeline(
  epochs: readonly number[],
  now: number,
  shown: number | null,
  key: string,
): number | null | undefined {
  // The stops: every snapshot before now, then now itself (index stops.length).
  const stops = epochs.filter((e) => e < now)
  const here = shown === null ? stops.length : Math.max(0, stops.indexOf(snapshotAtOrBefore(stops, shown)))
  const to = (i: number) => (i >= stops.length ? null : stops[Math.max(0, i)])
  switch (key) {
    case 'ArrowLeft':
    case 'ArrowDown':
      return stops.length === 0 ? null : to(here - 1)
    case 'ArrowRight':
    case 'ArrowUp':
      return to(here + 1)
    case 'PageDown':
      return stops.length === 0 ? null : to(here - 10)
    case 'PageUp':
      return to(here + 10)
    case 'Home':
      return stops.length === 0 ? null : to(0)
    case 'End':
      return null
    default:
      return undefined
  }
}

/** The replay speeds offered: the whole run in a set time, or a set number of epochs a second. */
export const REPLAY_SPEEDS = [
  { id: '5s', label: 'Whole run in 5 s', seconds: 5 },
  { id: '10s', label: 'Whole run in 10 s', seconds: 10 },
  { id: '30s', label: 'Whole run in 30 s', seconds: 30 },
  { id: '60s', label: 'Whole run in 1 min', seconds: 60 },
  { id: '10/s', label: '10 epochs a second', perSecond: 10 },
  { id: '100/s', label: '100 epochs a second', perSecond: 100 },
] as const
export type ReplaySpeedId = (typeof REPLAY_SPEEDS)[number]['id']

/** Epochs a second for a replay of the epochs from..to at this speed. */
export function replayRate(id: ReplaySpeedId, from: number, to: number): number {
  const speed = REPLAY_SPEEDS.find((s) => s.id === id) ?? REPLAY_SPEEDS[2]
  return 'perSecond' in speed ? speed.perSecond : Math.max(1e-9, to - from) / speed.seconds
}

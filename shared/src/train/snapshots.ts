/**
 * Time travel: the weights and optimizer state at chosen epochs of a run, so a learner can look at
 * any moment again and continue from it. Snapshots are dense early (where most of the learning
 * happens) and logarithmic later, within a fixed budget: at most MAX_SNAPSHOTS of them and
 * SNAPSHOT_BUDGET_BYTES in all, over the longest run a session may train (MAX_EPOCHS).
 *
 * Which epochs are kept follows from one rule, fixed for the run: with D dense epochs, epoch e is
 * kept when e ≤ D, or when e is a multiple of 2^k for e in [D·2^k, D·2^(k+1)): about D snapshots per
 * doubling of the epoch count. D is the largest (up to DENSE_EPOCHS) whose count over MAX_EPOCHS
 * fits the budget, so a big network gets fewer, sparser snapshots instead of more memory.
 */
import { MAX_EPOCHS } from '../ipc.ts'
import type { OptimizerConfig } from '../model-file/types.ts'
import type { RngState } from '../random.ts'

/** The state of a session after `epoch` epochs: enough to look at it and to continue from it exactly. */
export interface Snapshot {
  epoch: number
  /** Weights and biases, flat in MLP.parameters() order. */
  parameters: Float64Array
  optimizerType: OptimizerConfig['type']
  /** The optimizer's state vector (Optimizer.stateVector). */
  optimizer: Float64Array
  rng: RngState
}

export const MAX_SNAPSHOTS = 2000
export const SNAPSHOT_BUDGET_BYTES = 50 * 1024 * 1024
/** Every epoch is kept up to this one when the budget allows. */
export const DENSE_EPOCHS = 100
/** What a snapshot costs besides its two vectors (object, typed-array headers, rng state). */
const OVERHEAD_BYTES = 256

/** Bytes one snapshot takes for a network of `parameters` numbers and an optimizer state of `optimizer`. */
export function snapshotBytes(parameters: number, optimizer: number): number {
  return 8 * (parameters + optimizer) + OVERHEAD_BYTES
}

/** The stride between kept epochs around epoch e (1 up to 2D, then doubling every doubling). */
function strideAt(epoch: number, dense: number): number {
  if (epoch < 2 * dense) return 1
  return 2 ** Math.floor(Math.log2(epoch / dense))
}

/** Whether epoch `epoch` gets a snapshot under `dense` dense epochs. */
export function keepsEpoch(epoch: number, dense: number): boolean {
  return epoch <= dense || epoch % strideAt(epoch, dense) === 0
}

/** How many of the epochs 1..last are kept under `dense` (exact: counted per doubling). */
export function keptCount(last: number, dense: number): number {
  let count = Math.min(last, dense)
  // [D+1, 2D) at stride 1, then each [D·2^k, D·2^(k+1)) at stride 2^k.
  if (last > dense) count += Math.min(last, 2 * dense - 1) - dense
  for (let k = 1, lo = 2 * dense; lo <= last; k++, lo *= 2) {
    const stride = 2 ** k
    const hi = Math.min(last, 2 * lo - 1)
    count += Math.floor(hi / stride) - Math.floor((lo - 1) / stride)
  }
  return count
}

/** The spacing for a network: how many snapshots fit, and how many dense epochs that allows. */
export function snapshotPlan(parameters: number, optimizer: number): { capacity: number; dense: number } {
  const capacity = Math.max(
    2,
    Math.min(MAX_SNAPSHOTS, Math.floor(SNAPSHOT_BUDGET_BYTES / snapshotBytes(parameters, optimizer))),
  )
  let dense = DENSE_EPOCHS
  // +1: the run's starting point is always kept too.
  while (dense > 1 && keptCount(MAX_EPOCHS, dense) + 1 > capacity) dense--
  return { capacity, dense }
}

/**
 * The snapshots of one run, oldest first. `offer` keeps the ones the rule picks (the first offered,
 * the run's start, is always kept); `truncateAfter` forgets the future when the run forks.
 */
export class SnapshotTimeline {
  readonly capacity: number
  readonly dense: number
  private readonly list: Snapshot[] = []

  constructor(parameters: number, optimizer: number) {
    const plan = snapshotPlan(parameters, optimizer)
    this.capacity = plan.capacity
    this.dense = plan.dense
  }

  /** Whether a snapshot after `epoch` epochs would be kept (ask before taking one: they cost a copy). */
  wants(epoch: number): boolean {
    const last = this.list.at(-1)
    if (!last) return true
    return epoch > last.epoch && keepsEpoch(epoch, this.dense) && this.list.length < this.capacity
  }

  offer(snapshot: Snapshot): boolean {
    if (!this.wants(snapshot.epoch)) return false
    this.list.push(snapshot)
    return true
  }

  /** The latest snapshot at or before `epoch`, or null. */
  at(epoch: number): Snapshot | null {
    let lo = 0
    let hi = this.list.length - 1
    let found: Snapshot | null = null
    while (lo <= hi) {
      const mid = (lo + hi) >> 1
      if (this.list[mid].epoch <= epoch) {
        found = this.list[mid]
        lo = mid + 1
      } else hi = mid - 1
    }
    return found
  }

  /** Forgets every snapshot after `epoch` (the run continues from there). */
  truncateAfter(epoch: number): void {
    while (this.list.length > 0 && this.list[this.list.length - 1].epoch > epoch) this.list.pop()
  }

  /** The kept epochs, oldest first. */
  epochs(): number[] {
    return this.list.map((s) => s.epoch)
  }

  /** The kept snapshots, oldest first (not copies: snapshots are never changed once taken). */
  snapshots(): readonly Snapshot[] {
    return this.list
  }

  /**
   * Holds exactly these snapshots from now on (a saved timeline, or the one kept for an undo): in
   * increasing epoch order and at most `capacity` of them. Later offers follow the rule as before.
   */
  replaceWith(snapshots: readonly Snapshot[]): void {
    if (snapshots.length > this.capacity)
      throw new Error(
        `A timeline holds at most ${this.capacity} snapshots of this network, got ${snapshots.length}.`,
      )
    for (let i = 1; i < snapshots.length; i++)
      if (!(snapshots[i].epoch > snapshots[i - 1].epoch))
        throw new Error('The snapshots of a timeline must be in increasing epoch order.')
    this.list.length = 0
    this.list.push(...snapshots)
  }

  get size(): number {
    return this.list.length
  }

  /** The memory the snapshots take, by the same count as the budget. */
  get bytes(): number {
    return this.list.reduce((sum, s) => sum + snapshotBytes(s.parameters.length, s.optimizer.length), 0)
  }
}

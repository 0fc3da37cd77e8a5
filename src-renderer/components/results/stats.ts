/** The results the trainer's per-point outputs give: a confusion matrix and the hardest points. */
import type { PointOutputs } from '../../../shared/src/ipc.ts'
import type { DatasetJSON } from '../../../shared/src/model-file/types.ts'
import type { PointRef } from '../../stores/selection.ts'

/**
 * K × K counts for one set, rows = true class, columns = predicted: over the points the outputs
 * cover (after points were added, the outputs may still be for the first ones only).
 */
export function confusionOf(dataset: DatasetJSON, outputs: PointOutputs, set: 'train' | 'test'): number[][] {
  const k = dataset.classes.length
  const m = Array.from({ length: k }, () => new Array<number>(k).fill(0))
  const points = dataset[set]
  const predicted = outputs[set].predicted
  for (let i = 0; i < predicted.length && i < points.length; i++) {
    const t = points[i][2]
    const p = predicted[i]
    if (t < k && p < k) m[t][p]++
  }
  return m
}

export interface HardPoint {
  ref: PointRef
  loss: number
  label: number
  predicted: number
}

/** The `n` points with the highest loss, training and test together, hardest first. */
export function hardestPoints(dataset: DatasetJSON, outputs: PointOutputs, n = 10): HardPoint[] {
  // The n largest in one pass (n is small): no sort of ten thousand entries per report.
  const top: HardPoint[] = []
  for (const set of ['train', 'test'] as const) {
    const { loss, predicted } = outputs[set]
    const points = dataset[set]
    for (let i = 0; i < loss.length && i < points.length; i++) {
      const l = loss[i]
      if (!Number.isFinite(l) || (top.length === n && l <= top[n - 1].loss)) continue
      let at = top.length
      while (at > 0 && top[at - 1].loss < l) at--
      top.splice(at, 0, { ref: { set, index: i }, loss: l, label: points[i][2], predicted: predicted[i] })
      if (top.length > n) top.pop()
    }
  }
  return top
}

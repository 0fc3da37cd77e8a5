/**
 * What tells two runs apart, in a learner's words ("lr 0.3", "relu", "batch 10"): a pinned run's
 * curves are labelled by how its settings differ from the run being trained now.
 */
import type { ModelFile } from '../../shared/src/model-file/types.ts'

const LOSS_NAMES: Record<string, string> = {
  mse: 'mse',
  hinge: 'hinge',
  bce: 'logistic',
  cross_entropy: 'cross-entropy',
}

/** The settings of a model file that shape a run, each as the label it would get. */
function facets(f: ModelFile): Map<string, string> {
  const t = f.training
  const o = t.optimizer
  const hidden = f.network.layers.slice(0, -1)
  const out = new Map<string, string>()
  out.set('optimizer', o.type === 'adam' ? 'Adam' : 'SGD')
  out.set('lr', `lr ${o.learningRate}`)
  if (o.type === 'sgd') out.set('momentum', `momentum ${o.momentum}`)
  out.set(
    'schedule',
    t.schedule.type === 'linear'
      ? `decay to ${t.schedule.finalLearningRate} over ${t.schedule.epochs}`
      : 'constant lr',
  )
  out.set('batch', t.batchSize === null ? 'full batch' : `batch ${t.batchSize}`)
  out.set('loss', LOSS_NAMES[t.loss] ?? t.loss)
  out.set('regularization', t.l1 > 0 ? `L1 ${t.l1}` : t.l2 > 0 ? `L2 ${t.l2}` : 'no regularization')
  out.set('shape', [f.network.inputs.length, ...f.network.layers.map((l) => l.weights.length)].join('-'))
  const acts = hidden.map((l) => l.activation)
  out.set(
    'activation',
    acts.length === 0 ? 'linear model' : new Set(acts).size === 1 ? acts[0] : acts.join('/'),
  )
  out.set('output', `${f.network.layers.at(-1)!.activation} output`)
  out.set('inputs', f.network.inputs.join(', '))
  out.set('seed', `seed ${t.seed}`)
  out.set('data', datasetKey(f))
  return out
}

/** A cheap fingerprint of the points: equal for the same data, almost surely different otherwise. */
function datasetKey(f: ModelFile): string {
  let h = 0
  for (const set of [f.dataset.train, f.dataset.test])
    for (const [x, y, c] of set)
      h = (Math.imul(h, 31) + Math.round(x * 1e6) * 7 + Math.round(y * 1e6) * 13 + c) | 0
  return `${f.dataset.train.length}/${f.dataset.test.length}/${f.dataset.classes.join(',')}/${h}`
}

/** How run `a` differs from run `b`, as short labels in a fixed order (empty when they match). */
export function runDifferences(a: ModelFile, b: ModelFile): string[] {
  const fa = facets(a)
  const fb = facets(b)
  const labels: string[] = []
  for (const [key, value] of fa) {
    if (fb.get(key) === value) continue
    labels.push(key === 'data' ? 'other data' : value)
  }
  return labels
}

/** A pinned run's label beside the current run: what differs, or "same settings". */
export function runLabel(pinned: ModelFile, current: ModelFile): string {
  const d = runDifferences(pinned, current)
  return d.length === 0 ? 'same settings' : d.join(', ')
}

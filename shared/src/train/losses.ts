/**
 * The four losses as Value graphs, exactly as DESIGN.md defines them, so the graph view can
 * show a learner the very loss that training minimises.
 *
 * Targets: with one output unit, class 0 → −1 and class 1 → +1 (the notebook's y*2-1). With
 * K ≥ 2 units, mse, hinge and bce treat each unit one-vs-rest (+1 for the label's unit, −1 for
 * the others) and sum over units; cross_entropy uses softmax over the K units.
 */
import { Value, sum } from '../engine/value.ts'
import { LOSSES, type LossName } from '../model-file/types.ts'

/** The ±1 target of output unit `unit` for a point of class `label` (see the module comment). */
export function targetOf(label: number, unit: number, outputs: number): number {
  if (outputs === 1) return label === 1 ? 1 : -1
  return label === unit ? 1 : -1
}

/** Throws a learner-readable error unless `loss` is a known loss that works with `outputs` units. */
export function checkLoss(loss: unknown, outputs: number): asserts loss is LossName {
  if (typeof loss !== 'string' || !(LOSSES as readonly string[]).includes(loss))
    throw new Error(`Unknown loss "${String(loss)}": choose one of ${LOSSES.join(', ')}.`)
  if (loss === 'cross_entropy' && outputs < 2)
    throw new Error(
      `Cross-entropy needs at least two output units (one per class), but this network has ${outputs}. ` +
        'Use mse, hinge or bce with one output, or give the last layer one unit per class.',
    )
}

/** The loss of one point: `out` are the network's outputs for it, `label` its class index. */
export function sampleLoss(loss: LossName, out: readonly Value[], label: number): Value {
  const k = out.length
  switch (loss) {
    case 'mse':
      // Σ over units (out − target)², as the notebook writes (pred - y) ** 2.
      return sum(out.map((o, u) => o.sub(targetOf(label, u, k)).pow(2)))
    case 'hinge':
      // micrograd's max-margin: relu(1 + (−t)·out)
      return sum(
        out.map((o, u) =>
          o
            .mul(-targetOf(label, u, k))
            .add(1)
            .relu(),
        ),
      )
    case 'bce':
      // log(1 + exp(−t·out)) is softplus(−t·out): finite however large the output.
      return sum(out.map((o, u) => o.mul(-targetOf(label, u, k)).softplus()))
    case 'cross_entropy': {
      checkLoss(loss, k)
      // −log softmax(out)[label] = log Σ exp(out_j − m) + m − out[label]; the max m is a
      // constant (no gradient flows through it) that keeps every exp ≤ 1.
      let m = -Infinity
      for (const o of out) m = Math.max(m, o.data)
      return sum(out.map((o) => o.sub(m).exp()))
        .log()
        .add(m)
        .sub(out[label])
    }
  }
}

/**
 * Mean loss over a batch: outputs[i] are the network's outputs for point i, labels[i] its class.
 * Summed left to right, then divided by the batch size (the notebook's sum(...) / len(pred)).
 */
export function lossOf(
  loss: LossName,
  outputs: readonly (readonly Value[])[],
  labels: ArrayLike<number>,
): Value {
  if (outputs.length === 0)
    throw new Error('Cannot compute a loss over an empty batch: it needs at least one point.')
  checkLoss(loss, outputs[0].length)
  const terms: Value[] = []
  for (let i = 0; i < outputs.length; i++) terms.push(sampleLoss(loss, outputs[i], labels[i]))
  return sum(terms).div(outputs.length)
}

/** l2·Σp² + l1·Σ|p| over all parameters, or null when both strengths are 0 (no graph to build). */
export function regularizationOf(params: readonly Value[], l1: number, l2: number): Value | null {
  let reg: Value | null = null
  if (l2 !== 0) reg = sum(params.map((p) => p.pow(2))).mul(l2)
  if (l1 !== 0) {
    const l1Term = sum(params.map((p) => p.abs())).mul(l1)
    reg = reg === null ? l1Term : reg.add(l1Term)
  }
  return reg
}

/** The full objective training minimises: mean batch loss + regularization. */
export function objectiveOf(
  loss: LossName,
  outputs: readonly (readonly Value[])[],
  labels: ArrayLike<number>,
  params: readonly Value[],
  l1: number,
  l2: number,
): Value {
  const data = lossOf(loss, outputs, labels)
  const reg = regularizationOf(params, l1, l2)
  return reg === null ? data : data.add(reg)
}

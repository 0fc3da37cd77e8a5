/**
 * Reading a class off raw network outputs, and the scores built on it: accuracy and the
 * confusion matrix. Outputs are row-major: point i's K outputs are out[i*K .. i*K+K).
 */

/**
 * The predicted class of the point whose K outputs start at `offset`: with one output, class 1
 * when it is > 0, else class 0; with K ≥ 2, the unit with the largest output (the first on a tie).
 */
export function predictedClass(out: ArrayLike<number>, offset: number, outputs: number): number {
  if (outputs === 1) return out[offset] > 0 ? 1 : 0
  let best = 0
  for (let u = 1; u < outputs; u++) if (out[offset + u] > out[offset + best]) best = u
  return best
}

/** Fraction of points whose predicted class equals their label (0 for no points). */
export function accuracy(out: ArrayLike<number>, labels: ArrayLike<number>, outputs: number): number {
  const n = labels.length
  if (n === 0) return 0
  let correct = 0
  for (let i = 0; i < n; i++) if (predictedClass(out, i * outputs, outputs) === labels[i]) correct++
  return correct / n
}

/**
 * K × K counts, rows = true class: matrix[t][p] is how many points of class t were predicted p.
 * K is `classes` or the number of classes the outputs can name (2 for one unit), whichever is larger.
 */
export function confusionMatrix(
  out: ArrayLike<number>,
  labels: ArrayLike<number>,
  outputs: number,
  classes = 0,
): number[][] {
  classes = Math.max(classes, outputs, 2)
  const matrix = Array.from({ length: classes }, () => new Array<number>(classes).fill(0))
  for (let i = 0; i < labels.length; i++) {
    const t = labels[i]
    if (!Number.isInteger(t) || t < 0 || t >= classes)
      throw new Error(`Point ${i} has class ${t}, outside the ${classes} classes of the confusion matrix.`)
    matrix[t][predictedClass(out, i * outputs, outputs)]++
  }
  return matrix
}

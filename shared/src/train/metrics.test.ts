import { describe, expect, it } from 'vitest'
import { accuracy, confusionMatrix, predictedClass } from './metrics.ts'

describe('predictedClass', () => {
  it('one output: class 1 when > 0 (0 itself is class 0)', () => {
    expect([0.2, 0, -3].map((o) => predictedClass([o], 0, 1))).toEqual([1, 0, 0])
  })

  it('K outputs: the argmax, the first on a tie', () => {
    expect(predictedClass([9, 0.1, 0.5, 0.5], 1, 3)).toBe(1)
    expect(predictedClass([0.1, 0.7, 0.7], 0, 3)).toBe(1)
  })
})

describe('accuracy and confusion matrix', () => {
  const out = [0.9, -0.2, 0.4, -0.8, 0.1] // predicted 1, 0, 1, 0, 1
  const labels = [1, 1, 0, 0, 1]

  it('accuracy is the fraction predicted right', () => {
    expect(accuracy(out, labels, 1)).toBe(3 / 5)
    expect(accuracy([], [], 1)).toBe(0)
  })

  it('confusion rows are the true class, columns the predicted one', () => {
    expect(confusionMatrix(out, labels, 1)).toEqual([
      [1, 1],
      [1, 2],
    ])
  })

  it('K classes', () => {
    const k3 = [1, 0, 0, /**/ 0, 0, 1, /**/ 0, 1, 0, /**/ 0, 0, 1]
    expect(confusionMatrix(k3, [0, 1, 1, 2], 3)).toEqual([
      [1, 0, 0],
      [0, 1, 1],
      [0, 0, 1],
    ])
  })

  it('names a label outside the matrix', () => {
    expect(() => confusionMatrix([1], [4], 1)).toThrow(/class 4/)
  })
})

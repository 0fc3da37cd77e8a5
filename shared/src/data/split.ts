import type { Point } from '../model-file/types.ts'
import { createRng } from '../random.ts'
import { checkSeed } from './options.ts'
import { shuffleInPlace } from './sampling.ts'

export interface TrainTestSplit {
  train: Point[]
  test: Point[]
}

/**
 * Shuffles a copy of points (seeded) and puts round(n × testFraction) of them in test, the rest in
 * train. Every point lands in exactly one part; train keeps at least one point when there is one.
 * The points are copied, so editing a part never edits the input.
 */
export function splitTrainTest(points: readonly Point[], testFraction: number, seed: number): TrainTestSplit {
  if (
    typeof testFraction !== 'number' ||
    !Number.isFinite(testFraction) ||
    testFraction < 0 ||
    testFraction >= 1
  ) {
    throw new RangeError(
      `testFraction must be a number from 0 up to (not including) 1, got ${String(testFraction)}`,
    )
  }
  checkSeed(seed)
  const shuffled = shuffleInPlace(
    points.map((p) => [p[0], p[1], p[2]] as Point),
    createRng(seed),
  )
  const nTest = Math.min(Math.round(shuffled.length * testFraction), Math.max(0, shuffled.length - 1))
  return { test: shuffled.slice(0, nTest), train: shuffled.slice(nTest) }
}

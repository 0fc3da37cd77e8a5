/**
 * The other presets, all on about the same scale as the moons (coordinates within a few units of 0)
 * so the default MLP (tanh, inputs x1, x2) trains on them without rescaling. In every generator,
 * `noise` is the standard deviation of Gaussian noise added to both coordinates.
 */
import type { Point } from '../model-file/types.ts'
import { createRng } from '../random.ts'
import { checkClasses, checkCount, checkNoise, checkSeed } from './options.ts'
import { addNoise, shuffleInPlace } from './sampling.ts'

/** How many of n points class k gets when n is shared as evenly as possible among `classes`. */
export function classShare(n: number, classes: number, k: number): number {
  return Math.floor(n / classes) + (k < n % classes ? 1 : 0)
}

/** n points shared among classes by classShare, class after class: point(k, i, m) is class k's i-th of m. */
function byClass(n: number, classes: number, point: (k: number, i: number, m: number) => Point): Point[] {
  const points: Point[] = []
  for (let k = 0; k < classes; k++) {
    const m = classShare(n, classes, k)
    for (let i = 0; i < m; i++) points.push(point(k, i, m))
  }
  return points
}

function check(n: number, noise: number, seed: number): void {
  checkCount(n)
  checkNoise(noise)
  checkSeed(seed)
}

/**
 * Two concentric rings (TF Playground's circle, scaled by 1/5): class 0 at radius 0.7..1, class 1
 * inside radius 0.5, angles uniform; n // 2 points in class 0.
 */
export function makeCircles(n: number, noise: number, seed: number): Point[] {
  check(n, noise, seed)
  const rng = createRng(seed)
  const points: Point[] = []
  const nOuter = Math.floor(n / 2)
  for (let i = 0; i < n; i++) {
    const k = i < nOuter ? 0 : 1
    const r = k === 0 ? rng.uniform(0.7, 1) : rng.uniform(0, 0.5)
    const angle = rng.uniform(0, 2 * Math.PI)
    points.push([r * Math.cos(angle), r * Math.sin(angle), k])
  }
  return addNoise(shuffleInPlace(points, rng), noise, rng)
}

/**
 * Four quadrants of [-1, 1]² (TF Playground's XOR, scaled by 1/5): class 0 where x1 and x2 share
 * a sign, class 1 where they differ. Points keep 0.06 away from the axes before noise; the quadrants
 * take turns, so each class gets half the points (class 0 one more when n is odd).
 */
export function makeXor(n: number, noise: number, seed: number): Point[] {
  check(n, noise, seed)
  const rng = createRng(seed)
  const pad = 0.06
  // Quadrants in turn: (+,+) class 0, (−,+) class 1, (−,−) class 0, (+,−) class 1.
  const signs = [
    [1, 1],
    [-1, 1],
    [-1, -1],
    [1, -1],
  ]
  const points: Point[] = []
  for (let i = 0; i < n; i++) {
    const [s1, s2] = signs[i % 4]
    points.push([s1 * rng.uniform(pad, 1), s2 * rng.uniform(pad, 1), i % 2])
  }
  return addNoise(shuffleInPlace(points, rng), noise, rng)
}

/**
 * `classes` Gaussian blobs with centres evenly spread on the unit circle (class k at angle 2πk/K);
 * `noise` is each blob's standard deviation. Points are shared as evenly as possible among classes.
 */
export function makeGaussians(n: number, noise: number, seed: number, classes = 2): Point[] {
  check(n, noise, seed)
  checkClasses(classes)
  const rng = createRng(seed)
  const points = byClass(n, classes, (k) => {
    const angle = (2 * Math.PI * k) / classes
    return [Math.cos(angle), Math.sin(angle), k]
  })
  return addNoise(shuffleInPlace(points, rng), noise, rng)
}

/**
 * `classes` interleaved spiral arms (TF Playground's spiral, scaled by 1/5): along arm k, radius r goes
 * evenly from 0 to 1 and the angle is 3.5π·r + 2πk/K, so each arm turns 1.75 times.
 */
export function makeSpiral(n: number, noise: number, seed: number, classes = 2): Point[] {
  check(n, noise, seed)
  checkClasses(classes)
  const rng = createRng(seed)
  const points = byClass(n, classes, (k, i, m) => {
    const r = m === 1 ? 0 : i / (m - 1)
    const angle = 3.5 * Math.PI * r + (2 * Math.PI * k) / classes
    return [r * Math.sin(angle), r * Math.cos(angle), k]
  })
  return addNoise(shuffleInPlace(points, rng), noise, rng)
}

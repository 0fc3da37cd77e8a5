/**
 * Two interleaving half circles, with the semantics of scikit-learn's make_moons (the notebook's data).
 */
import type { Point } from '../model-file/types.ts'
import { createRng } from '../random.ts'
import { checkCount, checkNoise, checkSeed } from './options.ts'
import { addNoise, linspace, shuffleInPlace } from './sampling.ts'

/**
 * n points: n // 2 on the outer moon (class 0: (cos t, sin t)), the rest on the inner moon
 * (class 1: (1 − cos t, 1 − sin t − 0.5)), t evenly spaced in [0, π]; shuffled, then Gaussian
 * noise of standard deviation `noise` added to both coordinates. Same (n, noise, seed), same points.
 */
export function makeMoons(n: number, noise: number, seed: number): Point[] {
  checkCount(n)
  checkNoise(noise)
  checkSeed(seed)
  const nOut = Math.floor(n / 2)
  const nIn = n - nOut
  const points: Point[] = []
  for (const t of linspace(0, Math.PI, nOut)) points.push([Math.cos(t), Math.sin(t), 0])
  for (const t of linspace(0, Math.PI, nIn)) points.push([1 - Math.cos(t), 1 - Math.sin(t) - 0.5, 1])
  const rng = createRng(seed)
  // As sklearn does: shuffle first, then add noise. Noise is drawn even when it is 0, so for one seed
  // the points keep their order and move smoothly as a learner drags the noise slider.
  shuffleInPlace(points, rng)
  addNoise(points, noise, rng)
  return points
}

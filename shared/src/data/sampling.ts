/** Seeded helpers the generators share: shuffling, evenly spaced values, Gaussian noise. */
import type { Point } from '../model-file/types.ts'
import type { Rng } from '../random.ts'

/** Shuffles items in place with Fisher–Yates driven by rng; every order is equally likely. */
export function shuffleInPlace<T>(items: T[], rng: Rng): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = rng.int(i + 1)
    const t = items[i]
    items[i] = items[j]
    items[j] = t
  }
  return items
}

/** numpy's linspace(start, stop, count): count evenly spaced values, both ends included. */
export function linspace(start: number, stop: number, count: number): number[] {
  if (count === 1) return [start]
  const step = (stop - start) / (count - 1)
  // The last value is set exactly so that, e.g., linspace(0, π, n) ends on π and not π ± 1 ulp.
  return Array.from({ length: count }, (_, i) => (i === count - 1 ? stop : start + i * step))
}

/** Adds independent Gaussian noise of standard deviation `noise` to both coordinates of each point. */
export function addNoise(points: Point[], noise: number, rng: Rng): Point[] {
  for (const p of points) {
    p[0] += noise * rng.normal()
    p[1] += noise * rng.normal()
  }
  return points
}

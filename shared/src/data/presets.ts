/**
 * The presets the data view offers, with defaults and the plot domain each covers. Every preset is
 * on the moons' scale (within about ±2.5) because the default network (tanh units fed x1, x2 directly)
 * saturates on TF Playground's ±6 and then barely learns; a learner may still draw anywhere.
 */
import type { DatasetJSON, Point } from '../model-file/types.ts'
import { makeCircles, makeGaussians, makeSpiral, makeXor } from './generators.ts'
import { makeMoons } from './moons.ts'
import { MAX_CLASSES, checkClasses } from './options.ts'
import { splitTrainTest } from './split.ts'

export type PresetName = 'moons' | 'circles' | 'xor' | 'gaussians' | 'spiral'

export interface Preset {
  name: PresetName
  /** What a learner reads in the preset menu. */
  label: string
  /** One sentence on what the data looks like and what it takes to separate it. */
  description: string
  defaults: { n: number; noise: number; classes: number }
  /** The class counts the preset can make, inclusive; min === max when it is fixed. */
  classRange: readonly [number, number]
  /** A square plot extent [lo, hi] on both axes that holds the data at the default noise. */
  domain: readonly [number, number]
}

export const PRESETS: readonly Preset[] = [
  {
    name: 'moons',
    label: 'Moons',
    description:
      'Two interleaving half circles (the notebook’s data): a curved boundary, needs a hidden layer.',
    defaults: { n: 200, noise: 0.15, classes: 2 },
    classRange: [2, 2],
    domain: [-1.5, 2.5],
  },
  {
    name: 'circles',
    label: 'Circles',
    description: 'A disc inside a ring: no straight line separates them; try the x1^2 and x2^2 inputs.',
    defaults: { n: 200, noise: 0.05, classes: 2 },
    classRange: [2, 2],
    domain: [-1.5, 1.5],
  },
  {
    name: 'xor',
    label: 'XOR',
    description:
      'Four quadrants, opposite corners alike: the classic problem one neuron cannot solve; try x1*x2.',
    defaults: { n: 200, noise: 0.05, classes: 2 },
    classRange: [2, 2],
    domain: [-1.5, 1.5],
  },
  {
    name: 'gaussians',
    label: 'Gaussian blobs',
    description: 'One blob per class around a circle: nearly linear, the place to start with more classes.',
    defaults: { n: 200, noise: 0.3, classes: 3 },
    classRange: [2, MAX_CLASSES],
    domain: [-2.25, 2.25],
  },
  {
    name: 'spiral',
    label: 'Spiral',
    description: 'Interleaved spiral arms: hard; needs a wider, deeper network or the sin inputs.',
    defaults: { n: 300, noise: 0.05, classes: 2 },
    classRange: [2, MAX_CLASSES],
    domain: [-1.5, 1.5],
  },
]

/** Class names a generated dataset gets, in class order (the app colours classes by index). */
export const DEFAULT_CLASS_NAMES: readonly string[] = ['blue', 'orange', 'green', 'red', 'purple', 'brown']

export interface PresetOptions {
  /** Number of points; the preset's default when omitted. */
  n?: number
  /** Standard deviation of the Gaussian noise; the preset's default when omitted. */
  noise?: number
  /** Seed of the generator; 42 when omitted (the notebook's random_state). */
  seed?: number
  /** Number of classes, for presets that allow a choice. */
  classes?: number
}

/** The preset with this name; throws listing the known names otherwise. */
export function getPreset(name: string): Preset {
  const preset = PRESETS.find((p) => p.name === name)
  if (!preset) {
    throw new RangeError(
      `unknown preset ${JSON.stringify(name)}: use one of ${PRESETS.map((p) => p.name).join(', ')}`,
    )
  }
  return preset
}

/** The points of a preset; same name and options, same points. Throws a clear error on bad options. */
export function generatePreset(name: PresetName | string, options: PresetOptions = {}): Point[] {
  const preset = getPreset(name)
  const n = options.n ?? preset.defaults.n
  const noise = options.noise ?? preset.defaults.noise
  const seed = options.seed ?? 42
  const classes = presetClasses(preset, options.classes)
  switch (preset.name) {
    case 'moons':
      return makeMoons(n, noise, seed)
    case 'circles':
      return makeCircles(n, noise, seed)
    case 'xor':
      return makeXor(n, noise, seed)
    case 'gaussians':
      return makeGaussians(n, noise, seed, classes)
    case 'spiral':
      return makeSpiral(n, noise, seed, classes)
  }
}

/** A whole dataset from a preset: points split into train and test, classes named DEFAULT_CLASS_NAMES. */
export function generatePresetDataset(
  name: PresetName | string,
  options: PresetOptions & { testFraction?: number } = {},
): DatasetJSON {
  const preset = getPreset(name)
  const classes = presetClasses(preset, options.classes)
  const points = generatePreset(name, options)
  // The split gets its own seed so changing the split never reshuffles how the points were drawn.
  const { train, test } = splitTrainTest(points, options.testFraction ?? 0, (options.seed ?? 42) + 1)
  return { classes: DEFAULT_CLASS_NAMES.slice(0, classes), train, test }
}

function presetClasses(preset: Preset, requested: number | undefined): number {
  if (requested === undefined) return preset.defaults.classes
  checkClasses(requested)
  const [lo, hi] = preset.classRange
  if (requested < lo || requested > hi) {
    throw new RangeError(
      lo === hi
        ? `${preset.name} always has ${lo} classes, got classes = ${requested}`
        : `${preset.name} takes ${lo} to ${hi} classes, got ${requested}`,
    )
  }
  return requested
}

/**
 * What both code exporters need from a model: the network with its trained weights, the feature
 * each input computes, the class names and the training points, checked once.
 */
import { FEATURES, type FeatureName, type ModelFile, type Point } from '../model-file/types.ts'
import type { Activation, NetworkJSON } from '../nn/mlp.ts'
import { DEFAULT_LEAKY_SLOPE } from '../engine/value.ts'

export interface CodegenModel {
  name: string
  network: NetworkJSON
  classes: string[]
  /** The points the exported program predicts (the training points). */
  points: Point[]
}

/** The parts of a model file a code export needs. */
export function codegenModel(file: Pick<ModelFile, 'name' | 'network' | 'dataset'>): CodegenModel {
  for (const name of file.network.inputs)
    if (!(FEATURES as readonly string[]).includes(name))
      throw new Error(
        `The network's input "${name}" is not a feature the export knows: use ${FEATURES.join(', ')}.`,
      )
  return { name: file.name, network: file.network, classes: file.dataset.classes, points: file.dataset.train }
}

/**
 * Each feature as an expression of x1 and x2, the same in Python and TypeScript once `sin` is
 * bound to the language's own sine. Squares are products, as shared/ computes them (a power could
 * round differently in the last bit).
 */
export const FEATURE_EXPRESSIONS: Record<FeatureName, string> = {
  x1: 'x1',
  x2: 'x2',
  'x1^2': 'x1 * x1',
  'x2^2': 'x2 * x2',
  'x1*x2': 'x1 * x2',
  'sin(x1)': 'sin(x1)',
  'sin(x2)': 'sin(x2)',
}

export const LEAKY_SLOPE = DEFAULT_LEAKY_SLOPE

export const ACTIVATION_NAMES: readonly Activation[] = ['linear', 'tanh', 'relu', 'sigmoid', 'leaky_relu']

/** A number as source text that reads back as exactly the same double (both languages agree). */
export function literal(x: number): string {
  if (!Number.isFinite(x)) throw new Error(`A weight is ${x}: only finite numbers can be exported.`)
  if (Object.is(x, -0)) return '-0.0'
  const s = String(x)
  // "1e-7" and "5" are valid in both languages; ".0" keeps Python's integers out of it.
  return /[.e]/.test(s) ? s : `${s}.0`
}

/** A string literal valid in both Python and TypeScript (JSON's escaping is a subset of both). */
export function stringLiteral(s: string): string {
  return JSON.stringify(s)
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029')
}

/** A comment-safe one-line version of a name (no line breaks, no comment terminators). */
export function commentText(s: string): string {
  return s.replace(/[\r\n\u2028\u2029]+/g, ' ').replace(/\*\//g, '* /')
}

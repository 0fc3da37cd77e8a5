/** Datasets: generators, presets, features, train/test split, bounds and CSV. */
export * from './options.ts'
export * from './moons.ts'
export { makeCircles, makeGaussians, makeSpiral, makeXor } from './generators.ts'
export * from './presets.ts'
export * from './features.ts'
export * from './split.ts'
export * from './bounds.ts'
export * from './csv.ts'

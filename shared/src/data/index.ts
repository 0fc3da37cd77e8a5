/** Datasets: generators, presets, features, train/test split, bounds and CSV. */
export * from './options.ts'
export * from './moons.ts'
export * from './features.ts'
export * from './split.ts'

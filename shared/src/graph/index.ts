/** Computation graphs as data, DOT export in the notebook's style, and gradient checking. */
export * from './trace.ts'
export * from './dot.ts'
export * from './gradient-check.ts'

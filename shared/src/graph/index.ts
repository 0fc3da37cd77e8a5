/** Computation graphs as data, DOT export in the notebook's style, a backward stepper, gradient checking. */
export * from './trace.ts'
export * from './dot.ts'
export * from './backward-walk.ts'
export * from './gradient-check.ts'
export * from './network.ts'
export * from './explorer-dot.ts'
export * from './chain-rule.ts'
export * from './ledger.ts'

/** The expression lab: a small language of our own (tokenizer, parser) that builds Value graphs. */
export * from './errors.ts'
export * from './tokens.ts'
export * from './parse.ts'
export * from './build.ts'
export * from './examples.ts'

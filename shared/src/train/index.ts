// Filled in by the train work; re-exported from ../index.ts.
export {}

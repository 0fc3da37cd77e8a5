// Filled in by the data work; re-exported from ../index.ts.
export {}

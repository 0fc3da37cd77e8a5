// Filled in by the graph work; re-exported from ../index.ts.
export {}

/** The trained network as code a learner can run elsewhere: Python and TypeScript. */
export { toPython } from './python.ts'
export { toTypeScript } from './typescript.ts'

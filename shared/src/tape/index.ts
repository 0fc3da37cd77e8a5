/** The compiled fused tape: a fast Evaluator that gives the Value engine's numbers. */
export { recordGraph, recordNetwork, type RecordedGraph } from './record.ts'
export { compile, type Program, type ProgramStats } from './compile.ts'
export { forward, backward } from './run.ts'
export {
  tapeEvaluator,
  createTapeEvaluator,
  compileNetwork,
  programFor,
  type TapeEvaluator,
} from './evaluator.ts'

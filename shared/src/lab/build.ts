/**
 * Builds the Value graph a parsed lab program describes: each assignment names its Value (a = 2.0
 * is a leaf labelled a, e = a*b labels the product e), so the graph reads like the program.
 */
import { Value } from '../engine/value.ts'
import { parseProgram, type Expr, type FunctionName, type Program } from './parse.ts'

export interface LabGraph {
  /** The program's output: L if it was assigned, else the last statement's value. */
  output: Value
  /** Each name's Value after the whole program (a Map: any name is safe as a key). */
  variables: Map<string, Value>
  /** The leaves a number was assigned to (a = 2.0), in program order: what a gradient check nudges. */
  leaves: Value[]
}

const APPLY: ReadonlyMap<FunctionName, (v: Value) => Value> = new Map<FunctionName, (v: Value) => Value>([
  ['tanh', (v) => v.tanh()],
  ['exp', (v) => v.exp()],
  ['log', (v) => v.log()],
  ['relu', (v) => v.relu()],
  ['sigmoid', (v) => v.sigmoid()],
])

const asValue = (x: Value | number): Value => (x instanceof Value ? x : new Value(x))

/**
 * A fresh graph for `program` (call again for another copy with the same shape and ids). With
 * `given`, the k-th number assignment uses given[k] as its leaf instead of a new one (a gradient
 * check builds the program over leaves it nudges).
 */
export function buildProgram(program: Program, given?: readonly Value[]): LabGraph {
  const variables = new Map<string, Value>()
  const leaves: Value[] = []
  let output: Value | null = null

  // A bare number stays a number until it meets a Value, so -3 is the constant −3 (not neg(3))
  // and a**2 is a power by the constant 2, as the notebook draws it.
  const evaluate = (e: Expr): Value | number => {
    switch (e.kind) {
      case 'number':
        return e.value
      case 'name':
        return variables.get(e.name)!
      case 'negate': {
        const x = evaluate(e.operand)
        return typeof x === 'number' ? -x : x.neg()
      }
      case 'call':
        return APPLY.get(e.fn)!(asValue(evaluate(e.arg)))
      case 'binary': {
        const a = asValue(evaluate(e.left))
        const b = evaluate(e.right)
        switch (e.op) {
          case '+':
            return a.add(b)
          case '-':
            return a.sub(b)
          case '*':
            return a.mul(b)
          case '/':
            return a.div(b)
          case '**':
            return a.pow(b)
        }
      }
    }
  }

  program.statements.forEach((s, i) => {
    const result = evaluate(s.expr)
    let value: Value
    if (typeof result === 'number') {
      const leaf = s.target !== null ? given?.[leaves.length] : undefined
      value = leaf ?? new Value(result, undefined, '', s.target ?? '')
      if (s.target !== null) {
        value.label = s.target
        leaves.push(value)
      }
    } else {
      value = result
      // b = a names nothing new: a keeps its own label.
      if (s.target !== null && value.label === '') value.label = s.target
    }
    if (s.target !== null) variables.set(s.target, value)
    if (i === program.output) output = value
  })
  return { output: output!, variables, leaves }
}

/** Parses and builds in one go; throws LabError for a mistake in the text. */
export function buildExpression(source: string): LabGraph {
  return buildProgram(parseProgram(source))
}

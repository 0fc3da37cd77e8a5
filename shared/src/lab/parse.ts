/**
 * The expression lab's parser: a recursive-descent reading of the learner's program into a tree.
 * Nothing is ever evaluated as code: names live in a Set and a Map, never in an object, so
 * `__proto__` or `constructor` are names like any other.
 *
 *   program    = statement { (newline | ";") statement }
 *   statement  = [ name "=" ] sum
 *   sum        = product { ("+" | "-") product }
 *   product    = unary { ("*" | "/") unary }
 *   unary      = ("-" | "+") unary | power          -a**2 is -(a**2), as in Python
 *   power      = postfix [ "**" unary ]             right-associative: 2**3**2 is 2**(3**2)
 *   postfix    = primary { "." function "(" ")" }   d.tanh()
 *   primary    = number | name | function "(" sum ")" | "(" sum ")"
 */
import { LabError } from './errors.ts'
import { tokenize, type Token } from './tokens.ts'

/** The functions the lab knows, by call (tanh(x)) or method (x.tanh()). */
export const FUNCTION_NAMES = ['tanh', 'exp', 'log', 'relu', 'sigmoid'] as const
export type FunctionName = (typeof FUNCTION_NAMES)[number]
const FUNCTIONS: ReadonlySet<string> = new Set(FUNCTION_NAMES)

/** Deepest nesting of parentheses and operators the parser follows (it recurses). */
export const MAX_DEPTH = 100

export interface Place {
  line: number
  column: number
}

export type Expr =
  | { kind: 'number'; value: number; at: Place }
  | { kind: 'name'; name: string; at: Place }
  | { kind: 'negate'; operand: Expr; at: Place }
  | { kind: 'binary'; op: '+' | '-' | '*' | '/' | '**'; left: Expr; right: Expr; at: Place }
  | { kind: 'call'; fn: FunctionName; arg: Expr; at: Place }

export interface Statement {
  /** The name assigned, or null for a bare expression. */
  target: string | null
  expr: Expr
  at: Place
}

export interface Program {
  statements: Statement[]
  /** Which statement gives the output: the last assignment to L, else the last statement. */
  output: number
}

const place = (t: Token): Place => ({ line: t.line, column: t.column })
const functionList = FUNCTION_NAMES.join(', ')

/** Reads a whole program; throws LabError (with line and column) at the first mistake. */
export function parseProgram(source: string): Program {
  return new Parser(tokenize(source)).program()
}

class Parser {
  private i = 0
  private depth = 0
  /** Names assigned so far: a use before its assignment is an error. */
  private readonly assigned = new Set<string>()

  constructor(private readonly tokens: Token[]) {}

  private get token(): Token {
    return this.tokens[this.i]
  }

  private fail(reason: string, at: Token = this.token): never {
    throw new LabError(reason, at.line, at.column)
  }

  private isOp(text: string, t: Token = this.token): boolean {
    return t.kind === 'op' && t.text === text
  }

  private describe(t: Token): string {
    if (t.kind === 'end') return 'the end'
    if (t.kind === 'break') return t.text === ';' ? "';'" : 'the end of the line'
    return `'${t.text}'`
  }

  program(): Program {
    const statements: Statement[] = []
    for (;;) {
      while (this.token.kind === 'break') this.i++
      if (this.token.kind === 'end') break
      const statement = this.statement()
      statements.push(statement)
      const next = this.tokens[this.i]
      if (next.kind !== 'break' && next.kind !== 'end')
        this.fail(`expected a new line or ';' before ${this.describe(next)}`, next)
    }
    if (statements.length === 0) this.fail('type an expression, such as  a = 2; b = -3; L = a*b')
    const lastL = statements.map((s) => s.target).lastIndexOf('L')
    return { statements, output: lastL >= 0 ? lastL : statements.length - 1 }
  }

  private statement(): Statement {
    const first = this.token
    if (first.kind === 'name' && this.isOp('=', this.tokens[this.i + 1])) {
      if (FUNCTIONS.has(first.text))
        this.fail(`'${first.text}' is the name of a function: pick another name for the value`)
      this.i += 2
      const expr = this.sum()
      // Assigned after its right-hand side: in a = a + 1 the right side needs an earlier a.
      this.assigned.add(first.text)
      return { target: first.text, expr, at: place(first) }
    }
    return { target: null, expr: this.sum(), at: place(first) }
  }

  /** Guards the recursion so that ((((…)))) a thousand deep is an error, not a stack overflow. */
  private nested<T>(read: () => T): T {
    if (++this.depth > MAX_DEPTH)
      this.fail(`the expression is nested more than ${MAX_DEPTH} levels deep: split it into several lines`)
    try {
      return read()
    } finally {
      this.depth--
    }
  }

  private sum(): Expr {
    return this.nested(() => {
      let left = this.product()
      while (this.isOp('+') || this.isOp('-')) {
        const op = this.token
        this.i++
        left = { kind: 'binary', op: op.text as '+' | '-', left, right: this.product(), at: place(op) }
      }
      return left
    })
  }

  private product(): Expr {
    let left = this.unary()
    while (this.isOp('*') || this.isOp('/')) {
      const op = this.token
      this.i++
      left = { kind: 'binary', op: op.text as '*' | '/', left, right: this.unary(), at: place(op) }
    }
    return left
  }

  private unary(): Expr {
    return this.nested(() => {
      const t = this.token
      if (this.isOp('-')) {
        this.i++
        return { kind: 'negate', operand: this.unary(), at: place(t) }
      }
      if (this.isOp('+')) {
        this.i++
        return this.unary()
      }
      return this.power()
    })
  }

  private power(): Expr {
    const base = this.postfix()
    if (!this.isOp('**')) return base
    const op = this.token
    this.i++
    return { kind: 'binary', op: '**', left: base, right: this.unary(), at: place(op) }
  }

  private postfix(): Expr {
    let expr = this.primary()
    while (this.isOp('.')) {
      const dot = this.token
      this.i++
      const name = this.token
      if (name.kind !== 'name') this.fail(`expected a function name after '.', such as .tanh()`, name)
      if (!FUNCTIONS.has(name.text))
        this.fail(`'${name.text}' is not a function the lab knows: use one of ${functionList}`, name)
      this.i++
      if (!this.isOp('(')) this.fail(`write ${name.text}() with parentheses`)
      this.i++
      if (!this.isOp(')')) this.fail(`.${name.text}() takes nothing inside its parentheses`)
      this.i++
      expr = { kind: 'call', fn: name.text as FunctionName, arg: expr, at: place(dot) }
    }
    return expr
  }

  private primary(): Expr {
    const t = this.token
    if (t.kind === 'number') {
      this.i++
      return { kind: 'number', value: t.value, at: place(t) }
    }
    if (t.kind === 'name') {
      this.i++
      if (this.isOp('(')) {
        if (!FUNCTIONS.has(t.text))
          this.fail(`'${t.text}' is not a function the lab knows: use one of ${functionList}`, t)
        const open = this.token
        this.i++
        if (this.isOp(')')) this.fail(`${t.text}( ) needs a value inside its parentheses`)
        const arg = this.sum()
        if (this.isOp(',')) this.fail(`${t.text} takes one value, not several`)
        this.expectClose(open)
        return { kind: 'call', fn: t.text as FunctionName, arg, at: place(t) }
      }
      if (FUNCTIONS.has(t.text)) this.fail(`${t.text} is a function: write ${t.text}(x) or x.${t.text}()`, t)
      if (!this.assigned.has(t.text))
        this.fail(`'${t.text}' is not assigned yet: give it a value first, e.g. ${t.text} = 1.0`, t)
      return { kind: 'name', name: t.text, at: place(t) }
    }
    if (this.isOp('(')) {
      this.i++
      const inner = this.sum()
      this.expectClose(t)
      return inner
    }
    if (t.kind === 'end' || t.kind === 'break')
      this.fail(`the statement ends too early: expected a value before ${this.describe(t)}`)
    this.fail(`expected a value (a number, a name or '(') but found ${this.describe(t)}`)
  }

  private expectClose(open: Token): void {
    if (this.isOp(')')) {
      this.i++
      return
    }
    if (this.token.kind === 'end' || this.token.kind === 'break')
      this.fail(`the '(' at column ${open.column} of line ${open.line} is never closed`)
    this.fail(`expected ')' but found ${this.describe(this.token)}`)
  }
}

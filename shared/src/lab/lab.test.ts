import { describe, it, expect } from 'vitest'
import fc from 'fast-check'
import { Value } from '../engine/value.ts'
import { traceGraph } from '../graph/trace.ts'
import { buildExpression, buildProgram } from './build.ts'
import { LabError } from './errors.ts'
import { LAB_EXAMPLES } from './examples.ts'
import { MAX_DEPTH, parseProgram } from './parse.ts'
import { MAX_SOURCE_LENGTH, tokenize } from './tokens.ts'

const out = (source: string) => buildExpression(source).output.data

/** The error a source gives, as [line, column, reason]. */
function errorOf(source: string): [number, number, string] {
  try {
    buildExpression(source)
  } catch (e) {
    expect(e).toBeInstanceOf(LabError)
    const err = e as LabError
    expect(err.message).toBe(`line ${err.line}, column ${err.column}: ${err.reason}`)
    return [err.line, err.column, err.reason]
  }
  throw new Error(`expected ${JSON.stringify(source)} to be an error`)
}

describe('precedence and associativity', () => {
  it('multiplies before adding, and parentheses come first', () => {
    expect(out('a = 2; b = 3; c = 4; L = a + b * c')).toBe(14)
    expect(out('a = 2; b = 3; c = 4; L = (a + b) * c')).toBe(20)
    expect(out('a = 2; b = 3; c = 4; L = a * b + c')).toBe(10)
  })

  it('- and / group to the left', () => {
    expect(out('a = 2; b = 3; c = 4; a - b - c')).toBe(-5)
    expect(out('a = 24; b = 3; c = 4; a / b / c')).toBe(2)
  })

  it('** groups to the right: 2**3**2 is 2**9', () => {
    expect(out('a = 2; a**3**2')).toBe(512)
    expect(out('a = 2; (a**3)**2')).toBe(64)
  })

  it('unary minus binds looser than ** (as in Python) and tighter than *', () => {
    expect(out('a = 3; -a**2')).toBe(-9)
    expect(out('a = 3; (-a)**2')).toBe(9)
    expect(out('a = 3; b = 2; -a * b')).toBe(-6)
    expect(out('a = 2; a ** -1')).toBe(0.5)
    expect(out('a = 2; --a')).toBe(2)
    expect(out('a = 2; +a')).toBe(2)
  })

  it('a negative literal is a constant leaf, not neg(3); a**2 is a power by the constant 2', () => {
    const { variables } = buildExpression('a = -3; b = a**2; c = -a')
    expect(variables.get('a')!.op).toBe('')
    expect(variables.get('a')!.data).toBe(-3)
    expect(variables.get('b')!.op).toBe('**2')
    expect(variables.get('c')!.op).toBe('neg')
  })

  it('reads the minus sign the app prints (−0.44) as a minus', () => {
    expect(out('a = −0.5; a * 2')).toBe(-1)
  })
})

describe('functions, statements and the output', () => {
  it('knows tanh exp log relu sigmoid, called or as methods', () => {
    expect(out('x = 0.5; tanh(x)')).toBeCloseTo(Math.tanh(0.5), 15)
    expect(out('x = 0.5; x.tanh()')).toBeCloseTo(Math.tanh(0.5), 15)
    expect(out('x = 0.5; x.exp().log()')).toBeCloseTo(0.5, 15)
    expect(out('x = -2; relu(x) + x.relu()')).toBe(0)
    expect(out('x = 0; sigmoid(x)')).toBe(0.5)
    expect(out('x = 1; (x + 1).exp()')).toBeCloseTo(Math.E ** 2, 12)
    expect(out('tanh(0.5)')).toBeCloseTo(Math.tanh(0.5), 15)
  })

  it('splits statements on new lines and ;, skips blank lines and # comments', () => {
    expect(out('a = 2\n\n# a comment\nb = 3 # trailing\n;; a*b')).toBe(6)
  })

  it('the output is L when assigned (wherever it is), else the last statement', () => {
    expect(out('a = 2; L = a * 5; b = 7')).toBe(10)
    expect(out('a = 2; b = a * 5')).toBe(10)
    expect(out('a = 2; L = a; L = L * 3; z = 1')).toBe(6)
  })

  it("builds the lesson's graph with its labels, values and grads", () => {
    const { output: L, variables } = buildExpression(LAB_EXAMPLES[0].source)
    expect(L.data).toBe(-8)
    expect(L.label).toBe('L')
    L.backward()
    const grad = (n: string) => variables.get(n)!.grad
    expect([grad('a'), grad('b'), grad('c'), grad('f'), grad('e'), grad('d')]).toEqual([6, -4, -2, 4, -2, -2])
    const graph = traceGraph(L)
    expect(graph.nodes.map((n) => n.label)).toEqual(['a', 'b', 'e', 'c', 'd', 'f', 'L'])
  })

  it('every example parses and builds a finite output', () => {
    for (const example of LAB_EXAMPLES) expect(Number.isFinite(out(example.source))).toBe(true)
    // The neuron of the lecture: o = tanh(0.8814) = 0.7071.
    expect(out(LAB_EXAMPLES[2].source)).toBeCloseTo(Math.SQRT1_2, 6)
  })

  it('b = a keeps a’s label, and a value used twice gets both contributions', () => {
    const { output, variables } = buildExpression('a = 3; b = a; c = b + b')
    expect(variables.get('b')).toBe(variables.get('a'))
    expect(variables.get('a')!.label).toBe('a')
    output.backward()
    expect(variables.get('a')!.grad).toBe(2)
  })

  it('lists the leaves a number was assigned to, for the gradient check', () => {
    const { leaves } = buildExpression('a = 2; b = a * 3; c = -1; L = b + c')
    expect(leaves.map((v) => v.label)).toEqual(['a', 'c'])
  })

  it('building the same program twice gives two graphs of the same shape', () => {
    const program = parseProgram(LAB_EXAMPLES[1].source)
    const one = traceGraph(buildProgram(program).output)
    const two = traceGraph(buildProgram(program).output)
    expect(two.values[0]).not.toBe(one.values[0])
    expect(two.edges).toEqual(one.edges)
    expect(two.nodes).toEqual(one.nodes)
  })
})

describe('names are data, never code', () => {
  it('constructor.constructor("x")() is a parse error and runs nothing', () => {
    const g = globalThis as { labRan?: boolean }
    const [line, column, reason] = errorOf('constructor.constructor("globalThis.labRan = true")()')
    expect([line, column]).toEqual([1, 25])
    expect(reason).toMatch(/no text strings/)
    expect(g.labRan).toBeUndefined()
    expect(errorOf('constructor.constructor()')[2]).toMatch(/'constructor' is not assigned yet/)
    expect(errorOf('constructor = 1; constructor.constructor()')[2]).toMatch(
      /'constructor' is not a function/,
    )
    expect(errorOf('a = 1; a.constructor()')[2]).toMatch(/not a function/)
    expect(errorOf('toString(1)')[2]).toMatch(/'toString' is not a function/)
  })

  it('__proto__, prototype and constructor unassigned are errors, assigned they are plain names', () => {
    for (const name of ['__proto__', 'prototype', 'constructor', 'hasOwnProperty', 'valueOf', 'toString'])
      expect(errorOf(`L = ${name} * 2`)).toEqual([
        1,
        5,
        `'${name}' is not assigned yet: give it a value first, e.g. ${name} = 1.0`,
      ])
    const { output, variables } = buildExpression(
      '__proto__ = 2; constructor = 3; prototype = __proto__ * constructor',
    )
    expect(output.data).toBe(6)
    expect(output.label).toBe('prototype')
    expect([...variables.keys()]).toEqual(['__proto__', 'constructor', 'prototype'])
    expect(Object.getPrototypeOf(variables)).toBe(Map.prototype)
  })
})

describe('errors name the line and column', () => {
  it('a name used before it is assigned', () => {
    expect(errorOf('a = 2\nb = a + q')).toEqual([
      2,
      9,
      "'q' is not assigned yet: give it a value first, e.g. q = 1.0",
    ])
    // a = a + 1 needs an earlier a.
    expect(errorOf('a = a + 1')[0]).toBe(1)
  })

  it('a statement that ends too early, or two run together', () => {
    expect(errorOf('a = 2\nb = a +\nc = 1')).toEqual([
      2,
      8,
      'the statement ends too early: expected a value before the end of the line',
    ])
    expect(errorOf('a = 2 b = 3')).toEqual([1, 7, "expected a new line or ';' before 'b'"])
    expect(errorOf('a = 1 +* 2')[1]).toBe(8)
  })

  it('parentheses that never close or close too often', () => {
    expect(errorOf('a = 1\nb = (a + 2\nc = 3')).toEqual([
      2,
      11,
      "the '(' at column 5 of line 2 is never closed",
    ])
    expect(errorOf('a = 1; (a))')).toEqual([1, 11, "expected a new line or ';' before ')'"])
    expect(errorOf('a = 1; tanh(a, a)')[2]).toMatch(/one value/)
    expect(errorOf('tanh()')[2]).toMatch(/needs a value/)
  })

  it('functions misused, and characters the language has no use for', () => {
    expect(errorOf('tanh = 1')[2]).toMatch(/name of a function/)
    expect(errorOf('x = 1; x.tanh')[2]).toMatch(/with parentheses/)
    expect(errorOf('x = 1; x.tanh(2)')[2]).toMatch(/nothing inside/)
    expect(errorOf('x = 1; x.cosh()')).toEqual([
      1,
      10,
      "'cosh' is not a function the lab knows: use one of tanh, exp, log, relu, sigmoid",
    ])
    expect(errorOf('x = 1; tanh + x')[2]).toMatch(/tanh is a function/)
    expect(errorOf('x = 2; x^2')).toEqual([1, 9, "'^' is not a power here: write a**2 for a squared"])
    expect(errorOf('x = 2 $')).toEqual([1, 7, 'unexpected character "$"'])
    expect(errorOf('x = 2a')[2]).toMatch(/2\*a/)
    expect(errorOf('x = 1e999')[2]).toMatch(/too large/)
    expect(errorOf('   \n  # nothing\n')[2]).toMatch(/type an expression/)
  })

  it('absurd sizes are errors, not a hang or a stack overflow', () => {
    expect(errorOf('a = 1\n' + 'a'.repeat(MAX_SOURCE_LENGTH))[2]).toMatch(/characters long/)
    const deep = 'a = 1; ' + '('.repeat(4000) + 'a' + ')'.repeat(4000)
    expect(errorOf(deep)[2]).toMatch(new RegExp(`more than ${MAX_DEPTH} levels`))
    expect(errorOf('a = 1; ' + '-'.repeat(5000) + 'a')[2]).toMatch(/levels/)
    expect(out('a = 1; ' + '('.repeat(40) + 'a' + ')'.repeat(40))).toBe(1)
  })

  it('non-finite results are drawn, not refused: 1/0 and log(-1)', () => {
    expect(out('a = 1; a / 0')).toBe(Infinity)
    expect(out('a = -1; log(a)')).toBeNaN()
  })

  it('any text at all either builds a Value or says where it went wrong', () => {
    const pieces = fc.constantFrom(
      ...[
        'a',
        'b',
        'L',
        '=',
        '+',
        '-',
        '*',
        '/',
        '**',
        '(',
        ')',
        '.',
        'tanh',
        'exp',
        '()',
        ';',
        '\n',
        ' ',
        '2',
        '0.5',
        'e3',
        '__proto__',
        '"',
        '−',
        ',',
      ],
    )
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 30 }), fc.string({ maxLength: 5 }), (parts, noise) => {
        const source = 'a = 1; b = 2\n' + parts.join('') + noise
        try {
          expect(buildExpression(source).output).toBeInstanceOf(Value)
        } catch (e) {
          expect(e).toBeInstanceOf(LabError)
          const { line, column } = e as LabError
          expect(line).toBeGreaterThanOrEqual(1)
          expect(column).toBeGreaterThanOrEqual(1)
        }
      }),
      { numRuns: 500 },
    )
  })
})

describe('tokenize', () => {
  it('gives every token its line and column', () => {
    const tokens = tokenize('a = 2.5e1\n  b**-1')
    expect(tokens.map((t) => [t.kind, t.text, t.line, t.column])).toEqual([
      ['name', 'a', 1, 1],
      ['op', '=', 1, 3],
      ['number', '2.5e1', 1, 5],
      ['break', '\n', 1, 10],
      ['name', 'b', 2, 3],
      ['op', '**', 2, 4],
      ['op', '-', 2, 6],
      ['number', '1', 2, 7],
      ['end', '', 2, 8],
    ])
    expect(tokens[2].value).toBe(25)
    expect(tokenize('.5')[0].value).toBe(0.5)
  })
})

describe('buildProgram over given leaves', () => {
  it('uses the k-th given Value for the k-th number assignment, keeping its data', () => {
    const program = parseProgram('a = 2; b = a * 3; c = -1; L = b + c')
    const given = [new Value(5), new Value(10)]
    const { output, leaves } = buildProgram(program, given)
    expect(leaves).toEqual(given)
    expect(given.map((v) => v.label)).toEqual(['a', 'c'])
    expect(output.data).toBe(5 * 3 + 10)
  })
})

import { describe, it, expect } from 'vitest'
import fc from 'fast-check'
import type { DatasetJSON, Point } from '../model-file/types.ts'
import {
  DatasetCsvError,
  MAX_CSV_CHARS,
  formatDatasetCsv,
  importDatasetCsv,
  parseDatasetCsv,
  readCsvTable,
} from './csv.ts'
import { makeMoons } from './moons.ts'

/** The error parseDatasetCsv throws for text (fails the test if it does not throw one). */
function csvError(text: string, options?: { classes?: string[] }): DatasetCsvError {
  try {
    parseDatasetCsv(text, options)
  } catch (e) {
    expect(e).toBeInstanceOf(DatasetCsvError)
    return e as DatasetCsvError
  }
  throw new Error('expected a DatasetCsvError')
}

describe('formatDatasetCsv', () => {
  it('writes the header, then train rows, then test rows, labels as class names', () => {
    const dataset: DatasetJSON = {
      classes: ['blue', 'orange'],
      train: [
        [0.1, 0.9, 0],
        [1.2, -0.4, 1],
      ],
      test: [[-3, 2.5e-7, 1]],
    }
    expect(formatDatasetCsv(dataset)).toBe('x1,x2,label\n0.1,0.9,blue\n1.2,-0.4,orange\n-3,2.5e-7,orange\n')
  })

  it('quotes names with commas, quotes or outer spaces', () => {
    const csv = formatDatasetCsv({
      classes: ['a,b', 'say "hi"', ' pad '],
      points: [
        [0, 0, 0],
        [1, 1, 1],
        [2, 2, 2],
      ],
    })
    expect(csv.split('\n').slice(1, 4)).toEqual(['0,0,"a,b"', '1,1,"say ""hi"""', '2,2," pad "'])
  })

  it('can put each class first in class order, so reading it back keeps the order of the classes', () => {
    const d: DatasetJSON = {
      classes: ['a', 'b', 'c'],
      train: [
        [1, 1, 2],
        [2, 2, 1],
        [3, 3, 2],
      ],
      test: [[4, 4, 0]],
    }
    const csv = formatDatasetCsv(d, { keepClassOrder: true })
    expect(csv).toBe('x1,x2,label\n4,4,a\n2,2,b\n1,1,c\n3,3,c\n')
    expect(parseDatasetCsv(csv).classes).toEqual(['a', 'b', 'c'])
    expect(parseDatasetCsv(formatDatasetCsv(d)).classes).toEqual(['c', 'b', 'a'])
  })

  it('rejects what it cannot write faithfully', () => {
    expect(() => formatDatasetCsv({ classes: ['a'], points: [[0, 0, 1]] })).toThrow(
      /point 0 has class index 1/,
    )
    expect(() => formatDatasetCsv({ classes: ['a'], points: [[NaN, 0, 0]] })).toThrow(/not a finite number/)
    expect(() => formatDatasetCsv({ classes: ['a', 'a'], points: [] })).toThrow(/appears twice/)
    expect(() => formatDatasetCsv({ classes: ['a\nb'], points: [] })).toThrow(/no line breaks/)
    expect(() => formatDatasetCsv({ classes: ['1', '2', '3', '4', '5', '6', '7'], points: [] })).toThrow(
      /at most 6/,
    )
  })
})

describe('parseDatasetCsv', () => {
  it('reads name labels, classes in order of first appearance', () => {
    expect(parseDatasetCsv('x1,x2,label\n1,2,orange\n3,4,blue\n5,6,orange\n')).toEqual({
      classes: ['orange', 'blue'],
      points: [
        [1, 2, 0],
        [3, 4, 1],
        [5, 6, 0],
      ],
    })
  })

  it('reads whole-number labels without a 0 as counting from 1 (R, MATLAB): classes "1" up to the largest', () => {
    expect(parseDatasetCsv('x1,x2,label\n1,2,2\n3,4,1\n5,6,2\n')).toEqual({
      classes: ['1', '2'],
      points: [
        [1, 2, 1],
        [3, 4, 0],
        [5, 6, 1],
      ],
    })
    // Six classes counted from 1 fit; a seventh label does not, and the labels are names then.
    const six = [1, 2, 3, 4, 5, 6].map((c) => `0,0,${c}`).join('\n')
    expect(parseDatasetCsv(`x1,x2,label\n${six}\n`).classes).toEqual(['1', '2', '3', '4', '5', '6'])
  })

  it('reads whole-number labels 0..5 as class indices, classes "0" up to the largest', () => {
    expect(parseDatasetCsv('x1,x2,label\n1,2,2\n3,4,0\n')).toEqual({
      classes: ['0', '1', '2'],
      points: [
        [1, 2, 2],
        [3, 4, 0],
      ],
    })
  })

  it('reads other numeric labels (−1/+1, 7/8) as names', () => {
    expect(parseDatasetCsv('x1,x2,label\n0,0,-1\n1,1,1\n').classes).toEqual(['-1', '1'])
    expect(parseDatasetCsv('x1,x2,label\n0,0,8\n1,1,7\n').classes).toEqual(['8', '7'])
  })

  it('keeps a given class list: names by name, whole numbers by index, new names appended', () => {
    const text = 'x1,x2,label\n0,0,orange\n1,1,0\n2,2,green\n3,3,blue\n'
    expect(parseDatasetCsv(text, { classes: ['blue', 'orange'] })).toEqual({
      classes: ['blue', 'orange', 'green'],
      points: [
        [0, 0, 1],
        [1, 1, 0],
        [2, 2, 2],
        [3, 3, 0],
      ],
    })
  })

  it('tolerates CRLF, a BOM, a header in any case with spaces, blank lines and spaces around values', () => {
    const text = '\uFEFF X1 , X2 ,Label\r\n\r\n 0.5 , -1e2 , blue \r\n\r\n2,3,orange\r\n'
    expect(parseDatasetCsv(text)).toEqual({
      classes: ['blue', 'orange'],
      points: [
        [0.5, -100, 0],
        [2, 3, 1],
      ],
    })
  })

  it('reads quoted values exactly, doubled quotes included', () => {
    expect(parseDatasetCsv('x1,x2,label\n"1",2," a ""b"", c"\n').classes).toEqual([' a "b", c'])
  })

  it('rejects an empty file', () => {
    for (const text of ['', '\uFEFF', '\n  \r\n']) {
      const e = csvError(text)
      expect(e.message).toBe('line 1: the file is empty: expected one row per point (x1, x2 and a label)')
      expect(e.line).toBe(1)
      expect(e.column).toBeNull()
    }
  })

  it('rejects a header without points', () => {
    expect(csvError('x1,x2,label\n').message).toMatch(/line 2: the file has a header but no points/)
  })

  it('rejects a wrong column count', () => {
    const e = csvError('x1,x2,label\n1,2,a\n\n1,2\n')
    expect(e.message).toBe('line 4, column 3: expected 3 columns (x1, x2, label), found 2')
    expect([e.line, e.column]).toEqual([4, 3])
    expect(csvError('x1,x2,label\n1,2,a,b\n').message).toBe(
      'line 2, column 4: expected 3 columns (x1, x2, label), found 4',
    )
  })

  it('rejects a value that is not a number', () => {
    const e = csvError('x1,x2,label\n1,2,a\n1,2,a\n1,2,a\n1,2,a\n1,2,a\n1,abc,a\n')
    expect(e.message).toBe('line 7, column 2: "abc" is not a number')
    expect([e.line, e.column]).toEqual([7, 2])
    expect(csvError('x1,x2,label\n0x10,2,a\n').message).toBe('line 2, column 1: "0x10" is not a number')
    expect(csvError('x1,x2,label\n,2,a\n').message).toBe(
      'line 2, column 1: the value is empty: expected a number',
    )
  })

  it('rejects a non-finite number', () => {
    expect(csvError('x1,x2,label\n1,Infinity,a\n').message).toBe(
      'line 2, column 2: "Infinity" is not a finite number',
    )
    expect(csvError('x1,x2,label\nNaN,1,a\n').message).toBe('line 2, column 1: "NaN" is not a finite number')
    expect(csvError('x1,x2,label\n1e400,1,a\n').message).toBe(
      'line 2, column 1: "1e400" is too large to be a finite number',
    )
  })

  it('rejects a seventh class at the line where it appears', () => {
    const rows = ['a', 'b', 'c', 'd', 'e', 'f', 'a', 'g'].map((l, i) => `${i},0,${l}`)
    const e = csvError(['x1,x2,label', ...rows].join('\n'))
    expect(e.message).toBe(
      'line 9, column 3: "g" would be class 7; a dataset has at most 6 classes (a, b, c, d, e, f)',
    )
    expect([e.line, e.column]).toEqual([9, 3])
  })

  it('rejects an empty label, an unclosed quote and text after a closing quote', () => {
    expect(csvError('x1,x2,label\n1,2,\n').message).toBe(
      'line 2, column 3: the label is empty: give a class name or index',
    )
    expect(csvError('x1,x2,label\n1,2,"abc\n').message).toBe(
      'line 2, column 3: a quoted value is not closed (missing ")',
    )
    expect(csvError('x1,x2,label\n1,"2"x,a\n').message).toBe(
      'line 2, column 2: unexpected text after a closing quote',
    )
  })

  it('rejects more than 100000 points and an over-long text, with what to do', () => {
    const big = 'x1,x2,label\n' + '0,0,a\n'.repeat(100_001)
    const e = csvError(big)
    // Line 100002 is row 100001: the first 100000 rows were read without complaint.
    expect(e.message).toBe(
      'line 100002: the file has 100001 points; at most 100000 can be imported. Nothing was imported',
    )
    expect(csvError('x'.repeat(MAX_CSV_CHARS + 1)).message).toMatch(
      /limit is 16000000 .*Import a smaller file/,
    )
  })

  it('rejects an unusable class list', () => {
    expect(csvError('x1,x2,label\n1,2,a\n', { classes: ['', 'b'] }).message).toMatch(
      /classes to keep are not usable/,
    )
  })
})

describe('importDatasetCsv: the CSVs people already have', () => {
  const moons3: Point[] = [
    [0.1, 0.9, 0],
    [1.2, -0.4, 1],
    [-0.5, 0.25, 0],
  ]

  it('reads a pandas to_csv file, leaving out its index column and saying so', () => {
    const text = ',x1,x2,label\n0,0.1,0.9,blue\n1,1.2,-0.4,orange\n2,-0.5,0.25,blue\n'
    const r = importDatasetCsv(text)
    expect(r.status).toBe('ready')
    if (r.status !== 'ready') return
    expect(r.points).toEqual({ classes: ['blue', 'orange'], points: moons3 })
    expect(r.note).toMatch(/"" looks like a row index and was left out/)
    // pandas without names: DataFrame(np.c_[X, y]).to_csv() has the header ",0,1,2" and float labels.
    const unnamed = ',0,1,2\n0,0.1,0.9,0.0\n1,1.2,-0.4,1.0\n2,-0.5,0.25,0.0\n'
    expect(parseDatasetCsv(unnamed)).toEqual({ classes: ['0', '1'], points: moons3 })
  })

  it('reads other header names in any case: x,y,class; feature_1,feature_2,target; X1,X2,Y', () => {
    const rows = '0.1,0.9,a\n1.2,-0.4,b\n-0.5,0.25,a\n'
    const expected = { classes: ['a', 'b'], points: moons3 }
    for (const header of ['x,y,class', 'Feature_1,Feature_2,Target', 'X1,X2,Y', 'f1,f2,label', 'x0,x1,y'])
      expect(parseDatasetCsv(`${header}\n${rows}`), header).toEqual(expected)
    // Names decide the order, not the position.
    expect(parseDatasetCsv(`class,y,x\na,0.9,0.1\nb,-0.4,1.2\na,0.25,-0.5\n`)).toEqual(expected)
    // Extra columns are left out, and the note says which.
    const extra = importDatasetCsv(`id,x1,x2,label,weight\n7,0.1,0.9,a,1\n9,1.2,-0.4,b,2\n8,-0.5,0.25,a,3\n`)
    expect(extra.status === 'ready' && extra.note).toMatch(/"id" looks like a row index.*"weight" left out/)
  })

  it('reads files without a header: numpy savetxt (spaces, %.18e) and comma dumps', () => {
    const e = (x: number) => x.toExponential(18)
    const savetxt = moons3.map((p) => p.map(e).join(' ')).join('\n') + '\n'
    expect(parseDatasetCsv(savetxt)).toEqual({ classes: ['0', '1'], points: moons3 })
    const dump = '0.1,0.9,0\n1.2,-0.4,1\n-0.5,0.25,0\n'
    const r = importDatasetCsv(dump)
    expect(r.status === 'ready' && r.points).toEqual({ classes: ['0', '1'], points: moons3 })
    expect(r.status === 'ready' && r.note).toMatch(/column 1 as x1, column 2 as x2 and column 3 as the label/)
    // The label first is still one column of labels: x1 and x2 keep the file's order.
    expect(parseDatasetCsv('blue,0.1,0.9\norange,1.2,-0.4\nblue,-0.5,0.25\n')).toEqual({
      classes: ['blue', 'orange'],
      points: moons3,
    })
    expect(readCsvTable(savetxt)).toMatchObject({ delimiter: ' ', header: null, columns: 3 })
  })

  it('reads semicolons with decimal commas, and tabs', () => {
    const text = 'x1;x2;label\n0,1;0,9;blue\n1,2;-0,4;orange\n-0,5;0,25;blue\n'
    expect(readCsvTable(text)).toMatchObject({ delimiter: ';', decimalComma: true })
    expect(parseDatasetCsv(text)).toEqual({ classes: ['blue', 'orange'], points: moons3 })
    expect(parseDatasetCsv('0,1;0,9;0\n1,2;-0,4;1\n-0,5;0,25;0\n').points).toEqual(moons3)
    expect(
      parseDatasetCsv('x1\tx2\tlabel\n0.1\t0.9\tblue\n1.2\t-0.4\torange\n-0.5\t0.25\tblue\n').points,
    ).toEqual(moons3)
  })

  it('asks which column is which when they cannot be told apart, then reads the mapping given', () => {
    // Whole-number coordinates: every column could be the labels.
    const grid = '1,2,0\n3,1,1\n2,2,0\n'
    const r = importDatasetCsv(grid)
    expect(r.status).toBe('ask')
    if (r.status !== 'ask') return
    expect(r.reason).toMatch(
      /^Choose which column is x1, x2 and the label: 3 columns could be the class labels/,
    )
    expect(r.suggestion).toEqual({ x1: 0, x2: 1, label: 2 })
    expect(r.table.rows).toHaveLength(3)
    expect(() => parseDatasetCsv(grid)).toThrow(/Choose which column/)
    // The labels read are 2, 1, 2: with no 0 among them they count from 1.
    expect(parseDatasetCsv(grid, { mapping: { x1: 2, x2: 0, label: 1 } })).toEqual({
      classes: ['1', '2'],
      points: [
        [0, 1, 1],
        [1, 3, 0],
        [0, 2, 1],
      ],
    })
    // Four unnamed columns, or names that say nothing with no label-like values: ask too.
    expect(importDatasetCsv('0.5,0.1,0.9,0.3\n0.2,1.2,-0.4,0.7\n').status).toBe('ask')
    expect(importDatasetCsv('a,b,c\n0.5,0.1,0.9\n0.2,1.2,-0.4\n').status).toBe('ask')
    // Header and values disagree about the label: ask.
    expect(importDatasetCsv('p,q,class\n0,0.1,0.25\n1,1.2,0.5\n').status).toBe('ask')
  })

  it('refuses a file of one or two columns outright: no mapping could make a dataset of it', () => {
    expect(() => importDatasetCsv('1\n2\n3\n')).toThrow(
      /has 1 column; a dataset needs three: x1, x2 and a class label/,
    )
    expect(() => importDatasetCsv('x,y\n1,2\n3,4\n')).toThrow(/has 2 columns; a dataset needs three/)
  })

  it('keeps a counting first column when the file has only three: it may be x1, so it asks', () => {
    const rows = Array.from({ length: 8 }, (_, i) => `${i},0.${i + 1},0.${8 - i}`).join('\n')
    const r = importDatasetCsv(rows + '\n')
    expect(r.status).toBe('ask')
    if (r.status === 'ask') expect(r.suggestion).toEqual({ x1: 0, x2: 1, label: 2 })
  })

  it('refuses a mapping that is not three different columns', () => {
    expect(() => parseDatasetCsv('1,2,0\n', { mapping: { x1: 0, x2: 0, label: 2 } })).toThrow(
      /three different columns of the 3/,
    )
    expect(() => parseDatasetCsv('1,2,0\n', { mapping: { x1: 0, x2: 1, label: 3 } })).toThrow(
      /three different/,
    )
  })

  it('lists the first bad lines of a bad file, each with line and column, and imports nothing', () => {
    const text = 'x1,x2,label\n1,2,a\n1,abc,a\n1,2\nNaN,2,b\n3,4,\n5,6,a\nx,y,z\n7,8,a\n'
    const e = csvError(text)
    expect(e.lines).toEqual([
      'line 3, column 2: "abc" is not a number',
      'line 4, column 3: expected 3 columns (x1, x2, label), found 2',
      'line 5, column 1: "NaN" is not a finite number',
      'line 6, column 3: the label is empty: give a class name or index',
      'line 8, column 1: "x" is not a number',
    ])
    expect(e.message).toBe('line 3, column 2: "abc" is not a number')
    expect(e.problems[0]).toEqual({ line: 3, column: 2, message: '"abc" is not a number' })
  })

  it('stops at a smaller limit with its reason, before reading a single value', () => {
    const text = 'x1,x2,label\n' + '0,0,a\n'.repeat(11)
    expect(() => parseDatasetCsv(text, { maxPoints: 10, maxPointsReason: 'to keep drawing quick' })).toThrow(
      'line 12: the file has 11 points; at most 10 can be imported (to keep drawing quick). Nothing was imported',
    )
  })
})

describe('CSV round trip', () => {
  const className = fc.string({ minLength: 1, maxLength: 12 }).filter((s) => !/[\r\n]/.test(s))
  const coordinate = fc.double({ noNaN: true, noDefaultInfinity: true }).map((x) => (x === 0 ? 0 : x))

  const labeled = fc.uniqueArray(className, { minLength: 1, maxLength: 6 }).chain((classes) =>
    fc.record({
      classes: fc.constant(classes),
      points: fc.array(
        fc
          .tuple(coordinate, coordinate, fc.integer({ min: 0, max: classes.length - 1 }))
          .map((t) => t as Point),
        { minLength: 1, maxLength: 30 },
      ),
    }),
  )

  it('format then parse with the class list gives the same points and classes', () => {
    fc.assert(
      fc.property(labeled, (d) => {
        expect(parseDatasetCsv(formatDatasetCsv(d), { classes: d.classes })).toEqual(d)
      }),
      { numRuns: 100 },
    )
  })

  it('format then parse without the class list keeps every point and its class name', () => {
    fc.assert(
      fc.property(labeled, (d) => {
        const back = parseDatasetCsv(formatDatasetCsv(d))
        expect(back.points.map((p) => [p[0], p[1], back.classes[p[2]]])).toEqual(
          d.points.map((p) => [p[0], p[1], d.classes[p[2]]]),
        )
      }),
      { numRuns: 100 },
    )
  })

  it('round-trips a generated dataset exactly, train then test', () => {
    const points = makeMoons(200, 0.15, 42)
    const d: DatasetJSON = {
      classes: ['blue', 'orange'],
      train: points.slice(0, 150),
      test: points.slice(150),
    }
    expect(parseDatasetCsv(formatDatasetCsv(d))).toEqual({ classes: ['blue', 'orange'], points })
  })
})

import { describe, it, expect } from 'vitest'
import fc from 'fast-check'
import type { DatasetJSON, Point } from '../model-file/types.ts'
import { DatasetCsvError, MAX_CSV_CHARS, formatDatasetCsv, parseDatasetCsv } from './csv.ts'
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
      expect(e.message).toBe(
        'line 1: the file is empty: expected the header x1,x2,label and one row per point',
      )
      expect(e.line).toBe(1)
      expect(e.column).toBeNull()
    }
  })

  it('rejects a header without points', () => {
    expect(csvError('x1,x2,label\n').message).toMatch(/line 2: the file has a header but no points/)
  })

  it('rejects a bad header, naming the first wrong column', () => {
    const e = csvError('x,y,label\n1,2,a\n')
    expect(e.message).toBe('line 1, column 1: expected the header x1,x2,label, found "x,y,label"')
    expect([e.line, e.column]).toEqual([1, 1])
    expect(csvError('x1,x2,label,extra\n').column).toBe(4)
    expect(csvError('1,2,blue\n').message).toMatch(/\(the first line must be the header\)/)
    expect(csvError('x1;x2;label\n').message).toMatch(/\(columns must be separated by commas\)/)
  })

  it('rejects a wrong column count', () => {
    const e = csvError('x1,x2,label\n1,2,a\n\n1,2\n')
    expect(e.message).toBe('line 4, column 3: expected 3 columns (x1,x2,label), found 2')
    expect([e.line, e.column]).toEqual([4, 3])
    expect(csvError('x1,x2,label\n1,2,a,b\n').message).toBe(
      'line 2, column 4: expected 3 columns (x1,x2,label), found 4',
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
    expect(e.message).toBe('line 100002: more than 100000 points; a dataset holds at most 100000')
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

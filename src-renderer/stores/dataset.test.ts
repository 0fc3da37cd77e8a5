import { beforeEach, describe, expect, it } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { nextTick } from 'vue'
import { getPreset } from '../../shared/src/data/index.ts'
import { useConfirmStore } from './confirm.ts'
import { useDatasetStore } from './dataset.ts'

beforeEach(() => setActivePinia(createPinia()))

describe('dataset store', () => {
  it('starts with the moons preset split 80/20', () => {
    const data = useDatasetStore()
    expect(data.preset).toBe('moons')
    expect(data.classes).toEqual(['blue', 'orange'])
    expect(data.dataset.train).toHaveLength(160)
    expect(data.dataset.test).toHaveLength(40)
    expect(data.problem).toBeNull()
  })

  it('keeps the previous data and explains why when an option is impossible', async () => {
    const data = useDatasetStore()
    const before = data.dataset
    data.count = 0
    await nextTick()
    expect(data.dataset).toBe(before)
    expect(data.problem).toBe(
      'Points must be a whole number from 1 to 10,000. The plot keeps the previous data.',
    )
    // The form goes back to the options in use, so the next change is not refused for this one.
    expect(data.count).toBe(200)
    data.noise = Number.NaN
    await nextTick()
    expect(data.problem).toBe('Noise must be a number of 0 or more. The plot keeps the previous data.')
    expect(data.noise).toBe(0.15)
    data.seed = 7
    await nextTick()
    expect(data.problem).toBeNull()
    expect(data.dataset).not.toBe(before)
    data.count = 50
    await nextTick()
    expect(data.problem).toBeNull()
    expect(data.dataset.train.length + data.dataset.test.length).toBe(50)
  })

  it('undoes a test-share change in one step, and it can be redone', async () => {
    const data = useDatasetStore()
    data.testFraction = 0.5
    await nextTick()
    expect(data.dataset.test).toHaveLength(100)
    data.undo()
    await nextTick()
    await nextTick()
    expect([data.dataset.train.length, data.dataset.test.length, data.testFraction]).toEqual([160, 40, 0.2])
    expect(data.canRedo).toBe(true)
    expect(data.canUndo).toBe(false)
    data.redo()
    await nextTick()
    expect(data.dataset.test).toHaveLength(100)
  })

  it('says a CSV with another class count was imported only once the learner agreed to start over', async () => {
    const data = useDatasetStore()
    const confirm = useConfirmStore()
    confirm.trained = true
    const three = {
      classes: ['a', 'b', 'c'],
      points: [
        [0, 0, 0],
        [1, 1, 1],
        [2, 2, 2],
      ] as [number, number, number][],
    }
    data.importPoints(three, 'three.csv')
    expect(confirm.pending).not.toBeNull()
    expect(data.notice).toBeNull()
    confirm.keep()
    expect(data.classes).toEqual(['blue', 'orange'])
    expect(data.notice?.text).toBe(
      'three.csv was not imported: you kept training the model you had, and the data is unchanged.',
    )
    data.importPoints(three, 'three.csv')
    confirm.accept()
    expect(data.classes).toEqual(['a', 'b', 'c'])
    expect(data.notice?.text).toMatch(/^Imported 3 points in 3 classes from three\.csv\./)
  })

  it('starts a new preset from its own defaults, with adjustable classes where it allows them', async () => {
    const data = useDatasetStore()
    data.noise = 0.4
    data.preset = 'gaussians'
    await nextTick()
    const d = getPreset('gaussians').defaults
    expect(data.noise).toBe(d.noise)
    expect(data.classesAdjustable).toBe(true)
    expect(data.classes).toHaveLength(d.classes)
    data.classCount = 5
    await nextTick()
    expect(new Set([...data.dataset.train, ...data.dataset.test].map((p) => p[2])).size).toBe(5)
  })
})

describe('dataset store edits', () => {
  it('a brush stroke is one undo step; undo and redo bring back exactly the states', () => {
    const data = useDatasetStore()
    const before = data.dataset
    data.beginStroke('Brush stroke')
    for (let i = 0; i < 5; i++)
      data.addPoints(
        [
          [i, 0],
          [i, 1],
        ],
        1,
      )
    data.endStroke()
    expect(data.pointCount).toBe(210)
    expect(data.undoLabel).toBe('Brush stroke')
    const after = data.dataset
    data.undo()
    expect(data.dataset).toBe(before)
    expect(data.canRedo).toBe(true)
    data.redo()
    expect(data.dataset).toBe(after)
    expect(data.canRedo).toBe(false)
  })

  it('splits drawn points by the test share, seeded: the same strokes, the same split', () => {
    const draw = () => {
      setActivePinia(createPinia())
      const data = useDatasetStore()
      data.clearAll()
      for (let i = 0; i < 200; i++) data.addPoints([[i / 100, 0]], i % 2)
      return data.dataset
    }
    const a = draw()
    expect(a.test.length).toBeGreaterThan(20)
    expect(a.test.length).toBeLessThan(60)
    expect(draw()).toEqual(a)
  })

  it('adds nothing past the limit and says why', () => {
    const data = useDatasetStore()
    data.capacity = { points: 205, reason: 'a test limit' }
    expect(
      data.addPoints(
        [
          [0, 0],
          [1, 1],
          [2, 2],
          [3, 3],
          [4, 4],
          [5, 5],
        ],
        0,
      ),
    ).toBe(false)
    expect(data.pointCount).toBe(200)
    expect(data.notice?.text).toMatch(
      /That would make 206 points; the studio holds at most 205 \(a test limit\)/,
    )
    expect(data.addPoints([[0, 0]], 0)).toBe(true)
    expect(data.addPoints([[NaN, 0]], 0)).toBe(false)
    expect(data.addPoints([[0, 0]], 7)).toBe(false)
  })

  it('erases, moves and clears, each undoable, keeping the view fixed', () => {
    const data = useDatasetStore()
    const view = data.view
    const p = data.dataset.train[0]
    data.movePoints([{ set: 'train', index: 0 }], 10, 10)
    expect(data.dataset.train[0]).toEqual([p[0] + 10, p[1] + 10, p[2]])
    expect(data.dataset.train[0]).not.toBe(p) // a new tuple: the old state is untouched
    data.removePoints([
      { set: 'train', index: 1 },
      { set: 'test', index: 0 },
    ])
    expect(data.pointCount).toBe(198)
    data.clearAll()
    expect(data.pointCount).toBe(0)
    expect(data.view).toBe(view)
    data.undo()
    data.undo()
    data.undo()
    expect(data.dataset.train[0]).toBe(p)
    expect(data.pointCount).toBe(200)
  })

  it('renames, adds and removes classes (removing one removes its points), all undoable', () => {
    const data = useDatasetStore()
    expect(data.renameClass(0, '  sky ')).toBeNull()
    expect(data.classes).toEqual(['sky', 'orange'])
    expect(data.renameClass(1, 'sky')).toMatch(/already called "sky"/)
    expect(data.renameClass(1, '')).toMatch(/needs a name/)
    expect(data.addClass()).toBe(true)
    expect(data.classes).toEqual(['sky', 'orange', 'blue'])
    data.addPoints([[0, 0]], 2)
    expect(data.classCounts).toEqual([100, 100, 1])
    expect(data.removeClass(0)).toBe(true)
    expect(data.classes).toEqual(['orange', 'blue'])
    expect(data.classCounts).toEqual([100, 1])
    expect(data.removeClass(0)).toBe(false)
    expect(data.notice?.text).toMatch(/at least 2 classes/)
    data.undo()
    expect(data.classCounts).toEqual([100, 100, 1])
    for (let i = 0; i < 3; i++) data.addClass()
    expect(data.addClass()).toBe(false)
    expect(data.classes).toHaveLength(6)
  })

  it('imports points framed around them, split by the share; one undo step', () => {
    const data = useDatasetStore()
    const far: [number, number, number][] = Array.from({ length: 10 }, (_, i) => [100 + i, 50, i % 2])
    expect(data.importPoints({ classes: ['a', 'b'], points: far }, 'far.csv')).toBe(true)
    expect(data.classes).toEqual(['a', 'b'])
    expect(data.pointCount).toBe(10)
    expect(data.dataset.test).toHaveLength(2)
    expect(data.view.xMin).toBeLessThan(100)
    expect(data.view.xMax).toBeGreaterThan(109)
    expect(data.name).toBe('far')
    expect(data.notice?.text).toMatch(/Imported 10 points in 2 classes from far.csv/)
    // One class in the file: a second, empty one to draw.
    expect(data.importPoints({ classes: ['solo'], points: [[0, 0, 0]] }, 'solo.csv')).toBe(true)
    expect(data.classes).toEqual(['solo', 'blue'])
    data.undo()
    // The notice was about the import just undone: it goes with it.
    expect(data.notice).toBeNull()
    data.undo()
    expect(data.name).toBe('moons')
    expect(data.pointCount).toBe(200)
  })

  it('a refusal stays said until the data changes: new data makes it old news', async () => {
    const data = useDatasetStore()
    data.capacity = { points: 200, reason: 'a limit for this test' }
    expect(data.addPoints([[0, 0]], 0)).toBe(false)
    expect(data.notice?.text).toMatch(/^That would make 201 points/)
    data.count = 100
    await nextTick()
    expect(data.pointCount).toBe(100)
    expect(data.notice).toBeNull()
  })

  it('a new test share splits all points again, drawn ones too', async () => {
    const data = useDatasetStore()
    data.addPoints([[5, 5]], 0)
    data.testFraction = 0.5
    await nextTick()
    expect(data.dataset.train.length).toBe(100)
    expect(data.dataset.test.length).toBe(101)
    expect([...data.dataset.train, ...data.dataset.test].some((p) => p[0] === 5 && p[1] === 5)).toBe(true)
    data.undo()
    await nextTick()
    expect(data.testFraction).toBe(0.2)
    expect(data.dataset.test.length + data.dataset.train.length).toBe(201)
  })

  it('undoing a new preset brings back its options without generating again', async () => {
    const data = useDatasetStore()
    data.preset = 'circles'
    await nextTick()
    expect(data.name).toBe('circles')
    data.undo()
    await nextTick()
    expect(data.preset).toBe('moons')
    expect(data.noise).toBe(getPreset('moons').defaults.noise)
    expect(data.name).toBe('moons')
    expect(data.canRedo).toBe(true)
  })

  it('once trained, asks before an edit that changes the number of classes; "keep" changes nothing', async () => {
    const data = useDatasetStore()
    const confirm = useConfirmStore()
    confirm.trained = true
    data.addClass()
    expect(data.classes).toHaveLength(2)
    confirm.keep()
    expect(data.classes).toHaveLength(2)
    data.preset = 'gaussians'
    await nextTick()
    expect(confirm.pending).not.toBeNull()
    confirm.keep()
    expect(data.preset).toBe('moons')
    expect(data.classes).toHaveLength(2)
    data.addClass()
    confirm.accept()
    expect(data.classes).toHaveLength(3)
  })
})

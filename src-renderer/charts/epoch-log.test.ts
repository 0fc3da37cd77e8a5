// @vitest-environment node
// (pure logic: no DOM needed, and happy-dom costs a second or two per file to set up)
import { describe, expect, it } from 'vitest'
import type { EpochMetrics } from '../../shared/src/model-file/types.ts'
import { EpochLog, curvePoints } from './epoch-log.ts'

const metric = (epoch: number): EpochMetrics => ({
  epoch,
  trainLoss: 1 / epoch,
  trainAccuracy: 0.5,
  ...(epoch % 2 === 1 ? { testLoss: 2 / epoch } : {}),
})
const logOf = (from: number, to: number, max?: number) => {
  const log = new EpochLog(max)
  for (let e = from; e <= to; e++) log.add(metric(e))
  return log
}

describe('EpochLog', () => {
  it('keeps every epoch of a short run', () => {
    const log = logOf(1, 5)
    expect(log.entries.map((m) => m.epoch)).toEqual([1, 2, 3, 4, 5])
    expect(log.latest?.epoch).toBe(5)
  })

  it('never holds more than max entries, spaced evenly from the first epoch', () => {
    const log = logOf(1, 100_000, 100)
    expect(log.entries.length).toBeLessThanOrEqual(100)
    expect(log.entries.length).toBeGreaterThanOrEqual(50)
    expect(log.entries[0].epoch).toBe(1)
    const gaps = new Set(log.entries.slice(1).map((m, i) => m.epoch - log.entries[i].epoch))
    expect([...gaps]).toEqual([log.stride])
    expect(log.latest?.epoch).toBe(100_000)
  })

  it('forgets epochs after a rewind, and everything after clear()', () => {
    const log = logOf(1, 10)
    log.add(metric(4))
    expect(log.entries.map((m) => m.epoch)).toEqual([1, 2, 3, 4])
    log.clear()
    expect(log.entries).toEqual([])
    expect(log.latest).toBeNull()
    log.add(metric(1))
    expect(log.entries.map((m) => m.epoch)).toEqual([1])
  })

  it('starts counting from wherever the run starts (a model that continues from a file)', () => {
    const log = logOf(501, 900, 100)
    expect(log.entries[0].epoch).toBe(501)
    expect(log.entries.every((m) => (m.epoch - 501) % log.stride === 0)).toBe(true)
  })
})

describe('curvePoints', () => {
  it('plots kept epochs and ends at the latest, leaving out missing values', () => {
    const log = logOf(1, 1001, 100)
    const train = curvePoints(log, (m) => m.trainLoss)
    expect(train[0]).toEqual({ x: 1, y: 1 })
    expect(train.at(-1)).toEqual({ x: 1001, y: 1 / 1001 })
    expect(train.every((p, i) => i === 0 || p.x > train[i - 1].x)).toBe(true)
    const test = curvePoints(logOf(1, 6), (m) => m.testLoss)
    expect(test.map((p) => p.x)).toEqual([1, 3, 5])
  })

  it('gives a fresh array every time (chart.js patches the arrays it holds)', () => {
    const log = logOf(1, 3)
    expect(curvePoints(log, (m) => m.trainLoss)).not.toBe(curvePoints(log, (m) => m.trainLoss))
  })
})

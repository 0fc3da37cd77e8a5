import { describe, it, expect, afterEach } from 'vitest'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { readFile, unlink } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { writeAtomic } from './atomic-write.ts'
import { createRecoveryStore } from './recovery.ts'

const dirs: string[] = []
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })))

function store() {
  const dir = mkdtempSync(join(tmpdir(), 'bp-recovery-'))
  dirs.push(dir)
  const file = join(dir, 'recovery.json')
  return {
    file,
    recovery: createRecoveryStore(file, { readFile: (p) => readFile(p, 'utf8'), writeAtomic, unlink }),
  }
}

describe('the desktop recovery store', () => {
  it('gives back the last copy written, until cleared', async () => {
    const { recovery } = store()
    expect(await recovery.read()).toBeNull()
    await recovery.write({ name: 'Untitled', savedAt: 1, text: 'first' })
    const copy = {
      name: 'moons.bpmodel',
      savedAt: 1_700_000_000_000,
      text: '{"format":"backprop-studio/model"}',
    }
    await recovery.write(copy)
    expect(await recovery.read()).toEqual(copy)
    await recovery.clear()
    expect(await recovery.read()).toBeNull()
    await recovery.clear()
  })

  it('reads a damaged or foreign file as no copy at all', async () => {
    const { file, recovery } = store()
    for (const text of [
      '',
      '{',
      '{"format":"other","version":1,"name":"x","savedAt":1,"text":""}',
      '{"format":"backprop-studio/recovery","version":1,"name":"x","savedAt":"soon","text":""}',
    ]) {
      writeFileSync(file, text)
      expect(await recovery.read()).toBeNull()
    }
  })
})

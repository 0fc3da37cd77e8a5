/**
 * The atomic writer under the worst a save meets: the process killed in the middle of writing.
 * A child process writes a large model over an existing one and is killed with SIGKILL (no
 * cleanup runs); the old file must be intact and parse as the same model.
 */
import { describe, it, expect, afterEach } from 'vitest'
import { spawn } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseModelFile, serializeModelFile } from '../../shared/src/model-file/index.ts'
import { tinyModelFile } from '../testing/fixtures.ts'
import { writeAtomic } from './atomic-write.ts'

const child = join(import.meta.dirname, '../testing/atomic-write-child.ts')
const dirs: string[] = []
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

function folder(): string {
  const d = mkdtempSync(join(tmpdir(), 'bp-atomic-'))
  dirs.push(d)
  return d
}

/** Starts the child writing a big model to `target`; resolves when it says `line`, with the process. */
function startWriter(target: string, mode: 'pause' | 'run') {
  const proc = spawn(process.execPath, ['--import', 'tsx', child, target, mode], {
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  const said = (line: string) =>
    new Promise<void>((resolve, reject) => {
      let out = ''
      proc.stdout.on('data', (b: Buffer) => {
        out += b.toString()
        if (out.includes(line)) resolve()
      })
      proc.on('exit', (code) => reject(new Error(`writer exited (${code}) before saying "${line}": ${out}`)))
    })
  const ended = new Promise<NodeJS.Signals | null>((resolve) =>
    proc.on('exit', (_code, signal) => resolve(signal)),
  )
  return { proc, said, ended }
}

const oldModel = () => serializeModelFile({ ...tinyModelFile(), name: 'the old model' })

describe('writeAtomic', () => {
  it('replaces a file with the new text, leaving no temporary file', async () => {
    const dir = folder()
    const target = join(dir, 'm.bpmodel')
    writeFileSync(target, 'old')
    await writeAtomic(target, 'new text')
    await writeAtomic(join(dir, 'bytes.png'), new Uint8Array([1, 2, 3]))
    expect(readFileSync(target, 'utf8')).toBe('new text')
    expect([...readFileSync(join(dir, 'bytes.png'))]).toEqual([1, 2, 3])
    expect(readdirSync(dir).sort()).toEqual(['bytes.png', 'm.bpmodel'])
  })

  it('leaves the old file intact and parseable when the process is killed once the temporary file exists', async () => {
    const dir = folder()
    const target = join(dir, 'moons.bpmodel')
    writeFileSync(target, oldModel())
    const writer = startWriter(target, 'pause')
    await writer.said('tmpfile')
    writer.proc.kill('SIGKILL')
    expect(await writer.ended).toBe('SIGKILL')
    expect(readFileSync(target, 'utf8')).toBe(oldModel())
    expect(parseModelFile(readFileSync(target, 'utf8')).name).toBe('the old model')
    // The kill really came mid-save: the temporary file it was writing is still there.
    expect(readdirSync(dir).length).toBe(2)
  }, 20_000)

  it('never leaves a torn file when killed at any moment of a large write', async () => {
    const dir = folder()
    const target = join(dir, 'moons.bpmodel')
    writeFileSync(target, oldModel())
    // Kills at different moments of the write of a ~14 MB model (the child says 'writing' just before it starts).
    for (const delayMs of [5, 60]) {
      const writer = startWriter(target, 'run')
      await writer.said('writing')
      await new Promise((r) => setTimeout(r, delayMs))
      writer.proc.kill('SIGKILL')
      await writer.ended
      const text = readFileSync(target, 'utf8')
      const name = parseModelFile(text).name
      expect(['the old model', 'the new model']).toContain(name)
    }
  }, 60_000)
})

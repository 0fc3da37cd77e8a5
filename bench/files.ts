/**
 * `npm run bench`'s model-file rows (issue 8): a model with a 100,000-epoch history and 10,000
 * points (the most a session trains, on a large dataset) serialized, parsed, saved atomically the
 * way the desktop app saves, and turned back into a TrainingSession. Prints one JSON line:
 * the file size and each step's wall-clock milliseconds (median, min, max of ROUNDS, after a warm-up).
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { parseModelFile, serializeModelFile } from '../shared/src/model-file/index.ts'
import { BIG_EPOCHS as EPOCHS, bigModel } from '../shared/src/testing/big-model.ts'
import { TrainingSession } from '../shared/src/train/session.ts'
import { writeAtomic } from '../src-main/files/atomic-write.ts'

const ROUNDS = process.argv.includes('--quick') ? 3 : 5

async function timed(step: () => unknown): Promise<{ medianMs: number; minMs: number; maxMs: number }> {
  await step() // warm-up
  const ms: number[] = []
  for (let i = 0; i < ROUNDS; i++) {
    const t = performance.now()
    await step()
    ms.push(performance.now() - t)
  }
  ms.sort((a, b) => a - b)
  const r = (x: number) => Number(x.toPrecision(3))
  return { medianMs: r(ms[(ms.length - 1) >> 1]), minMs: r(ms[0]), maxMs: r(ms.at(-1)!) }
}

const model = bigModel()
const text = serializeModelFile(model)
const parsed = parseModelFile(text)
const dir = mkdtempSync(join(tmpdir(), 'bp-bench-files-'))
try {
  const target = join(dir, 'big.bpmodel')
  const result = {
    epochs: EPOCHS,
    points: model.dataset.train.length + model.dataset.test.length,
    bytes: Buffer.byteLength(text),
    serialize: await timed(() => serializeModelFile(model)),
    parse: await timed(() => parseModelFile(text)),
    atomicSave: await timed(() => writeAtomic(target, text)),
    // Of the parsed file, as the trainer gets it ('trainer:load' after the page parsed the text).
    fromModelFile: await timed(() => TrainingSession.fromModelFile(parsed)),
  }
  // The file on disk reads back as the same model.
  if (parseModelFile(text).history.length !== EPOCHS) throw new Error('the model lost its history')
  process.stdout.write(JSON.stringify(result) + '\n')
} finally {
  rmSync(dir, { recursive: true, force: true })
}

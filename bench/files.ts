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
import { generatePresetDataset } from '../shared/src/data/index.ts'
import { parseModelFile, serializeModelFile, type ModelFile } from '../shared/src/model-file/index.ts'
import { createModelFile } from '../shared/src/train/index.ts'
import { TrainingSession } from '../shared/src/train/session.ts'
import { writeAtomic } from '../src-main/files/atomic-write.ts'

const ROUNDS = process.argv.includes('--quick') ? 3 : 5
const EPOCHS = 100_000
const POINTS = 10_000

/** The app's default network on 10,000 moons, trained a few real epochs, with a full-length history. */
function bigModel(): ModelFile {
  const start = createModelFile({
    dataset: generatePresetDataset('moons', { n: POINTS, testFraction: 0.2 }),
    layers: [
      { units: 8, activation: 'tanh' },
      { units: 8, activation: 'tanh' },
      { units: 1, activation: 'tanh' },
    ],
    seed: 42,
  })
  const session = TrainingSession.fromModelFile(start)
  const real = session.step(3)
  const file = session.toModelFile()
  // Epochs beyond the real ones follow the last one's numbers (training them would take minutes).
  const last = real.at(-1)!
  const history = Array.from({ length: EPOCHS }, (_, i) =>
    i < real.length
      ? real[i]
      : {
          ...last,
          epoch: i + 1,
          trainLoss: last.trainLoss * (1 - i / (4 * EPOCHS)),
          testLoss: (last.testLoss ?? last.trainLoss) * (1 - i / (5 * EPOCHS)),
        },
  )
  return { ...file, training: { ...file.training, epoch: EPOCHS }, history }
}

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

/**
 * Child process for atomic-write.test.ts: writes a large model over argv[2] with the app's
 * atomic writer, and says how far it got, so the test can kill it in the middle.
 * Mode 'pause' stops for good once the temporary file exists; 'run' writes straight through.
 */
import { serializeModelFile } from '../../shared/src/model-file/index.ts'
import { writeAtomic } from '../files/atomic-write.ts'
import { tinyModelFile } from './fixtures.ts'

const [target, mode] = process.argv.slice(2)
const model = tinyModelFile()
// About 12 MB: 100,000 training points and a 100,000-epoch history (the most a file may hold).
const train = Array.from({ length: 100_000 }, (_, i): [number, number, number] => [
  Math.sin(i),
  Math.cos(i),
  i % 2,
])
const history = Array.from({ length: 100_000 }, (_, i) => ({
  epoch: i + 1,
  trainLoss: 1 / (i + 1),
  trainAccuracy: 0.5 + i / 400_000,
}))
const text = serializeModelFile({
  ...model,
  name: 'the new model',
  dataset: { ...model.dataset, train },
  training: { ...model.training, epoch: history.length },
  history,
})

process.stdout.write('writing\n')
await writeAtomic(target, text, {
  async tmpfileCreated() {
    process.stdout.write('tmpfile\n')
    // A timer keeps the process alive: a bare pending promise would let Node exit (and clean up).
    if (mode === 'pause') await new Promise(() => setInterval(() => {}, 60_000))
  },
})
process.stdout.write('done\n')

/**
 * The biggest model a learner saves: the app's default network on 10,000 moons with a 100,000-epoch
 * history. For the model-file bench (bench/files.ts) and the browser's open-and-save report
 * (e2e/big-model.web.spec.ts); not exported from shared/src/index.ts.
 */
import { generatePresetDataset } from '../data/index.ts'
import type { ModelFile } from '../model-file/types.ts'
import { createModelFile } from '../train/new-model.ts'
import { TrainingSession } from '../train/session.ts'

export const BIG_EPOCHS = 100_000
export const BIG_POINTS = 10_000

/** The app's default network on 10,000 moons, trained a few real epochs, with a full-length history. */
export function bigModel(epochs = BIG_EPOCHS, points = BIG_POINTS): ModelFile {
  const start = createModelFile({
    dataset: generatePresetDataset('moons', { n: points, testFraction: 0.2 }),
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
  const history = Array.from({ length: epochs }, (_, i) =>
    i < real.length
      ? real[i]
      : {
          ...last,
          epoch: i + 1,
          trainLoss: last.trainLoss * (1 - i / (4 * epochs)),
          testLoss: (last.testLoss ?? last.trainLoss) * (1 - i / (5 * epochs)),
        },
  )
  return { ...file, training: { ...file.training, epoch: epochs }, history }
}

/** "Export as Python" / "Export as TypeScript": the trained network as a program to run elsewhere. */
import { toPython, toTypeScript } from '../../shared/src/codegen/index.ts'
import { fileStem } from '../components/data/file-name.ts'
import { useDatasetStore } from '../stores/dataset.ts'
import { useTrainingStore } from '../stores/training.ts'

/** Exports the trainer's current model (its trained weights) as code; the file name saved, or null. */
export async function exportModelAsCode(kind: 'py' | 'ts'): Promise<string | null> {
  const training = useTrainingStore()
  // The trained weights if the trainer holds this model, else the fresh one the editor describes.
  const file = (training.loaded ? await training.snapshot() : null) ?? training.modelFile()
  // Python module names take underscores, not dashes.
  const stem = fileStem(useDatasetStore().name || 'model').replace(/-/g, kind === 'py' ? '_' : '-')
  return training.exportFile({
    kind,
    suggestedName: `${stem}${kind === 'py' ? '_model' : '-model'}.${kind}`,
    data: kind === 'py' ? toPython(file) : toTypeScript(file),
  })
}

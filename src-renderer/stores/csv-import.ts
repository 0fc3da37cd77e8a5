/**
 * Importing a CSV file (from the file input or dropped on the plot): read it, import it, or stop at
 * a mapping step when its columns cannot be told apart, or list its first bad lines. Whatever goes
 * wrong, the data stays as it was.
 */
import { defineStore } from 'pinia'
import { ref, shallowRef } from 'vue'
import {
  DatasetCsvError,
  MAX_CSV_CHARS,
  importDatasetCsv,
  tableToPoints,
  type ColumnMapping,
  type CsvTable,
} from '../../shared/src/data/csv.ts'
import { MAX_STUDIO_POINTS, STUDIO_POINTS_REASON, useDatasetStore } from './dataset.ts'

/** A file whose columns the learner is asked to map. */
export interface MappingStep {
  fileName: string
  table: CsvTable
  suggestion: Partial<ColumnMapping>
  reason: string
}

/** The first rows a mapping step shows. */
export const PREVIEW_ROWS = 5

export const useCsvImportStore = defineStore('csv-import', () => {
  const mapping = shallowRef<MappingStep | null>(null)
  /** Why the last file was not imported: a sentence and its first bad lines ("line 3, column 2: …"). */
  const failure = shallowRef<{ fileName: string; summary: string; lines: string[] } | null>(null)
  const busy = ref(false)

  function fail(fileName: string, e: unknown): void {
    if (e instanceof DatasetCsvError) {
      const located = e.problems.some((p) => p.line !== null)
      failure.value = {
        fileName,
        summary: located
          ? `${fileName} was not imported: ${e.problems.length === 1 ? 'this line has a problem' : `its first ${e.problems.length} bad lines`}. Your data is unchanged.`
          : `${fileName} was not imported. Your data is unchanged.`,
        lines: e.lines,
      }
    } else {
      failure.value = {
        fileName,
        summary: `${fileName} could not be read. Your data is unchanged.`,
        lines: [e instanceof Error ? e.message : String(e)],
      }
    }
  }

  const limits = {
    maxPoints: MAX_STUDIO_POINTS,
    maxPointsReason: `the studio holds ${MAX_STUDIO_POINTS.toLocaleString('en')}: ${STUDIO_POINTS_REASON}`,
  }

  /** Imports CSV text read from a file called `fileName`. */
  function importText(text: string, fileName: string): void {
    mapping.value = null
    failure.value = null
    try {
      const result = importDatasetCsv(text, limits)
      if (result.status === 'ask') {
        mapping.value = {
          fileName,
          table: result.table,
          suggestion: result.suggestion,
          reason: result.reason,
        }
        return
      }
      useDatasetStore().importPoints(result.points, fileName, result.note)
    } catch (e) {
      fail(fileName, e)
    }
  }

  /** Reads and imports a file the learner picked or dropped. */
  async function importFile(file: File): Promise<void> {
    if (file.size > MAX_CSV_CHARS * 2) {
      mapping.value = null
      failure.value = {
        fileName: file.name,
        summary: `${file.name} is ${(file.size / 1e6).toFixed(0)} MB; a CSV of ${MAX_STUDIO_POINTS.toLocaleString('en')} points is well under 1 MB. Your data is unchanged.`,
        lines: [],
      }
      return
    }
    busy.value = true
    try {
      importText(await file.text(), file.name)
    } catch (e) {
      fail(file.name, e)
    } finally {
      busy.value = false
    }
  }

  /** Finishes a mapping step with the columns the learner chose. */
  function applyMapping(columns: ColumnMapping): void {
    const step = mapping.value
    if (!step) return
    try {
      const points = tableToPoints(step.table, columns, limits)
      mapping.value = null
      failure.value = null
      const name = (c: number) => (step.table.header ? `"${step.table.header[c]}"` : `column ${c + 1}`)
      useDatasetStore().importPoints(
        points,
        step.fileName,
        `Read ${name(columns.x1)} as x1, ${name(columns.x2)} as x2 and ${name(columns.label)} as the label.`,
      )
    } catch (e) {
      fail(step.fileName, e)
    }
  }

  function cancel(): void {
    mapping.value = null
  }

  function dismiss(): void {
    failure.value = null
  }

  return { mapping, failure, busy, importText, importFile, applyMapping, cancel, dismiss }
})

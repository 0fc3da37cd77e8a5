/**
 * Each layer's diagnostics over a run, for the Diagnostics panel's charts: gradient norm, share of
 * dead units and share of saturated units. Sampled at every epoch the trainer snapshots (every
 * early epoch, then sparser) and as progress events bring the latest (a few a second); halved
 * (every other sample kept) whenever it passes `max`, so a long run never grows it further.
 */
import type { LayerDiagnostics } from '../../shared/src/ipc.ts'

/** Most samples kept; between half and all of this many are shown. */
export const MAX_DIAGNOSTIC_SAMPLES = 600

export interface LayerSample {
  gradientNorm: number
  /** Dead units ÷ units (ReLU layers; 0 for the others). */
  dead: number
  /** Saturated units ÷ units (tanh and sigmoid layers; 0 for the others). */
  saturated: number
}

export interface DiagnosticsSample {
  epoch: number
  layers: LayerSample[]
}

export class DiagnosticsLog {
  samples: DiagnosticsSample[] = []
  readonly max: number

  constructor(max = MAX_DIAGNOSTIC_SAMPLES) {
    this.max = max
  }

  /** Adds the diagnostics of `epoch`; an epoch at or before the last one replaces what came after. */
  add(epoch: number, layers: readonly LayerDiagnostics[]): void {
    this.truncateAfter(epoch - 1)
    this.samples.push({
      epoch,
      layers: layers.map((l) => ({
        gradientNorm: l.gradientNorm,
        dead: l.deadUnits.length / l.units,
        saturated: l.saturatedUnits.length / l.units,
      })),
    })
    if (this.samples.length > this.max) {
      // Every other one, the newest always kept: the chart still ends where the run is.
      const last = this.samples.length - 1
      this.samples = this.samples.filter((_, i) => (last - i) % 2 === 0)
    }
  }

  /** Forgets the samples after `epoch` (a fork replaced that part of the run). */
  truncateAfter(epoch: number): void {
    while (this.samples.length > 0 && this.samples[this.samples.length - 1].epoch > epoch) this.samples.pop()
  }

  clear(): void {
    this.samples = []
  }

  clone(): DiagnosticsLog {
    const copy = new DiagnosticsLog(this.max)
    copy.samples = [...this.samples]
    return copy
  }

  replaceWith(other: DiagnosticsLog): void {
    this.samples = [...other.samples]
  }

  /** The number of layers of the latest sample (0 when empty). */
  get layerCount(): number {
    return this.samples.at(-1)?.layers.length ?? 0
  }
}

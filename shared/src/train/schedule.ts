/** Learning-rate schedules: how the step size changes as training goes on. */
import type { ScheduleConfig } from '../model-file/types.ts'

/**
 * The learning rate for the epoch after `k` epochs are done (k from 0): constant, or linear
 * lr_k = lr + (final − lr)·min(k, epochs)/epochs (micrograd's demo: 1.0 → 0.1 over 100 epochs).
 */
export function learningRateAt(learningRate: number, schedule: ScheduleConfig, k: number): number {
  if (schedule.type === 'constant') return learningRate
  const { finalLearningRate, epochs } = schedule
  return learningRate + ((finalLearningRate - learningRate) * Math.min(k, epochs)) / epochs
}

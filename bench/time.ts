/**
 * `npm run bench`'s time-travel rows (issue 11): what recording snapshots costs the trainer loop,
 * and the memory the snapshots take over the longest run. One fresh process per measurement, the
 * variants interleaved round after round; prints one JSON line (progress lines go to stderr).
 *
 * - `speed`: the app's trainer loop (as bench/studio.ts runs it: 50 ms slices, a progress event
 *   with the boundary grid after each) with snapshots on and off, side by side in one process in
 *   short turns, epochs per CPU-second, on the studio's default network and on the largest it
 *   allows (8 × 64 near the work cap). Each run starts at epoch 0 and is reset every RUN_EPOCHS, so
 *   the dense early snapshots are in it.
 * - `real`, `filled`: a real run of the default network to 100,000 epochs with snapshots on and off (heap
 *   after GC; the difference is what the snapshots hold), and, for both networks, a timeline
 *   offered a snapshot after every epoch up to 100,000 (training 8 × 64 that long takes hours):
 *   snapshots kept, their bytes by the budget's count, and the memory they take (heap and typed-array
 *   buffers, after GC).
 *
 * `node --expose-gc --import tsx bench/time.ts [--quick]` runs these rows alone.
 */
import { execFileSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { makeMoons } from '../shared/src/data/moons.ts'
import { MAX_EPOCHS, type TrainerEvent } from '../shared/src/ipc.ts'
import type { ModelFile } from '../shared/src/model-file/types.ts'
import { createTrainer } from '../shared/src/train/trainer.ts'
import { createModelFile, defaultOptimizer } from '../shared/src/train/new-model.ts'
import { TrainingSession } from '../shared/src/train/session.ts'
import { SNAPSHOT_BUDGET_BYTES, SnapshotTimeline } from '../shared/src/train/snapshots.ts'
import type { WorkerMessage } from '../shared/src/worker-protocol.ts'
import { cpuMs } from './clock.ts'
import { defaultStudioModel } from './studio.ts'

type Network = 'default' | '8x64'

/** The largest network the studio allows on the most points it then takes (8 × 64, 272 moons: 8 M parameter-points). */
function largestModel(): ModelFile {
  return createModelFile({
    dataset: { classes: ['a', 'b'], train: makeMoons(272, 0.15, 42), test: [] },
    layers: [
      ...Array.from({ length: 8 }, () => ({
        units: 64,
        activation: 'tanh' as const,
        init: 'xavier' as const,
      })),
      { units: 1, activation: 'tanh' as const, init: 'xavier' as const },
    ],
    training: { optimizer: { ...defaultOptimizer('adam'), learningRate: 0.01 } },
    seed: 1,
  })
}

const model = (network: Network) => (network === 'default' ? defaultStudioModel() : largestModel())
/** Epochs before each reset: the default network's first 2,000 (a quarter of them kept), 8 × 64's first 60. */
const RUN_EPOCHS: Record<Network, number> = { default: 2000, '8x64': 60 }

type ProgressEvent = Extract<TrainerEvent, { type: 'progress' }>

/**
 * The app's trainer on the CPU clock, its timers run by the caller: loaded with `file`, stopping at
 * `stopAt`, extras off, each progress event handed to `onProgress`.
 */
function benchTrainer(
  file: ModelFile,
  stopAt: number,
  snapshots: boolean,
  onProgress: (e: ProgressEvent) => void,
) {
  const timers: (() => void)[] = []
  const trainer = createTrainer(
    {
      now: cpuMs,
      setTimer: (fn) => timers.push(fn),
      clearTimer: () => {},
      post: (msg: WorkerMessage) => {
        if (msg.type === 'event' && msg.event.type === 'progress') onProgress(msg.event)
      },
    },
    { snapshots },
  )
  let id = 1
  const send = (channel: string, ...args: unknown[]) =>
    trainer.handle({ id: id++, channel: channel as never, args })
  send('trainer:pace', { epochsPerSecond: null, stopAtEpoch: stopAt })
  send('trainer:watch', { parameters: false })
  send('trainer:load', file)
  return { timers, send, dispose: () => trainer.dispose() }
}

/**
 * The trainer loop on `network` with snapshots on and with them off, side by side in this process:
 * bursts of BURST_MS taken in turn for about `ms` each, so a busy moment of the machine hits both
 * alike. Epochs per CPU-second of each.
 */
function speed(network: Network, ms: number) {
  const loop = (snapshots: boolean) => {
    const counts = { epochs: 0, kept: 0, cpu: 0 }
    let stopped = false
    const { timers, send, dispose } = benchTrainer(model(network), RUN_EPOCHS[network], snapshots, (e) => {
      counts.epochs += e.metrics.length
      counts.kept += e.timeline?.fresh === false ? e.timeline.epochs.length : 0
      if (!e.running) stopped = true
    })
    /** Runs the loop for about `forMs` of CPU time. */
    const burst = (forMs: number) => {
      const start = cpuMs()
      while (cpuMs() - start < forMs) {
        if (timers.length === 0 || stopped) {
          // The run reached its end (or has not begun): from epoch 0 again.
          timers.length = 0
          send('trainer:reset')
          send('trainer:play')
          // (The reset's own progress event says "not running".)
          stopped = false
        }
        timers.shift()?.()
      }
      counts.cpu += cpuMs() - start
    }
    return { counts, burst, dispose }
  }
  const on = loop(true)
  const off = loop(false)
  // Warm-up, then the measured bursts, in turn.
  for (const l of [on, off]) l.burst(Math.max(300, ms / 3))
  for (const l of [on, off]) Object.assign(l.counts, { epochs: 0, kept: 0, cpu: 0 })
  for (let done = 0; done < ms; done += BURST_MS) for (const l of [on, off]) l.burst(BURST_MS)
  on.dispose()
  off.dispose()
  const rate = (c: { epochs: number; cpu: number }) => (c.epochs / c.cpu) * 1000
  return {
    network,
    epochsPerSecondOn: rate(on.counts),
    epochsPerSecondOff: rate(off.counts),
    epochs: on.counts.epochs,
    kept: on.counts.kept,
  }
}

/** CPU time of one burst of the side-by-side comparison. */
const BURST_MS = 150

/** The JavaScript heap and the typed arrays' buffers (which live outside it), after GC, in MB. */
const heapMb = () => {
  ;(globalThis as { gc?: () => void }).gc?.()
  const m = process.memoryUsage()
  return (m.heapUsed + m.arrayBuffers) / 2 ** 20
}

/** A real run of `epochs` epochs of the default network, snapshots on or off: the heap it grew. */
function realRun(epochs: number, snapshots: boolean) {
  let done = false
  let kept = 0
  const { timers, send, dispose } = benchTrainer(defaultStudioModel(), epochs, snapshots, (e) => {
    if (e.timeline) kept = e.timeline.fresh ? e.timeline.epochs.length : kept + e.timeline.epochs.length
    if (!e.running && e.epoch >= epochs) done = true
  })
  const before = heapMb()
  const start = cpuMs()
  send('trainer:play')
  while (!done && timers.length > 0) timers.shift()!()
  const seconds = (cpuMs() - start) / 1000
  const after = heapMb()
  dispose()
  return { snapshots, epochs, kept, seconds, heapGrowthMb: after - before }
}

/** A timeline of `network`'s size offered a snapshot after every epoch up to MAX_EPOCHS. */
function filled(network: Network) {
  const session = TrainingSession.fromModelFile(model(network))
  const n = session.parameterCount
  const timeline = new SnapshotTimeline(n, 1 + 2 * n)
  const before = heapMb()
  for (let epoch = 0; epoch <= MAX_EPOCHS; epoch++)
    if (timeline.wants(epoch)) timeline.offer({ ...session.snapshot(), epoch })
  const heap = heapMb() - before
  return {
    network,
    parameters: n,
    capacity: timeline.capacity,
    dense: timeline.dense,
    kept: timeline.size,
    lastEpoch: timeline.epochs().at(-1),
    megabytes: timeline.bytes / 2 ** 20,
    heapMb: heap,
    budgetMb: SNAPSHOT_BUDGET_BYTES / 2 ** 20,
  }
}

const [mode, ...args] = process.argv.slice(2)
const print = (x: unknown) => process.stdout.write(JSON.stringify(x) + '\n')
if (mode === 'speed') print(speed(args[0] as Network, Number(args[1])))
else if (mode === 'real') print(realRun(Number(args[0]), args[1] === 'on'))
else if (mode === 'filled') print(filled(args[0] as Network))
else {
  const quick = process.argv.includes('--quick')
  const rounds = quick ? 3 : 5
  const ms = quick ? 600 : 1500
  const self = fileURLToPath(import.meta.url)
  const child = (...a: (string | number)[]) =>
    JSON.parse(
      execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', self, ...a.map(String)], {
        encoding: 'utf8',
      })
        .trim()
        .split('\n')
        .pop()!,
    )
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
  const round = (x: number, digits = 3) => Number(x.toPrecision(digits))
  const recording = (['default', '8x64'] as const).map((network) => {
    const rows = Array.from({ length: rounds }, (_, r) => {
      const row = child('speed', network, ms)
      process.stderr.write(
        `snapshots ${network} round ${r + 1}/${rounds}: on ${round(row.epochsPerSecondOn)}, off ${round(row.epochsPerSecondOff)} epochs/s\n`,
      )
      return row
    })
    // Each round compares the two in one process; the median of the rounds' ratios.
    const ratio = median(rows.map((r) => r.epochsPerSecondOn / r.epochsPerSecondOff))
    const sum = (k: 'epochs' | 'kept') => rows.reduce((n, r) => n + r[k], 0)
    return {
      network,
      runEpochs: RUN_EPOCHS[network],
      epochsPerSecondOff: round(median(rows.map((r) => r.epochsPerSecondOff)), 4),
      epochsPerSecondOn: round(median(rows.map((r) => r.epochsPerSecondOn)), 4),
      // The target: at most 10 % fewer epochs a second with snapshots on.
      costPercent: round((1 - ratio) * 100, 2),
      ratios: rows.map((r) => round(r.epochsPerSecondOn / r.epochsPerSecondOff)),
      keptShare: round(sum('kept') / Math.max(1, sum('epochs')), 2),
    }
  })
  const epochs = quick ? 20_000 : MAX_EPOCHS
  const real = [child('real', epochs, 'off'), child('real', epochs, 'on')]
  const timelines = [child('filled', 'default'), child('filled', '8x64')]
  print({ recording, real, timelines })
}

/**
 * `npm run bench`: trains the workloads with every implementation, one fresh process per
 * measurement, implementations interleaved round after round (so a busy moment of the machine
 * hits all of them alike), each warmed up before it is timed. Prints epochs per CPU-second:
 * median, min and max over the rounds, and how many times slower than each hand-written
 * baseline (`vsDense`, `vsDenseTuned`: 1.0 = as fast, below 1 = faster). Then the tape's
 * recording time, scaling rows and a flat-memory check. `--json`: one JSON object on one line.
 * `--quick`: fewer rounds and shorter runs.
 */
import { execFileSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { IMPLS, type ImplName } from './impl.ts'
import { WORKLOADS, type WorkloadName } from './workloads.ts'

const json = process.argv.includes('--json')
const quick = process.argv.includes('--quick')
const ROUNDS = quick ? 3 : 5
const RUN_MS = quick ? 600 : 1500
const child = fileURLToPath(new URL('./child.ts', import.meta.url))

function log(line: string): void {
  if (!json) process.stdout.write(line + '\n')
  else process.stderr.write(line + '\n')
}

/**
 * Every child gets the same V8 flags. A 64 MB young generation (V8's default is 16 MB) because the
 * Value loop keeps a whole epoch's graph alive (W2: ~136,000 nodes): with the default nursery every
 * scavenge copies that graph again, and GC is over half its time. The typed-array implementations
 * allocate almost nothing per epoch, so the flag does not change their numbers.
 */
const NODE_FLAGS = ['--expose-gc', '--max-semi-space-size=64', '--import', 'tsx']

/** Runs `script` (child.ts unless another is given) in a fresh process; its last line of output, parsed. */
function runScript(script: string, ...args: (string | number)[]): Record<string, unknown> {
  const out = execFileSync(process.execPath, [...NODE_FLAGS, script, ...args.map(String)], {
    encoding: 'utf8',
    maxBuffer: 1 << 24,
  })
  return JSON.parse(out.trim().split('\n').pop()!)
}
const run = (...args: (string | number)[]) => runScript(child, ...args)

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2
}
const round = (x: number, digits = 3) => Number(x.toPrecision(digits))

interface Result {
  impl: ImplName
  epochsPerSecond: number
  min: number
  max: number
  vsDense: number
  vsDenseTuned: number
  runs: number[]
}

// Same computation: every implementation's first 20 losses must agree.
for (const workload of WORKLOADS) {
  const reference = run('check', 'dense-tuned', workload).losses as number[]
  for (const impl of IMPLS) {
    const losses = run('check', impl, workload).losses as number[]
    const worst = Math.max(...losses.map((l, i) => Math.abs(l - reference[i]) / Math.abs(reference[i])))
    if (!(worst < 1e-9))
      throw new Error(`${impl} on ${workload} does not compute the same losses (relative gap ${worst})`)
  }
  log(`${workload}: all ${IMPLS.length} implementations give the same 20 epochs of losses (within 1e-9)`)
}

const workloads: { name: WorkloadName; results: Result[] }[] = []
for (const workload of WORKLOADS) {
  const runs = new Map<ImplName, number[]>(IMPLS.map((i) => [i, []]))
  for (let r = 0; r < ROUNDS; r++) {
    // Rotate the order each round so no implementation always runs first or last.
    const order = IMPLS.map((_, i) => IMPLS[(i + r) % IMPLS.length])
    for (const impl of order) {
      // The Value path is ~1000× slower: a few rounds of it say enough.
      if (impl === 'value' && r >= 3) continue
      runs.get(impl)!.push(run('speed', impl, workload, RUN_MS).epochsPerSecond as number)
    }
    log(
      `${workload} round ${r + 1}/${ROUNDS}: ${IMPLS.map((i) => `${i} ${round(runs.get(i)!.at(-1) ?? NaN)}`).join(', ')}`,
    )
  }
  const dense = median(runs.get('dense')!)
  const tuned = median(runs.get('dense-tuned')!)
  workloads.push({
    name: workload,
    results: IMPLS.map((impl) => {
      const xs = runs.get(impl)!
      const m = median(xs)
      return {
        impl,
        epochsPerSecond: round(m, 4),
        min: round(Math.min(...xs), 4),
        max: round(Math.max(...xs), 4),
        vsDense: round(dense / m),
        vsDenseTuned: round(tuned / m),
        runs: xs.map((x) => round(x, 4)),
      }
    }),
  })
}

const recording = WORKLOADS.map((w) => run('record', w))
const scaling = [
  [3, 16, 200],
  [4, 32, 200],
  [8, 64, 200],
  [3, 16, 1000],
  [3, 16, 10000],
  [8, 64, 10000],
].map(([depth, width, points]) => run('scale', depth, width, points, quick ? 400 : 1000))
const memory = run('memory', 100000)
const graph = run('graph')
// Model files (issue 8): their own script, one fresh process.
const files = runScript(
  fileURLToPath(new URL('./files.ts', import.meta.url)),
  ...(quick ? ['--quick'] : []),
) as Record<string, number | { medianMs: number; minMs: number; maxMs: number }>

// Time travel (issue 11): snapshot recording's cost and the snapshots' memory, their own script.
const time = runScript(
  fileURLToPath(new URL('./time.ts', import.meta.url)),
  ...(quick ? ['--quick'] : []),
) as {
  recording: {
    network: string
    runEpochs: number
    epochsPerSecondOff: number
    epochsPerSecondOn: number
    costPercent: number
    ratios: number[]
    keptShare: number
  }[]
  real: { snapshots: boolean; epochs: number; kept: number; heapGrowthMb: number }[]
  timelines: {
    network: string
    parameters: number
    capacity: number
    dense: number
    kept: number
    megabytes: number
    heapMb: number
    budgetMb: number
  }[]
}

// The studio: the trainer loop on the default network with the extras off and on (interleaved rounds).
const variants = ['extras off', 'neuron grids on', 'all the studio shows']
const trainerRuns = new Map<string, number[]>(variants.map((v) => [v, []]))
for (let r = 0; r < ROUNDS; r++) {
  for (const v of variants.map((_, i) => variants[(i + r) % variants.length]))
    trainerRuns.get(v)!.push(run('trainer', v, RUN_MS).epochsPerSecond as number)
  log(
    `trainer round ${r + 1}/${ROUNDS}: ${variants.map((v) => `${v} ${round(trainerRuns.get(v)!.at(-1)!)}`).join(', ')}`,
  )
}
const offSpeed = median(trainerRuns.get('extras off')!)
const trainer = variants.map((variant) => {
  const xs = trainerRuns.get(variant)!
  const m = median(xs)
  return {
    variant,
    epochsPerSecond: round(m, 4),
    min: round(Math.min(...xs), 4),
    max: round(Math.max(...xs), 4),
    vsOff: round(offSpeed / m),
  }
})
// One epoch near the parameter cap (src-renderer/stores/network.ts MAX_PARAMETER_POINTS = 8,000,000).
const cap = [
  [2, 8, 10000],
  [8, 32, 1000],
  [4, 64, 600],
  [8, 64, 200],
  [8, 64, 272],
].map(([hidden, units, points]) => run('cap', hidden, units, points, quick ? 400 : 1000))

const report = {
  unit: 'epochs per CPU-second',
  workloads,
  recording,
  scaling,
  memory,
  graph,
  files,
  trainer,
  cap,
  time,
}
if (json) process.stdout.write(JSON.stringify(report) + '\n')
// The table (on stderr with --json, so stdout stays one JSON line).
{
  for (const w of workloads) {
    log(
      `\n${w.name}  (epochs/s: median [min–max] over rounds; vsDense/vsDenseTuned = times slower, <1 = faster)`,
    )
    log('impl          epochs/s    min–max                vsDense  vsDenseTuned')
    for (const r of w.results)
      log(
        `${r.impl.padEnd(13)} ${String(r.epochsPerSecond).padStart(9)}   ${`${r.min}–${r.max}`.padEnd(22)} ${String(r.vsDense).padStart(7)}  ${String(r.vsDenseTuned).padStart(12)}`,
      )
  }
  log('\nRecording + compiling the tape (ms): first call in a fresh process, then warm median')
  for (const r of recording)
    log(`${r.workload}: ${round(r.firstMs as number)} first, ${round(r.warmMs as number)} warm`)
  log('\nScaling (TrainingSession on the tape, ReLU hidden layers, hinge + L2, moons):')
  log('layers × units   points   params   epochs/s   record ms   peak RSS MB')
  for (const s of scaling)
    log(
      `${`${s.depth} × ${s.width}`.padEnd(16)} ${String(s.points).padStart(6)} ${String(s.parameters).padStart(8)} ${String(round(s.epochsPerSecond as number)).padStart(10)} ${String(round(s.recordMs as number)).padStart(11)} ${String(round(s.peakRssMb as number)).padStart(13)}`,
    )
  log(
    '\nThe studio: the trainer loop on the default network (2 → 8 → 8 → 1 tanh, 200 moons, Adam), extras off and on:',
  )
  log('variant                  epochs/s    min–max              × slower than off')
  for (const t of trainer)
    log(
      `${t.variant.padEnd(24)} ${String(t.epochsPerSecond).padStart(9)}   ${`${t.min}–${t.max}`.padEnd(20)} ${String(t.vsOff).padStart(8)}`,
    )
  log('\nOne epoch near the parameter cap (parameters × points ≤ 8,000,000), CPU ms:')
  log(
    'layers × units  points  params  param-points  epoch ms  ns/param-point  grid (cells) ms  neuron grids ms',
  )
  for (const c of cap)
    log(
      `${`${c.hidden} × ${c.units}`.padEnd(15)} ${String(c.points).padStart(6)} ${String(c.parameters).padStart(7)} ${String(c.parameterPoints).padStart(13)} ${String(round(c.epochMs as number)).padStart(9)} ${String(round(c.nsPerParameterPoint as number)).padStart(15)} ${`${round(c.gridMs as number)} (${c.gridSize}²)`.padStart(16)} ${`${round(c.neuronsMs as number)} (${c.neuronCells}²)`.padStart(16)}`,
    )
  log('\nTime travel: the trainer loop with snapshots on and off, side by side (epochs per CPU-second):')
  log('network   epochs/run   off        on      cost %   on/off per round      epochs kept')
  for (const r of time.recording)
    log(
      `${r.network.padEnd(9)} ${String(r.runEpochs).padStart(10)} ${String(r.epochsPerSecondOff).padStart(8)} ${String(r.epochsPerSecondOn).padStart(9)} ${String(r.costPercent).padStart(8)}   ${r.ratios.join(', ').padEnd(20)} ${Math.round(r.keptShare * 100)} %`,
    )
  const [off, on] = time.real
  log(
    `${on.epochs.toLocaleString('en')} epochs of the default network: ${on.kept} snapshots; memory grew ` +
      `${round(on.heapGrowthMb)} MB with them, ${round(off.heapGrowthMb)} MB without (the history)`,
  )
  for (const t of time.timelines)
    log(
      `${t.network}: ${t.parameters.toLocaleString('en')} parameters, ${t.kept} of at most ${t.capacity} snapshots ` +
        `over 100,000 epochs (every epoch up to ${t.dense}), ${round(t.megabytes)} MB by the budget's count ` +
        `(${round(t.heapMb)} MB measured; budget ${t.budgetMb} MB)`,
    )
  const samples = memory.samples as { epoch: number; heapUsedMb: number }[]
  log(`\nMemory, W1 for ${samples.at(-1)!.epoch} epochs in one session (heap after GC, MB):`)
  log(samples.map((s) => `${s.epoch}: ${round(s.heapUsedMb)}`).join(', '))
  log(
    `growth ${round(memory.growthMb as number)} MB, of which the history (${memory.historyEntries} entries) ` +
      `${round(memory.historyMb as number)} MB: ${round(memory.growthWithoutHistoryMb as number, 2)} MB besides it`,
  )
  log(
    `\nGraph view, one sample of MLP(2, [16, 16, 1]) with a hinge loss (${graph.values} Values, ${graph.graphvizNodes} Graphviz nodes), median ms:`,
  )
  log(
    `trace (build, backward, trace) ${round(graph.traceMs as number)} (first call ${round(graph.firstTraceMs as number)}), DOT collapsed ${round(graph.collapsedDotMs as number)}, ` +
      `DOT full ${round(graph.fullDotMs as number)}; Graphviz layout in Node: collapsed ${round(graph.layoutCollapsedMs as number)}, ` +
      `full ${round(graph.layoutFullMs as number)}`,
  )
  log(
    `\nModel file with a ${files.epochs}-epoch history and ${files.points} points: ` +
      `${round((files.bytes as number) / 1e6)} MB (wall-clock ms: median [min–max])`,
  )
  for (const step of ['serialize', 'parse', 'atomicSave', 'fromModelFile'] as const) {
    const t = files[step] as { medianMs: number; minMs: number; maxMs: number }
    log(`${step.padEnd(14)} ${String(t.medianMs).padStart(7)}   [${t.minMs}–${t.maxMs}]`)
  }
}

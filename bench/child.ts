/**
 * One measurement in a fresh process: `child.ts speed <impl> <workload> <ms>` warms an
 * implementation up, then trains it for about <ms> of CPU time and prints one JSON line.
 * Other modes: `check` (loss after 20 epochs), `record`, `scale`, `memory` (see run.ts).
 */
import { performance } from 'node:perf_hooks'
import { createImpl, type ImplName } from './impl.ts'
import { workloadFile, moons, type WorkloadName } from './workloads.ts'
import { cpuMs } from './clock.ts'
import { compileNetwork } from '../shared/src/tape/index.ts'
import { shapeOf } from '../shared/src/train/evaluator.ts'
import { TrainingSession } from '../shared/src/train/session.ts'
import { MLP, type LayerSpec } from '../shared/src/nn/mlp.ts'
import { toExplorerDot } from '../shared/src/graph/explorer-dot.ts'
import { createRng } from '../shared/src/random.ts'
import { microgradLayers } from '../shared/src/testing/fixtures.ts'
import { sampleModel } from '../src-renderer/graph/explorer-model.ts'
import { capRow, trainerSpeed } from './studio.ts'

const [mode, ...args] = process.argv.slice(2)

function print(result: object): void {
  process.stdout.write(JSON.stringify(result) + '\n')
}

/** Epochs per CPU-second of `epoch()` over about `ms` of CPU time (at least one epoch). */
function measure(
  epoch: () => number,
  ms: number,
): { epochsPerSecond: number; epochs: number; wallMs: number } {
  const wall0 = performance.now()
  const t0 = cpuMs()
  let epochs = 0
  let t = t0
  do {
    for (let i = 0; i < 8; i++) epoch()
    epochs += 8
    t = cpuMs()
  } while (t - t0 < ms)
  return { epochsPerSecond: (epochs / (t - t0)) * 1000, epochs, wallMs: performance.now() - wall0 }
}

if (mode === 'speed') {
  const [impl, workload, ms] = args as [ImplName, WorkloadName, string]
  const bench = createImpl(impl, workloadFile(workload), cpuMs)
  // Warm-up: long enough for the optimizing compiler to settle (the Value path is ~1000× slower).
  measure(() => bench.epoch(), impl === 'value' ? 1500 : 1000)
  print({ impl, workload, ...measure(() => bench.epoch(), Number(ms)) })
} else if (mode === 'check') {
  const [impl, workload] = args as [ImplName, WorkloadName]
  const bench = createImpl(impl, workloadFile(workload), cpuMs)
  const losses: number[] = []
  for (let e = 0; e < 20; e++) losses.push(bench.epoch())
  print({ impl, workload, losses })
} else if (mode === 'record') {
  const [workload] = args as [WorkloadName]
  const shape = shapeOf(workloadFile(workload).network)
  const times: number[] = []
  for (let i = 0; i < 20; i++) {
    const t0 = performance.now()
    compileNetwork(shape)
    times.push(performance.now() - t0)
  }
  print({ workload, firstMs: times[0], warmMs: times.slice(1).sort((a, b) => a - b)[9] })
} else if (mode === 'scale') {
  const [depth, width, points, ms] = args.map(Number)
  const layers: LayerSpec[] = [
    ...Array.from({ length: depth - 1 }, () => ({
      units: width,
      activation: 'relu' as const,
      init: 'he' as const,
    })),
    { units: 1, activation: 'linear' },
  ]
  // He initialisation and a small constant rate: deep ReLU stacks with U(−1, 1) weights and
  // micrograd's rate 1.0 blow up, and a diverged session trains nothing.
  const file = workloadFile('W2', moons(points), layers)
  file.training.optimizer.learningRate = 0.01
  file.training.schedule = { type: 'constant' }
  const t0 = performance.now()
  compileNetwork(shapeOf(file.network))
  const recordMs = performance.now() - t0
  const session = TrainingSession.fromModelFile(file)
  const epoch = () => {
    const [m] = session.step(1)
    if (!m) throw new Error(session.divergence?.message ?? 'no epoch trained')
    return m.trainLoss
  }
  measure(epoch, Math.max(ms / 4, 200))
  const speed = measure(epoch, ms)
  print({
    depth,
    width,
    points,
    parameters: session.parameterCount,
    recordMs,
    ...speed,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    heapUsedMb: process.memoryUsage().heapUsed / 2 ** 20,
  })
} else if (mode === 'memory') {
  const gc = (globalThis as { gc?: () => void }).gc
  if (!gc) throw new Error('run with node --expose-gc')
  const [total] = args.map(Number)
  const session = TrainingSession.fromModelFile(workloadFile('W1'))
  const samples: { epoch: number; heapUsedMb: number }[] = []
  const sample = () => {
    gc()
    samples.push({ epoch: session.epoch, heapUsedMb: process.memoryUsage().heapUsed / 2 ** 20 })
  }
  session.step(1000)
  sample()
  while (session.epoch < total) {
    session.step(Math.min(total / 10, total - session.epoch))
    sample()
  }
  // What the history alone weighs (one EpochMetrics per epoch, as the model file keeps it):
  // the heap taken by a copy of it.
  gc()
  const before = process.memoryUsage().heapUsed
  const copy = session.history.map((m) => ({ ...m }))
  gc()
  const historyMb = (process.memoryUsage().heapUsed - before) / 2 ** 20
  const growthMb = samples.at(-1)!.heapUsedMb - samples[0].heapUsedMb
  print({
    samples,
    historyEntries: copy.length,
    historyMb,
    growthMb,
    growthWithoutHistoryMb: growthMb - historyMb * ((total - samples[0].epoch) / total),
    peakRssMb: process.resourceUsage().maxRSS / 1024,
  })
} else if (mode === 'graph') {
  // The graph view's work for one sample of micrograd's MLP(2, [16, 16, 1]) with its hinge loss:
  // build and trace the graph (with backward, as the view shows grads), write its DOT, and Graphviz
  // laying that DOT out (what the page's worker runs), all in this one process.
  const { Graphviz } = await import('@hpcc-js/wasm-graphviz')
  const graphviz = await Graphviz.load()
  const network = new MLP(2, microgradLayers(), createRng(1).next).toJSON()
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
  // Warm (the view redoes this at every live update): the median after a warm-up, and the first call.
  const time = (f: () => unknown, n: number, warm = n) => {
    for (let i = 0; i < warm; i++) f()
    const ms: number[] = []
    for (let i = 0; i < n; i++) {
      const t0 = performance.now()
      f()
      ms.push(performance.now() - t0)
    }
    return median(ms)
  }
  const first = performance.now()
  let model = sampleModel({ network, point: [0.5, 0.25, 1], loss: 'hinge' })
  const firstTraceMs = performance.now() - first
  const traceMs = time(() => (model = sampleModel({ network, point: [0.5, 0.25, 1], loss: 'hinge' })), 50)
  const all = new Set(model.groups.map((g) => g.key))
  // As the view writes them: a graph this big gets the fast settings, collapsed or not.
  const collapsed = () =>
    toExplorerDot(model.graph, { groups: model.groups, collapsed: all, classOf: model.classOf, fast: true })
  const full = () => toExplorerDot(model.graph, { groups: model.groups, classOf: model.classOf, fast: true })
  const collapsedDotMs = time(collapsed, 50)
  const fullDotMs = time(full, 50)
  const dots = { collapsed: collapsed(), full: full() }
  graphviz.dot(dots.collapsed)
  print({
    values: model.graph.nodes.length,
    graphvizNodes: model.graph.nodes.length + model.graph.nodes.filter((n) => n.op !== '').length,
    traceMs,
    collapsedDotMs,
    fullDotMs,
    firstTraceMs,
    layoutCollapsedMs: time(() => graphviz.dot(dots.collapsed), 5, 1),
    layoutFullMs: time(() => graphviz.dot(dots.full), 3, 1),
  })
} else if (mode === 'trainer') {
  const [variant, ms] = args
  print({ variant, ...trainerSpeed(variant, Number(ms)) })
} else if (mode === 'cap') {
  const [hidden, units, points, ms] = args.map(Number)
  print(capRow(hidden, units, points, ms))
} else throw new Error(`unknown mode ${mode}: use speed, check, record, scale, memory, graph, trainer or cap`)

/**
 * `node --import tsx bench/graph.ts`: the graph view's Graphviz settings, measured. The DOT of one
 * sample of micrograd's MLP(2, [16, 16, 1]) with its hinge loss (what the view draws), collapsed (one
 * box per neuron) and in full, laid out by @hpcc-js/wasm-graphviz (the code the page's layout worker
 * runs) under each candidate set of graph attributes, in this one process: warmed up first
 * (WebAssembly starts in V8's baseline tier), then candidates interleaved, their order rotated each
 * round. Prints median wall-clock ms and, the robust number on a shared machine, the median over
 * rounds of each candidate's time ÷ the shipped settings' time in the same round.
 *
 * `--quick`: 3 rounds instead of 7. `--shots <dir>`: also writes each candidate's SVG and two PNGs
 * (the whole picture, and a part at full size) with Chromium, to look at what a setting costs.
 * `--json`: one JSON object on one line.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { Graphviz } from '@hpcc-js/wasm-graphviz'
import { FAST_LAYOUT, toExplorerDot } from '../shared/src/graph/explorer-dot.ts'
import { MLP } from '../shared/src/nn/mlp.ts'
import { createRng } from '../shared/src/random.ts'
import { microgradLayers } from '../shared/src/testing/fixtures.ts'
import { sampleModel } from '../src-renderer/graph/explorer-model.ts'
import { compactSvg } from '../src-renderer/graph/svg-compact.ts'

const args = process.argv.slice(2)
const quick = args.includes('--quick')
const json = args.includes('--json')
const shots = args.includes('--shots') ? args[args.indexOf('--shots') + 1] : undefined
const ROUNDS = quick ? 3 : 7

/** Graph attributes tried, by name; `shipped` is what toExplorerDot writes for big graphs. */
const CANDIDATES: Record<string, string> = {
  shipped: FAST_LAYOUT,
  'Graphviz defaults': '',
  'nslimit 2 (shipped before), splines': 'nslimit=2; nslimit1=2; mclimit=0.2;',
  'nslimit 0.5, splines': 'nslimit=0.5; nslimit1=0.5; mclimit=0.2;',
  'nslimit 0.5 + searchsize 10': 'nslimit=0.5; nslimit1=0.5; mclimit=0.2; searchsize=10;',
  'nslimit 0.2 + polyline': 'nslimit=0.2; nslimit1=0.2; mclimit=0.2; splines=polyline;',
  'splines=false (lines over boxes)': 'nslimit=0.5; nslimit1=0.5; mclimit=0.2; splines=false;',
}

const log = (line: string) => (json ? process.stderr : process.stdout).write(line + '\n')
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2
}

const graphviz = await Graphviz.load()
const network = new MLP(2, microgradLayers(), createRng(1).next).toJSON()
const model = sampleModel({ network, point: [0.5, 0.25, 1], loss: 'hinge' })
const dotOf = (collapse: boolean, attributes: string) => {
  const dot = toExplorerDot(model.graph, {
    groups: model.groups,
    collapsed: new Set(collapse ? model.groups.map((g) => g.key) : []),
    classOf: model.classOf,
    fast: true,
  })
  if (!dot.includes(FAST_LAYOUT))
    throw new Error('toExplorerDot no longer writes FAST_LAYOUT: update this bench')
  return dot.replace(FAST_LAYOUT, attributes)
}
const time = (dot: string) => {
  const t0 = performance.now()
  const svg = graphviz.dot(dot)
  return { ms: performance.now() - t0, svg }
}

const names = Object.keys(CANDIDATES)
const results: Record<string, unknown>[] = []
for (const view of ['collapsed', 'full'] as const) {
  const dots = names.map((n) => dotOf(view === 'collapsed', CANDIDATES[n]))
  // Warm-up: every candidate twice (collapsed: six times), so V8 has optimised Graphviz's code.
  for (let i = 0; i < (view === 'collapsed' ? 6 : 2); i++) for (const d of dots) time(d)
  const ms = names.map((): number[] => [])
  const ratios = names.map((): number[] => [])
  for (let r = 0; r < ROUNDS; r++) {
    const round: number[] = []
    for (let k = 0; k < names.length; k++) {
      const c = (k + r) % names.length
      round[c] = time(dots[c]).ms
    }
    round.forEach((m, c) => {
      ms[c].push(m)
      ratios[c].push(m / round[0])
    })
  }
  log(
    `\nGraphviz, ${view} 16-16-1 (${ROUNDS} rounds): median ms, min, × the shipped settings (median of rounds)`,
  )
  names.forEach((name, c) => {
    const { svg } = time(dots[c])
    const [, , w, h] = /viewBox="([^"]*)"/.exec(svg)![1].split(' ').map(Number)
    const row = {
      view,
      candidate: name,
      attributes: CANDIDATES[name],
      medianMs: Math.round(median(ms[c])),
      minMs: Math.round(Math.min(...ms[c])),
      vsShipped: Number(median(ratios[c]).toFixed(2)),
      picture: `${Math.round(w)} × ${Math.round(h)} pt`,
    }
    results.push(row)
    log(
      `  ${name.padEnd(42)} ${String(row.medianMs).padStart(5)} ${String(row.minMs).padStart(5)}  ×${row.vsShipped.toFixed(2)}  ${row.picture}`,
    )
    if (shots) {
      mkdirSync(shots, { recursive: true })
      writeFileSync(join(shots, `${view}-${c}.svg`), compactSvg(svg))
    }
  })
}
if (json) process.stdout.write(JSON.stringify({ rounds: ROUNDS, results }) + '\n')

if (shots) {
  // Pictures of each candidate: the whole drawing fitted into 1400 × 900, and a part at full size.
  const { chromium } = await import('@playwright/test')
  const { CHROMIUM_ARGS } = await import('../playwright.config.ts')
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  })
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } })
  for (const view of ['collapsed', 'full'])
    for (let c = 0; c < names.length; c++) {
      const { readFileSync } = await import('node:fs')
      const svg = readFileSync(join(shots, `${view}-${c}.svg`), 'utf8')
      await page.setContent(`<body style="margin:0;background:#fff">${svg}</body>`)
      const size = await page.evaluate(
        `(() => { const b = document.querySelector('svg').getBoundingClientRect(); return [b.width, b.height] })()`,
      )
      const [w, h] = size as [number, number]
      const k = Math.min(1400 / w, 900 / h)
      await page.evaluate(
        `(() => { const s = document.querySelector('svg'); s.style.width = '${w * k}px'; s.style.height = '${h * k}px' })()`,
      )
      await page.screenshot({ path: join(shots, `${view}-${c}-overview.png`) })
      await page.evaluate(
        `(() => { const s = document.querySelector('svg'); s.style.width = '${w}px'; s.style.height = '${h}px'; window.scrollTo(${w * 0.3 - 700}, ${h * 0.6 - 450}) })()`,
      )
      await page.screenshot({ path: join(shots, `${view}-${c}-detail.png`) })
    }
  await browser.close()
  log(`\nPictures in ${shots}: <view>-<candidate number>-overview.png and -detail.png, in the order above.`)
}

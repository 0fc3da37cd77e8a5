/// <reference lib="webworker" />
/**
 * Graphviz in a Web Worker: DOT in, SVG out, so laying out a 1,600-node graph never blocks the
 * page. Graphviz's WebAssembly is inlined in this chunk only (no fetch, nothing in the main bundle).
 * Between requests it warms Graphviz up on the last DOT (see warm-up.ts).
 */
import { Graphviz } from '@hpcc-js/wasm-graphviz'
import type { LayoutReply, LayoutRequest } from './layout-queue.ts'
import { compactSvg } from './svg-compact.ts'
import { WarmUp } from './warm-up.ts'

const scope = self as unknown as DedicatedWorkerGlobalScope
let graphviz: Promise<Graphviz> | null = null
let warmUp: WarmUp | null = null

scope.addEventListener('message', async (e: MessageEvent<LayoutRequest>) => {
  const { id, dot } = e.data
  warmUp?.cancel()
  let reply: LayoutReply
  let ms = 0
  try {
    const gv = await (graphviz ??= Graphviz.load())
    warmUp ??= new WarmUp((again) => gv.dot(again))
    const t0 = performance.now()
    const svg = gv.dot(dot)
    ms = performance.now() - t0
    reply = { id, svg: compactSvg(svg), ms }
  } catch (err) {
    reply = { id, error: err instanceof Error ? err.message : String(err) }
  }
  scope.postMessage(reply)
  if (!('error' in reply)) warmUp?.after(dot, ms)
})

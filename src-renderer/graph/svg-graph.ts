/**
 * The drawn graph in the page: Graphviz's SVG parsed (never run), each box found by its node name
 * (v12, g40, op12 in its <title>), so that new numbers are written into the existing text and the
 * stepper's marks are classes on the existing boxes: no new layout while only numbers change.
 */
import { formatData, formatGrad, valueIdOfNodeName } from '../../shared/src/graph/explorer-dot.ts'
import type { GraphNode } from '../../shared/src/graph/trace.ts'

export interface DrawnBox {
  g: SVGGElement
  /** The record's `data …` and `grad …` texts (absent for op ellipses). */
  data: SVGTextElement | null
  grad: SVGTextElement | null
}

export interface DrawnGraph {
  svg: SVGSVGElement
  /** Size at scale 1, in CSS pixels. */
  width: number
  height: number
  /** The box showing each Value: its own record, or the collapsed group whose output it is. */
  boxes: Map<number, DrawnBox>
  /** The op ellipse of each Value made by an operation (when drawn). */
  ops: Map<number, SVGGElement>
  /** Frames of open groups, by their output id. */
  frames: Map<number, SVGGElement>
  /** Boxes that carry marks now (so the next marking clears only those). */
  marked: Set<SVGGElement>
}

const SVG_NS = 'http://www.w3.org/2000/svg'

/** Parses Graphviz's SVG text into an element of `doc`; throws when it is not an SVG. */
export function parseGraphSvg(text: string, doc: Document = document): SVGSVGElement {
  // An XML parse: scripts are never run from it, and the CSP forbids inline ones anyway.
  const parsed = new DOMParser().parseFromString(text, 'image/svg+xml')
  const root = parsed.documentElement
  if (
    root.namespaceURI !== SVG_NS ||
    root.localName !== 'svg' ||
    parsed.getElementsByTagName('parsererror').length
  )
    throw new Error('Graphviz returned something that is not an SVG picture')
  return doc.importNode(root, true) as unknown as SVGSVGElement
}

/** Finds every box of a Graphviz SVG; `titleOf` gives each box the tooltip it should show. */
export function indexGraph(svg: SVGSVGElement, titleOf: (name: string) => string = () => ''): DrawnGraph {
  const boxes = new Map<number, DrawnBox>()
  const ops = new Map<number, SVGGElement>()
  const frames = new Map<number, SVGGElement>()
  for (const g of Array.from(svg.querySelectorAll<SVGGElement>('g.node, g.cluster'))) {
    const title = g.querySelector(':scope > title')
    const name = title?.textContent ?? ''
    if (title) {
      const text = titleOf(name)
      if (text) title.textContent = text
      else title.remove()
    }
    if (g.classList.contains('cluster')) {
      const m = /^cluster_(\d+)$/.exec(name)
      if (m) frames.set(Number(m[1]), g)
      continue
    }
    const ref = valueIdOfNodeName(name)
    if (!ref) continue
    g.dataset.node = name
    if (ref.kind === 'op') {
      ops.set(ref.id, g)
      continue
    }
    let data: SVGTextElement | null = null
    let grad: SVGTextElement | null = null
    for (const t of Array.from(g.querySelectorAll('text'))) {
      // Graphviz pads record text with a space: trimmed once, patches compare exact strings.
      const s = (t.textContent ?? '').trim()
      if (s.startsWith('data ')) data = t
      else if (s.startsWith('grad ')) grad = t
      else continue
      t.textContent = s
    }
    boxes.set(ref.id, { g, data, grad })
  }
  // Edge titles ("v1->op2") would only be noise as tooltips.
  for (const t of Array.from(svg.querySelectorAll('g.edge > title, g.graph > title'))) t.remove()
  const [, , w, h] = (svg.getAttribute('viewBox') ?? '')
    .trim()
    .split(/[\s,]+/)
    .map(Number)
  const width = w > 0 ? w : Number.parseFloat(svg.getAttribute('width') ?? '') || 100
  const height = h > 0 ? h : Number.parseFloat(svg.getAttribute('height') ?? '') || 100
  // Graphviz sizes in points; one unit per CSS pixel keeps the text at the size it was laid out for.
  svg.setAttribute('width', String(width))
  svg.setAttribute('height', String(height))
  return { svg, width, height, boxes, ops, frames, marked: new Set() }
}

/** Writes each box's data and grad; returns how many texts changed (unchanged ones are not touched). */
export function patchNumbers(drawn: DrawnGraph, nodes: readonly GraphNode[], digits = 4): number {
  let changed = 0
  for (const [id, box] of drawn.boxes) {
    const node = nodes[id]
    if (!node) continue
    changed += write(box.data, formatData(node.data, digits))
    changed += write(box.grad, formatGrad(node.grad, digits))
  }
  return changed
}

function write(text: SVGTextElement | null, value: string): number {
  if (!text || text.textContent === value) return 0
  text.textContent = value
  return 1
}

/** Sets the marks (CSS classes) on boxes: `marks` maps a box's Value id to its classes. */
export function markBoxes(
  drawn: DrawnGraph,
  marks: ReadonlyMap<number, readonly string[]>,
  all: readonly string[],
): void {
  for (const el of drawn.marked) el.classList.remove(...all)
  drawn.marked.clear()
  for (const [id, classes] of marks) {
    const el = drawn.boxes.get(id)?.g
    if (!el || classes.length === 0) continue
    el.classList.add(...classes)
    drawn.marked.add(el)
  }
}

/** The Value id a click landed on (its box, op ellipse or a collapsed group), if any. */
export function nodeAt(
  target: EventTarget | null,
): { id: number; kind: 'value' | 'group' | 'op' } | undefined {
  const el = (target as Element | null)?.closest?.('g.node') as SVGGElement | null | undefined
  const name = el?.dataset.node
  return name ? valueIdOfNodeName(name) : undefined
}

/** The SVG as a standalone file, with the numbers and marks as they are now. */
export function serializeGraph(drawn: DrawnGraph): string {
  const copy = drawn.svg.cloneNode(true) as SVGSVGElement
  copy.setAttribute('xmlns', SVG_NS)
  copy.removeAttribute('style')
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n' + new XMLSerializer().serializeToString(copy)
  )
}

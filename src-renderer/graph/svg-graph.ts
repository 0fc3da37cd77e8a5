/**
 * The drawn graph in the page: Graphviz's SVG parsed (never run), each box found by its node name
 * (v12, g40, op12: see compactSvg), so that new numbers are written into the existing text and the
 * stepper's marks are classes on the existing boxes: no new layout while only numbers change.
 */
import { formatData, formatGrad, valueIdOfNodeName } from '../../shared/src/graph/explorer-dot.ts'
import type { GraphNode } from '../../shared/src/graph/trace.ts'

export interface DrawnBox {
  g: SVGGElement
  /** The box's centre in the picture's pixels, once asked for (see centreOf). */
  centre?: { x: number; y: number }
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
  /** The Graphviz name (v12, g40, op12) of each box and ellipse. */
  names: WeakMap<Element, string>
  /** Boxes that carry marks now (so the next marking clears only those). */
  marked: Set<SVGGElement>
  /** Where Graphviz's coordinates start in the picture (its translate on the graph group). */
  origin: { x: number; y: number }
}

const SVG_NS = 'http://www.w3.org/2000/svg'

/** Parses Graphviz's SVG text into an element of `doc`; throws when it is not an SVG. */
export function parseGraphSvg(text: string, doc: Document = document): SVGSVGElement {
  // The HTML parser into an inert <template>: nothing in it loads or runs (scripts it makes never
  // do, and the CSP forbids inline ones anyway). For a 1,600-box drawing it is two to three times
  // faster than DOMParser's XML parse. The XML prologue and doctype are not HTML: they go first.
  const start = text.indexOf('<svg')
  const template = doc.createElement('template')
  template.innerHTML = start === -1 ? '' : text.slice(start)
  const root = template.content.firstElementChild
  if (!root || root.namespaceURI !== SVG_NS || root.localName !== 'svg')
    throw new Error('Graphviz returned something that is not an SVG picture')
  // Adopted, not imported: a deep copy of the drawing would cost as much as parsing it.
  return doc.adoptNode(root) as unknown as SVGSVGElement
}

/** A node's or cluster's Graphviz name: compactSvg's data-name, else Graphviz's own <title>. */
function nameOf(g: Element): string {
  const name = g.getAttribute('data-name')
  if (name !== null) return name
  const title = g.firstElementChild
  return title?.localName === 'title' ? (title.textContent ?? '') : ''
}

/** Finds every box of a Graphviz SVG by its node name (see nameOf). */
export function indexGraph(svg: SVGSVGElement): DrawnGraph {
  const boxes = new Map<number, DrawnBox>()
  const ops = new Map<number, SVGGElement>()
  const frames = new Map<number, SVGGElement>()
  const names = new WeakMap<Element, string>()
  // Plain DOM walks, no selector per node: this runs over 1,600 boxes on the UI thread.
  for (const g of Array.from(svg.getElementsByTagName('g')) as SVGGElement[]) {
    const cls = g.getAttribute('class') ?? ''
    const cluster = cls.startsWith('cluster')
    if (!cluster && !cls.startsWith('node')) continue
    const name = nameOf(g)
    if (cluster) {
      const m = /^cluster_(\d+)$/.exec(name)
      if (m) frames.set(Number(m[1]), g)
      continue
    }
    const ref = valueIdOfNodeName(name)
    if (!ref) continue
    names.set(g, name)
    if (ref.kind === 'op') {
      ops.set(ref.id, g)
      continue
    }
    let data: SVGTextElement | null = null
    let grad: SVGTextElement | null = null
    for (const t of Array.from(g.getElementsByTagName('text'))) {
      const text = t.textContent ?? ''
      // Graphviz pads record fields with a space (compactSvg removes it): patches compare exact strings.
      const s = text.trim()
      if (s !== text) t.textContent = s
      if (s.startsWith('data ')) data = t
      else if (s.startsWith('grad ')) grad = t
    }
    boxes.set(ref.id, { g, data, grad })
  }
  const [, , w, h] = (svg.getAttribute('viewBox') ?? '')
    .trim()
    .split(/[\s,]+/)
    .map(Number)
  const width = w > 0 ? w : Number.parseFloat(svg.getAttribute('width') ?? '') || 100
  const height = h > 0 ? h : Number.parseFloat(svg.getAttribute('height') ?? '') || 100
  // Graphviz sizes in points; one unit per CSS pixel keeps the text at the size it was laid out for.
  svg.setAttribute('width', String(width))
  svg.setAttribute('height', String(height))
  const shift = /translate\(\s*([-\d.]+)[\s,]+([-\d.]+)\s*\)/.exec(
    svg.querySelector('g.graph')?.getAttribute('transform') ?? '',
  )
  const origin = shift ? { x: Number(shift[1]), y: Number(shift[2]) } : { x: 0, y: 0 }
  return { svg, width, height, boxes, ops, frames, names, marked: new Set(), origin }
}

/**
 * Writes each box's data and grad; returns how many texts changed (unchanged ones are not touched).
 * With `only`, just the boxes it accepts (the ones in view).
 */
export function patchNumbers(
  drawn: DrawnGraph,
  nodes: readonly GraphNode[],
  digits = 4,
  only?: (box: DrawnBox) => boolean,
): number {
  let changed = 0
  for (const [id, box] of drawn.boxes) {
    const node = nodes[id]
    if (!node || (only && !only(box))) continue
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

/**
 * The centre of an element of the drawing, in the picture's own pixels (before any pan or zoom).
 * Read from its shape's coordinates (Graphviz wrote them), not getBBox: asking the browser would lay
 * the whole drawing out first, and the level of detail asks for all 1,600 boxes at once.
 */
export function centreOf(drawn: DrawnGraph, el: SVGGraphicsElement | DrawnBox): { x: number; y: number } {
  if ('g' in el) return (el.centre ??= centreOf(drawn, el.g))
  const c = shapeCentre(el)
  if (c) return { x: drawn.origin.x + c.x, y: drawn.origin.y + c.y }
  const b = el.getBBox()
  return { x: drawn.origin.x + b.x + b.width / 2, y: drawn.origin.y + b.y + b.height / 2 }
}

/** The centre of a node's outline (its first polygon, path or ellipse), from its attributes. */
function shapeCentre(g: Element): { x: number; y: number } | undefined {
  for (const shape of Array.from(g.children)) {
    if (shape.localName === 'ellipse')
      return { x: Number(shape.getAttribute('cx')), y: Number(shape.getAttribute('cy')) }
    // The outline: a polygon's points, or a path's first subpath (a record's separators follow it).
    const data =
      shape.localName === 'polygon'
        ? shape.getAttribute('points')
        : shape.localName === 'path'
          ? /^M[^M]*/.exec(shape.getAttribute('d') ?? '')?.[0]
          : undefined
    if (data == null) continue
    const xs: number[] = []
    const ys: number[] = []
    for (const m of data.matchAll(/(-?[\d.]+),(-?[\d.]+)/g)) {
      xs.push(Number(m[1]))
      ys.push(Number(m[2]))
    }
    if (xs.length === 0) return undefined
    return { x: (Math.min(...xs) + Math.max(...xs)) / 2, y: (Math.min(...ys) + Math.max(...ys)) / 2 }
  }
  return undefined
}

/** The Value a click (or hover) landed on: its box, op ellipse or collapsed group, if any. */
export function nodeAt(
  drawn: DrawnGraph,
  target: EventTarget | null,
): { id: number; kind: 'value' | 'group' | 'op'; g: SVGGElement; name: string } | undefined {
  const g = (target as Element | null)?.closest?.('g.node') as SVGGElement | null | undefined
  const name = g ? drawn.names.get(g) : undefined
  const ref = name ? valueIdOfNodeName(name) : undefined
  return ref && g && name ? { ...ref, g, name } : undefined
}

/** Gives a box its tooltip the first time it is pointed at (1,600 titles written up front cost time). */
export function titleBox(drawn: DrawnGraph, g: SVGGElement, text: string): void {
  let title = g.firstElementChild
  if (title?.localName !== 'title') {
    title = g.ownerDocument.createElementNS(SVG_NS, 'title')
    g.insertBefore(title, g.firstChild)
  }
  if (title.textContent !== text) title.textContent = text
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

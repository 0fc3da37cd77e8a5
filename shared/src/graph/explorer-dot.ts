/**
 * DOT for the graph explorer: toDot's notebook style, plus groups (a neuron drawn as one rounded
 * box when collapsed, inside a labelled frame when open) and a class per node that the page
 * styles (inputs, parameters, the current node of a backward walk). Names follow toDot's
 * (v{id}, op{id}) and a collapsed group is g{output id}, so every drawn box maps back to a Value.
 */
import { escapeDotString, escapeRecordText, opNodeName, valueNodeName } from './dot.ts'
import type { NodeGroup } from './network.ts'
import type { ComputationGraph } from './trace.ts'

export interface ExplorerDotOptions {
  /** Groups of Values that may be drawn as one box (no Value in two groups). */
  groups?: readonly NodeGroup[]
  /** Keys of the groups drawn as one box; the others are drawn open, in a frame. */
  collapsed?: ReadonlySet<string>
  /** Extra class names for a Value's box (e.g. 'param'), for the page's stylesheet. */
  classOf?: (id: number) => string
  /** Digits after the decimal point (default 4). */
  digits?: number
  /**
   * Trade a little layout quality for speed on big graphs (FAST_LAYOUT): at 1,600 nodes about 1.3 to
   * 1.5 times as fast as Graphviz's defaults (bench/graph.ts).
   */
  fast?: boolean
}

/**
 * The graph attributes of `fast`: Graphviz's network-simplex and crossing-minimisation limits, and
 * edges drawn as polylines instead of splines (measured side by side with others in bench/graph.ts:
 * 0.77 to 0.88 times the time of the limits alone over three runs of 7 rounds).
 */
export const FAST_LAYOUT = 'nslimit=0.5; nslimit1=0.5; mclimit=0.2; splines=polyline;'

/** Graphviz name of a collapsed group's box. */
export const groupNodeName = (output: number): string => `g${output}`

/** Maps a drawn node's name (v12, g40, op12) back to the Value id it shows; undefined for others. */
export function valueIdOfNodeName(name: string): { id: number; kind: 'value' | 'group' | 'op' } | undefined {
  const m = /^(v|g|op)(\d+)$/.exec(name)
  if (!m) return undefined
  return { id: Number(m[2]), kind: m[1] === 'v' ? 'value' : m[1] === 'g' ? 'group' : 'op' }
}

/** The numbers as a record field shows them: `data 0.1234`, `grad -1.0000`. */
export const formatData = (x: number, digits = 4): string => `data ${x.toFixed(digits)}`
export const formatGrad = (x: number, digits = 4): string => `grad ${x.toFixed(digits)}`

/** DOT source for the explorer view of `graph`. */
export function toExplorerDot(graph: ComputationGraph, options: ExplorerDotOptions = {}): string {
  const digits = options.digits ?? 4
  if (!Number.isInteger(digits) || digits < 0 || digits > 20)
    throw new RangeError(`toExplorerDot: digits must be a whole number from 0 to 20, got ${digits}`)
  const groups = options.groups ?? []
  const collapsed = options.collapsed ?? new Set<string>()
  const groupOf = new Int32Array(graph.nodes.length).fill(-1)
  groups.forEach((g, gi) => {
    for (const id of g.members) {
      if (groupOf[id] !== -1) throw new Error(`toExplorerDot: Value ${id} is in two groups`)
      groupOf[id] = gi
    }
  })
  const isCollapsed = (gi: number) => gi !== -1 && collapsed.has(groups[gi].key)
  const record = (id: number, label: string) => {
    const n = graph.nodes[id]
    // The same text as formatData/formatGrad, the space escaped (numbers need no other escaping).
    const f = (x: number) => escapeRecordText(x.toFixed(digits))
    return `{ ${escapeRecordText(label)} | data\\ ${f(n.data)} | grad\\ ${f(n.grad)} }`
  }
  const classes = (id: number, base: string) => {
    const extra = options.classOf?.(id) ?? ''
    return escapeDotString(extra ? `${base} ${extra}` : base)
  }

  const lines = [
    'digraph {',
    '  rankdir=LR;',
    ...(options.fast ? [`  ${FAST_LAYOUT}`] : []),
    '  node [fontname="Helvetica", fontsize=12];',
    '  edge [arrowsize=0.6];',
  ]
  const valueLines = (id: number, indent: string) => {
    const n = graph.nodes[id]
    lines.push(
      `${indent}${valueNodeName(id)} [shape=record, class="${classes(id, 'value')}", label="${record(id, n.label)}"];`,
    )
    if (n.op !== '') {
      lines.push(`${indent}${opNodeName(id)} [shape=ellipse, class="op", label="${escapeDotString(n.op)}"];`)
      lines.push(`${indent}${opNodeName(id)} -> ${valueNodeName(id)};`)
    }
  }

  for (const node of graph.nodes) if (groupOf[node.id] === -1) valueLines(node.id, '  ')
  groups.forEach((g, gi) => {
    if (isCollapsed(gi)) {
      const label = record(g.output, g.title)
      lines.push(
        `  ${groupNodeName(g.output)} [shape=Mrecord, class="${classes(g.output, 'group')}", label="${label}"];`,
      )
    } else {
      lines.push(
        `  subgraph cluster_${g.output} {`,
        `    label="${escapeDotString(g.title)}";`,
        '    class="neuron";',
      )
      lines.push('    style="rounded,dashed"; fontname="Helvetica"; fontsize=11;')
      for (const id of g.members) valueLines(id, '    ')
      lines.push('  }')
    }
  })

  const drawn = new Set<string>()
  for (const e of graph.edges) {
    const from = groupOf[e.from]
    const to = groupOf[e.to]
    if (from !== -1 && from === to && isCollapsed(from)) continue
    const source = isCollapsed(from) ? groupNodeName(groups[from].output) : valueNodeName(e.from)
    if (isCollapsed(to)) {
      // Into a collapsed box: one arrow per source, however many operands it feeds.
      const line = `  ${source} -> ${groupNodeName(groups[to].output)};`
      if (!drawn.has(line)) lines.push(line)
      drawn.add(line)
    } else lines.push(`  ${source} -> ${opNodeName(e.to)};`)
  }
  lines.push('}')
  return lines.join('\n') + '\n'
}

/** Equal for two graphs exactly when they draw the same boxes and arrows, whatever their numbers. */
export function shapeKey(graph: ComputationGraph): string {
  return JSON.stringify([graph.nodes.map((n) => [n.label, n.op]), graph.edges.map((e) => [e.from, e.to])])
}

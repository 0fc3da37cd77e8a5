/**
 * Graphviz DOT text for a computation graph, in the notebook's `draw_graph` style: a record
 * `{ label | data 0.1234 | grad 0.5678 }` per Value, an ellipse per operation, and edges
 * child → op → result, laid out left to right.
 */
import { Value } from '../engine/value.ts'
import { traceGraph, type ComputationGraph } from './trace.ts'

export interface DotOptions {
  /** 'LR' (default, as in the notebook) draws inputs on the left; 'TB' draws them on top. */
  rankdir?: 'LR' | 'TB'
  /** Digits after the decimal point for data and grad (default 4, as the notebook's %.4f). */
  digits?: number
  /** Ids of nodes to draw highlighted (e.g. the node a backward stepper is at). */
  highlight?: Iterable<number>
}

/** Graphviz node names, so a click on the rendered SVG (its <title>) maps back to a graph id. */
export const valueNodeName = (id: number): string => `v${id}`
export const opNodeName = (id: number): string => `op${id}`

/**
 * Escapes text for one field of a record label inside a quoted DOT string: record syntax
 * characters and spaces become literal, and quotes or backslashes cannot end the string.
 */
export function escapeRecordText(text: string): string {
  // Most labels and every number need nothing: skip the character loop (1,600 nodes, 3 fields each).
  if (PLAIN.test(text)) return text
  let out = ''
  for (const ch of text) {
    if (ch === '\\') out += '\\\\'
    else if (ch === '"') out += '\\"'
    else if ('{}|<>'.includes(ch)) out += '\\' + ch
    // An escaped space keeps its width; a bare one is a token separator in records.
    else if (ch === ' ') out += '\\ '
    else if (ch === '\n') out += '\\n'
    // Other control characters have no business in a label and could confuse the parser.
    else if (ch < ' ' || ch === '\u007f') out += '\\ '
    else out += wellFormed(ch)
  }
  return out
}

const PLAIN = /^[A-Za-z0-9_.+\-]*$/

/** A lone UTF-16 surrogate (half an emoji) cannot be encoded as UTF-8: draw it as U+FFFD. */
const wellFormed = (ch: string): string =>
  ch.length === 1 && ch >= '\ud800' && ch <= '\udfff' ? '\ufffd' : ch

/** Escapes text for an ordinary (non-record) quoted DOT label. */
export function escapeDotString(text: string): string {
  let out = ''
  for (const ch of text) {
    if (ch === '\\' || ch === '"') out += '\\' + ch
    else if (ch === '\n') out += '\\n'
    else if (ch < ' ' || ch === '\u007f') out += ' '
    else out += wellFormed(ch)
  }
  return out
}

/** DOT source for the graph behind `root` (or an already traced graph), ready for Graphviz. */
export function toDot(root: Value | ComputationGraph, options: DotOptions = {}): string {
  const rankdir = options.rankdir ?? 'LR'
  if (rankdir !== 'LR' && rankdir !== 'TB')
    throw new RangeError(`toDot: rankdir must be 'LR' or 'TB', got ${JSON.stringify(rankdir)}`)
  const digits = options.digits ?? 4
  if (!Number.isInteger(digits) || digits < 0 || digits > 20)
    throw new RangeError(`toDot: digits must be a whole number from 0 to 20, got ${digits}`)
  const graph = root instanceof Value ? traceGraph(root) : root
  const highlight = new Set(options.highlight ?? [])
  const fmt = (x: number) => escapeRecordText(x.toFixed(digits))

  const lines = ['digraph {', `  rankdir=${rankdir};`, '  node [fontname="Helvetica", fontsize=12];']
  for (const node of graph.nodes) {
    const label = `{ ${escapeRecordText(node.label)} | data ${fmt(node.data)} | grad ${fmt(node.grad)} }`
    const style = highlight.has(node.id) ? ', style=filled, fillcolor="#ffe08a"' : ''
    lines.push(`  ${valueNodeName(node.id)} [shape=record, label="${label}"${style}];`)
    if (node.op !== '') {
      lines.push(`  ${opNodeName(node.id)} [shape=ellipse, label="${escapeDotString(node.op)}"];`)
      lines.push(`  ${opNodeName(node.id)} -> ${valueNodeName(node.id)};`)
    }
  }
  for (const edge of graph.edges) lines.push(`  ${valueNodeName(edge.from)} -> ${opNodeName(edge.to)};`)
  lines.push('}')
  return lines.join('\n') + '\n'
}

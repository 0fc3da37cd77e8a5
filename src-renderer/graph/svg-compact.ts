/**
 * Graphviz's SVG made small before it reaches the page (in the layout worker). The page pays for
 * every element it parses, styles, lays out and paints, so the drawing keeps the same picture with
 * far fewer of them: for the 16-16-1 graph about 7,000 elements instead of 16,000, and 0.75 MB of
 * text instead of 1.6.
 *
 * - A box's name (v12, g40, op12, cluster_40) moves from its <title> into `data-name`.
 * - A record's outline and field separators (a polygon and a polyline each) become one path.
 * - Every edge goes into one path of lines and one of arrowheads, drawn under the boxes: no edge
 *   is styled or picked on its own.
 * - The prologue, comments, empty texts, xml:space, record fields' padding spaces, and the font and
 *   anchor every text repeats go; the common ones are set once on the <svg>, where text inherits them.
 *
 * Anything it does not recognise (a filled node, an edge with a label) passes through as Graphviz
 * wrote it, so the result always draws what Graphviz drew.
 */

const PLAIN = ' fill="none" stroke="black" '
const MIDDLE = ' text-anchor="middle"'

/** The attribute value after `name="` in `line`, or '' when absent. */
function attribute(line: string, name: string): string {
  const at = line.indexOf(` ${name}="`)
  if (at === -1) return ''
  const start = at + name.length + 3
  return line.slice(start, line.indexOf('"', start))
}

/** Graphviz's `points="x,y x,y …"` as path data; a polygon repeats its first point, Z closes it. */
function pointsPath(points: string, closed: boolean): string {
  let list = points.trim()
  if (closed) {
    const last = list.lastIndexOf(' ')
    if (last !== -1 && list.startsWith(list.slice(last + 1) + ' ')) list = list.slice(0, last)
  }
  return 'M' + list.replaceAll(' ', 'L') + (closed ? 'Z' : '')
}

/** The shape line of a box or edge as path data when it is drawn plainly (no fill, black), else null. */
function plainShape(line: string): string | null {
  if (!line.includes(PLAIN)) return null
  if (line.startsWith('<polygon ')) return pointsPath(attribute(line, 'points'), true)
  if (line.startsWith('<polyline ')) return pointsPath(attribute(line, 'points'), false)
  if (line.startsWith('<path ') && !line.includes(' stroke-dasharray=')) return attribute(line, 'd')
  return null
}

export function compactSvg(svg: string): string {
  const lines = svg.split('\n')
  const out: string[] = []
  let i = lines.findIndex((l) => l.startsWith('<svg'))
  if (i === -1) return svg
  // The font of the first box's text is the node default: set on <svg>, left out of texts that
  // use it (a cluster's label keeps its own size).
  const firstNode = lines.findIndex((l) => l.startsWith('<g id="node'))
  const firstText =
    firstNode === -1 ? '' : (lines.find((l, k) => k > firstNode && l.startsWith('<text')) ?? '')
  const family = attribute(firstText, 'font-family')
  const size = attribute(firstText, 'font-size')
  const font = (family ? ` font-family="${family}"` : '') + (size ? ` font-size="${size}"` : '')
  const text = (line: string): string | null => {
    let t = line.replace(' xml:space="preserve"', '').replace(MIDDLE, '')
    if (family) t = t.replace(` font-family="${family}"`, '')
    if (size) t = t.replace(` font-size="${size}"`, '')
    // Record fields end in a padding space.
    t = t.replace(/ +<\/text>$/, '</text>')
    return /^<text[^>]*><\/text>$/.test(t) ? null : t
  }
  const edgeLines: string[] = []
  const heads: string[] = []
  let edgesAt = -1

  for (; i < lines.length; i++) {
    const line = lines[i]
    if (line.startsWith('<!--')) {
      while (i < lines.length && !lines[i].includes('-->')) i++
      continue
    }
    if (line.startsWith('<svg')) {
      out.push(line.replace('<svg ', `<svg${font}${MIDDLE} `))
      continue
    }
    const group = /^<g id="(node|edge|clust)\d+" class="([^"]*)">$/.exec(line)
    if (!group) {
      out.push(line.startsWith('<text') ? (text(line) ?? '') : line)
      continue
    }
    // One node, edge or cluster: its lines up to the closing </g> (Graphviz does not nest them).
    const end = lines.indexOf('</g>', i)
    const body = lines.slice(i + 1, end)
    i = end
    const name = body[0]?.startsWith('<title>') ? body.shift()!.slice(7, -8) : ''
    // The edges go under every box: where the first box or edge was (after the clusters' frames).
    if (edgesAt === -1 && group[1] !== 'clust') edgesAt = out.length
    if (group[1] === 'edge') {
      const [path, head] = body
      const d = body.length === 2 ? plainShape(path) : null
      if (d !== null && head.startsWith('<polygon fill="black" stroke="black" ')) {
        edgeLines.push(d)
        heads.push(pointsPath(attribute(head, 'points'), true))
      } else out.push(`<g class="${group[2]}">`, ...body, '</g>')
      continue
    }
    out.push(`<g class="${group[2]}"${name ? ` data-name="${name}"` : ''}>`)
    // A record's outline and separators: one path, where the first of them was.
    let shapeAt = -1
    let d = ''
    for (const part of body) {
      const shape = group[1] === 'node' ? plainShape(part) : null
      if (shape !== null) {
        if (shapeAt === -1) {
          shapeAt = out.length
          out.push('')
        }
        d += shape
      } else if (part.startsWith('<text')) {
        const t = text(part)
        if (t) out.push(t)
      } else out.push(part)
    }
    if (shapeAt !== -1) out[shapeAt] = `<path${PLAIN}d="${d}"/>`
    out.push('</g>')
  }
  if (edgeLines.length > 0)
    out.splice(
      edgesAt,
      0,
      `<g class="edges"><path class="lines"${PLAIN}d="${edgeLines.join('')}"/>` +
        `<path class="heads" fill="black" stroke="black" d="${heads.join('')}"/></g>`,
    )
  return out.filter((l) => l !== '').join('\n')
}

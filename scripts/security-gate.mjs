// The security gate in `npm test`: Electronegativity (pinned in package.json) over the main
// process, the preload and the renderer, offline (told the Electron version instead of fetching
// it), failing on any HIGH or MEDIUM finding. Its exit code is always 0, so this reads its CSV.
// Tests, test helpers and node_modules are left out of the copy it scans: they are not shipped.
import { execFileSync } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, join, relative, sep } from 'node:path'
import { pathToFileURL } from 'node:url'

const root = join(import.meta.dirname, '..')
/** What ships: the main process with its preload, and the renderer. */
export const SCANNED = ['src-main', 'src-renderer']
export const BLOCKING = ['HIGH', 'MEDIUM']

/** True for files the app does not ship (tests, test helpers, the smoke test). */
export function isTestOnly(path) {
  const parts = path.split(sep)
  const name = basename(path)
  return (
    /\.(test|smoke|spec)\.ts$/.test(name) ||
    parts.includes('testing') ||
    parts.includes('smoke') ||
    parts.includes('node_modules')
  )
}

/**
 * Rows of the CSV Electronegativity writes (quoted fields, commas and newlines inside quotes).
 * A dozen lines rather than a CSV library: this is the tool's own fixed format, read in one place.
 */
export function parseCsv(text) {
  const rows = []
  let row = []
  let field = ''
  let quoted = false
  const endField = () => {
    row.push(field.trim())
    field = ''
  }
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"'
        i++
      } else if (c === '"') quoted = false
      else field += c
    } else if (c === '"') quoted = true
    else if (c === ',') endField()
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++
      endField()
      rows.push(row)
      row = []
    } else field += c
  }
  if (field !== '' || row.length > 0) {
    endField()
    rows.push(row)
  }
  return rows.filter((r) => r.some((f) => f !== ''))
}

/** The findings in a report: issue, severity, file, location, sample. Throws if it is not a report. */
export function findingsOf(csv) {
  const [header, ...rows] = parseCsv(csv)
  const at = (name) => header?.indexOf(name) ?? -1
  const [issue, severity, file, location, sample] = [
    'issue',
    'severity',
    'filename',
    'location',
    'sample',
  ].map(at)
  if (issue < 0 || severity < 0)
    throw new Error('The Electronegativity report has no issue/severity header: did the scan run?')
  return rows.map((r) => ({
    issue: r[issue],
    severity: r[severity].toUpperCase(),
    file: r[file] ?? '',
    location: r[location] ?? '',
    sample: r[sample] ?? '',
  }))
}

/** Runs Electronegativity over `dirs` (copied without test files); its report and findings. */
export function scan(dirs = SCANNED.map((d) => join(root, d)), electronVersion = installedElectronVersion()) {
  const work = mkdtempSync(join(tmpdir(), 'bp-security-'))
  try {
    const input = join(work, 'app')
    for (const dir of dirs)
      cpSync(dir, join(input, basename(dir)), {
        recursive: true,
        filter: (src) => !isTestOnly(relative(dir, src)),
      })
    const report = join(work, 'report.csv')
    const cli = join(root, 'node_modules', '@doyensec', 'electronegativity', 'dist', 'index.js')
    // It still tries the network for Electron's release list, says so, and goes on with -e.
    execFileSync(
      process.execPath,
      [cli, '-i', input, '-o', report, '-v', 'false', '-r', '-e', electronVersion],
      {
        stdio: ['ignore', 'ignore', 'pipe'],
        timeout: 120_000,
      },
    )
    if (!existsSync(report)) throw new Error('Electronegativity wrote no report.')
    return { csv: readFileSync(report, 'utf8'), findings: findingsOf(readFileSync(report, 'utf8')) }
  } finally {
    rmSync(work, { recursive: true, force: true })
  }
}

export function installedElectronVersion() {
  return JSON.parse(readFileSync(join(root, 'node_modules', 'electron', 'package.json'), 'utf8')).version
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { csv, findings } = scan()
  mkdirSync(join(root, 'reports'), { recursive: true })
  writeFileSync(join(root, 'reports', 'electronegativity.csv'), csv)
  const blocking = findings.filter((f) => BLOCKING.includes(f.severity))
  for (const f of findings) console.log(`${f.severity.padEnd(13)} ${f.issue}  ${f.file}:${f.location}`)
  if (blocking.length > 0) {
    console.error(`security gate: ${blocking.length} HIGH or MEDIUM finding(s); fix them (see SECURITY.md).`)
    process.exit(1)
  }
  console.log(
    `security gate: no HIGH or MEDIUM findings (${findings.length} LOW or informational, see SECURITY.md)`,
  )
}

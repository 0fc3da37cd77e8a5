// The security gate in `npm test`: Electronegativity (pinned in package.json) over the main
// process, the preload and the renderer, offline (told the Electron version instead of fetching
// it), failing on any HIGH or MEDIUM finding. Its CLI's exit code is always 0, so this reads its findings.
// Tests, test helpers and node_modules are left out of the copy it scans: they are not shipped.
import { execFileSync } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, join, relative, sep } from 'node:path'
import { createRequire } from 'node:module'
import { fileURLToPath, pathToFileURL } from 'node:url'

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
 * Runs Electronegativity over `dirs` (copied without test files) and returns its findings.
 *
 * Its runner is called in a child process, which hands the findings back as JSON, rather than its
 * CLI's `-o report.csv`: the CLI writes the CSV's header and body with two concurrent asynchronous
 * writes (flag "w", then "a"), so the header can land last and truncate the body. A report read from
 * that file was sometimes garbled and could have been empty, passing the gate with findings in it.
 */
export function scan(dirs = SCANNED.map((d) => join(root, d)), electronVersion = installedElectronVersion()) {
  const work = mkdtempSync(join(tmpdir(), 'bp-security-'))
  try {
    const input = join(work, 'app')
    for (const dir of dirs)
      cpSync(dir, join(input, basename(dir)), {
        recursive: true,
        filter: (src) => !isTestOnly(relative(dir, src)),
      })
    const out = join(work, 'findings.json')
    // It still tries the network for Electron's release list, says so, and goes on with the version given.
    execFileSync(process.execPath, [fileURLToPath(import.meta.url), '--scan', input, electronVersion, out], {
      stdio: ['ignore', 'ignore', 'pipe'],
      timeout: 120_000,
    })
    if (!existsSync(out)) throw new Error('Electronegativity reported nothing: did the scan run?')
    return { findings: JSON.parse(readFileSync(out, 'utf8')) }
  } finally {
    rmSync(work, { recursive: true, force: true })
  }
}

/** The child's side of scan(): the runner's issues as { issue, severity, file, location, sample }, written at once. */
async function scanInChild(input, electronVersion, out) {
  const run = createRequire(import.meta.url)('@doyensec/electronegativity')
  const result = await run(
    {
      input,
      isSarif: false,
      customScan: [],
      excludeFromScan: [],
      isRelative: true,
      isVerbose: false,
      electronVersionOverride: electronVersion,
      parserPlugins: [],
    },
    false,
  )
  if (result.errors?.length > 0)
    throw new Error(`Electronegativity could not read ${result.errors.length} file(s)`)
  const findings = result.issues.map((i) => ({
    issue: i.id,
    severity: i.severity.name.toUpperCase(),
    file: i.file,
    location: `${i.location.line}:${i.location.column}`,
    sample: i.sample,
  }))
  writeFileSync(out, JSON.stringify(findings))
}

export function installedElectronVersion() {
  return JSON.parse(readFileSync(join(root, 'node_modules', 'electron', 'package.json'), 'utf8')).version
}

const isMain = import.meta.url === pathToFileURL(process.argv[1] ?? '').href
if (isMain && process.argv[2] === '--scan') {
  await scanInChild(process.argv[3], process.argv[4], process.argv[5])
} else if (isMain) {
  const { findings } = scan()
  mkdirSync(join(root, 'reports'), { recursive: true })
  writeFileSync(
    join(root, 'reports', 'electronegativity.txt'),
    findings.map((f) => `${f.severity}\t${f.issue}\t${f.file}:${f.location}\t${f.sample}`).join('\n') + '\n',
  )
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

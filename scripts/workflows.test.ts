/**
 * The GitHub Actions workflows cannot run here: this parses them and checks they run what the
 * README says (`npm ci`, `npm test`, the Electron spec under xvfb-run on Linux, `npm run dist`)
 * on Linux, macOS and Windows.
 */
import { describe, it, expect } from 'vitest'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'yaml'

const root = join(import.meta.dirname, '..')
const readme = readFileSync(join(root, 'README.md'), 'utf8')
const workflow = (name: string) => parse(readFileSync(join(root, '.github/workflows', name), 'utf8'))

type Step = { run?: string; uses?: string; if?: string }
const runs = (steps: Step[]) =>
  steps.flatMap((s) =>
    s.run
      ? s.run
          .split('\n')
          .map((l) => l.trim())
          .filter(Boolean)
      : [],
  )
const SYSTEMS = ['ubuntu-latest', 'macos-latest', 'windows-latest']

describe('.github/workflows/test.yml', () => {
  const wf = workflow('test.yml')
  const job = wf.jobs.test
  const commands = runs(job.steps)

  it('runs on pushes to main and on pull requests, on the three systems', () => {
    expect(wf.on.push.branches).toEqual(['main'])
    expect(wf.on).toHaveProperty('pull_request')
    expect(job.strategy.matrix.os).toEqual(SYSTEMS)
    expect(job['runs-on']).toBe('${{ matrix.os }}')
  })

  it('installs from the lock file, fetches Electron, and runs npm test (under xvfb-run on Linux)', () => {
    expect(commands).toContain('npm ci')
    expect(commands).toContain('npx install-electron')
    const linux = job.steps.find((s: Step) => s.run?.includes('xvfb-run'))
    expect(linux).toMatchObject({ if: "runner.os == 'Linux'", run: 'xvfb-run --auto-servernum npm test' })
    expect(job.steps.find((s: Step) => s.run === 'npm test')).toMatchObject({ if: "runner.os != 'Linux'" })
  })
})

describe('.github/workflows/release.yml', () => {
  const wf = workflow('release.yml')
  const job = wf.jobs.installers
  const commands = runs(job.steps)

  it('runs for version tags only, on the three systems', () => {
    expect(wf.on).toEqual({ push: { tags: ['v*'] } })
    expect(job.strategy.matrix.os).toEqual(SYSTEMS)
  })

  it('tests, then builds the installers with npm run dist and attaches them to the release', () => {
    expect(commands.indexOf('npm ci')).toBeLessThan(commands.indexOf('npm run dist'))
    expect(commands.some((c) => c.endsWith('npm test'))).toBe(true)
    const upload = job.steps.find((s: Step) => s.uses?.startsWith('actions/upload-artifact'))
    for (const ext of ['AppImage', 'deb', 'dmg', 'exe'])
      expect(upload.with.path).toContain(`release/*.${ext}`)
    const publish = wf.jobs.publish
    expect(publish.needs).toBe('installers')
    expect(publish.steps.some((s: Step) => s.uses?.startsWith('softprops/action-gh-release'))).toBe(true)
    expect(wf.permissions.contents).toBe('write')
  })
})

describe('the README', () => {
  it('documents the commands the workflows call', () => {
    for (const command of ['npm ci', 'npm test', 'npm run dist', 'xvfb-run', 'npx install-electron'])
      expect(readme, command).toContain(command)
  })
})

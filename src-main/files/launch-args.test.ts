import { describe, it, expect } from 'vitest'
import { filesFromArgv } from './launch-args.ts'

describe('filesFromArgv', () => {
  it('finds the model files and datasets, resolved against the working folder', () => {
    expect(
      filesFromArgv(['/opt/app/backprop-studio', 'moons.bpmodel', '/data/points.CSV'], '/home/ada'),
    ).toEqual(['/home/ada/moons.bpmodel', '/data/points.CSV'])
  })

  it('skips the executable, options, the dev app folder, other files and repeats', () => {
    expect(
      filesFromArgv(
        [
          'electron',
          '.',
          '--allow-file-access-from-files',
          '--inspect=9229',
          'notes.txt',
          '/m/a.bpmodel',
          '/m/a.bpmodel',
        ],
        '/',
      ),
    ).toEqual(['/m/a.bpmodel'])
    expect(filesFromArgv(['/m/first.bpmodel'], '/')).toEqual([])
  })

  it('turns file:// URLs from Linux desktops into paths', () => {
    expect(
      filesFromArgv(['app', 'file:///home/ada/my%20model.bpmodel', 'file://bad host/x.csv'], '/'),
    ).toEqual(['/home/ada/my model.bpmodel'])
  })
})

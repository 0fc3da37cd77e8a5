import { describe, it, expect } from 'vitest'
import { BACKGROUND, backgroundFor, mainWindowOptions } from './window-options.ts'

describe('mainWindowOptions', () => {
  const options = mainWindowOptions({ preloadPath: '/app/out/preload/index.cjs', dark: false })

  it('isolates and sandboxes the page, with no Node in it', () => {
    expect(options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    })
  })

  it('uses the given preload and stays hidden until ready-to-show', () => {
    expect(options.webPreferences?.preload).toBe('/app/out/preload/index.cjs')
    expect(options.show).toBe(false)
  })

  it('follows the OS theme for the background shown before the first paint', () => {
    expect(options.backgroundColor).toBe(BACKGROUND.light)
    expect(mainWindowOptions({ preloadPath: 'p', dark: true }).backgroundColor).toBe(BACKGROUND.dark)
    expect(backgroundFor(true)).not.toBe(backgroundFor(false))
  })
})

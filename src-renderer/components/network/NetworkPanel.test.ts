import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { createApp, nextTick, type App } from 'vue'
import { MAX_UNITS, useNetworkStore } from '../../stores/network.ts'
import NetworkPanel from './NetworkPanel.vue'

let app: App
let root: HTMLElement

beforeEach(() => {
  const pinia = createPinia()
  setActivePinia(pinia)
  root = document.createElement('div')
  document.body.append(root)
  app = createApp(NetworkPanel)
  app.use(pinia)
  app.mount(root)
})
afterEach(() => {
  app.unmount()
  root.remove()
})

describe('NetworkPanel', () => {
  it('shows the units a layer really has after an entry out of range, every time', async () => {
    const input = root.querySelector('input[aria-label="Units in hidden layer 1"]') as HTMLInputElement
    for (const typed of ['99', '0', '200']) {
      input.value = typed
      input.dispatchEvent(new Event('change'))
      await nextTick()
      const units = useNetworkStore().hidden[0].units
      expect(units).toBe(typed === '0' ? 1 : MAX_UNITS)
      expect(input.value).toBe(String(units))
    }
  })
})

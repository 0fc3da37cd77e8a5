import { afterEach, describe, it, expect } from 'vitest'
import { createApp, h, nextTick, ref, type App } from 'vue'
import ViewTabs from './ViewTabs.vue'

const TABS = [
  { id: 'studio', label: 'Studio' },
  { id: 'graph', label: 'Graph' },
  { id: 'lab', label: 'Expression lab' },
] as const
type Id = (typeof TABS)[number]['id']

let app: App | null = null
afterEach(() => {
  app?.unmount()
  document.body.replaceChildren()
})

function setup(start: Id = 'studio') {
  const current = ref<Id>(start)
  const root = document.createElement('div')
  document.body.append(root)
  app = createApp({
    render: () =>
      h(ViewTabs, {
        tabs: TABS,
        label: 'Views',
        modelValue: current.value,
        'onUpdate:modelValue': (v: Id) => (current.value = v),
      }),
  })
  app.mount(root)
  const tabs = () => Array.from(root.querySelectorAll<HTMLButtonElement>('[role="tab"]'))
  const key = async (i: number, k: string) => {
    tabs()[i].dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true }))
    await nextTick()
  }
  return { root, current, tabs, key }
}

describe('ViewTabs', () => {
  it('is a tablist: one tab selected and in the tab order, each controlling its view', () => {
    const { root, tabs } = setup('graph')
    expect(root.querySelector('[role="tablist"]')!.getAttribute('aria-label')).toBe('Views')
    expect(tabs().map((t) => [t.textContent!.trim(), t.getAttribute('aria-selected'), t.tabIndex])).toEqual([
      ['Studio', 'false', -1],
      ['Graph', 'true', 0],
      ['Expression lab', 'false', -1],
    ])
    expect(tabs()[2].getAttribute('aria-controls')).toBe('view-lab')
  })

  it('a click selects; arrow keys, Home and End move the selection and the focus, wrapping around', async () => {
    const { current, tabs, key } = setup()
    tabs()[2].click()
    await nextTick()
    expect(current.value).toBe('lab')
    await key(2, 'ArrowRight')
    expect(current.value).toBe('studio')
    expect(document.activeElement).toBe(tabs()[0])
    await key(0, 'ArrowLeft')
    expect(current.value).toBe('lab')
    await key(2, 'Home')
    expect(current.value).toBe('studio')
    await key(0, 'End')
    expect(current.value).toBe('lab')
    await key(2, 'a')
    expect(current.value).toBe('lab')
    expect(tabs()[2].getAttribute('aria-selected')).toBe('true')
  })
})

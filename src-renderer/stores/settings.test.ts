import { beforeEach, describe, expect, it } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { nextTick } from 'vue'
import { useSettingsStore } from './settings.ts'

beforeEach(() => setActivePinia(createPinia()))

describe('settings store', () => {
  it('follows the system unless a theme is chosen, and marks the page for the stylesheet', async () => {
    const settings = useSettingsStore()
    settings.systemDark = true
    expect(settings.dark).toBe(true)
    await nextTick()
    expect(document.documentElement.dataset.theme).toBeUndefined()
    settings.theme = 'light'
    await nextTick()
    expect(settings.dark).toBe(false)
    expect(document.documentElement.dataset.theme).toBe('light')
    settings.theme = 'dark'
    settings.systemDark = false
    await nextTick()
    expect(settings.dark).toBe(true)
    expect(document.documentElement.dataset.theme).toBe('dark')
  })
})

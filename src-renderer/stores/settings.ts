/** Look and feel: the theme follows the OS unless the learner picks one. */
import { defineStore } from 'pinia'
import { computed, ref, watchEffect } from 'vue'

export type ThemeChoice = 'system' | 'light' | 'dark'
export const THEME_CHOICES: readonly ThemeChoice[] = ['system', 'light', 'dark']

export const useSettingsStore = defineStore('settings', () => {
  const theme = ref<ThemeChoice>('system')
  const media = typeof matchMedia === 'function' ? matchMedia('(prefers-color-scheme: dark)') : null
  const systemDark = ref(media?.matches ?? false)
  media?.addEventListener('change', (e) => (systemDark.value = e.matches))

  const dark = computed(() => (theme.value === 'system' ? systemDark.value : theme.value === 'dark'))

  // The stylesheet keys its colours off this attribute; 'system' leaves it to the media query.
  watchEffect(() => {
    if (typeof document === 'undefined') return
    const root = document.documentElement
    if (theme.value === 'system') delete root.dataset.theme
    else root.dataset.theme = theme.value
  })

  return { theme, systemDark, dark }
})

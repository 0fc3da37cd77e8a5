import { createApp, watch } from 'vue'
import { createPinia } from 'pinia'
import App from './App.vue'
import { getApi } from './bridge/index.ts'
import { handleMenuCommand } from './document/menu-commands.ts'
import { useDocumentStore } from './stores/document.ts'
import { useSettingsStore } from './stores/settings.ts'
import { useTrainingStore } from './stores/training.ts'
import './styles.css'

const app = createApp(App)
app.use(createPinia())
app.mount('#app')

async function start() {
  const api = getApi()
  // Menu commands first: main holds files from the OS until the page's first document state.
  api.onMenuCommand((command) => void handleMenuCommand(command, api))
  const settings = useSettingsStore()
  watch(
    () => settings.theme,
    (theme) => void api.setTheme(theme).catch(() => {}),
    { immediate: true },
  )
  await useTrainingStore().connect(api)
  await useDocumentStore().start(api)
}

void start()

import { createApp } from 'vue'
import { createPinia } from 'pinia'
import App from './App.vue'
import { getApi } from './bridge/index.ts'
import { useTrainingStore } from './stores/training.ts'
import './styles.css'

const app = createApp(App)
app.use(createPinia())
app.mount('#app')
void useTrainingStore().connect(getApi())

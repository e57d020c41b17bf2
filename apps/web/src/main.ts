import { createPinia } from 'pinia'
import { createApp } from 'vue'
import { createAuthMiddleware } from './api/auth-middleware'
import { api } from './api/client'
import App from './app/App.vue'
import { createAppI18n } from './app/i18n'
import { initialLocale } from './app/locale'
import { createAppRouter } from './app/router'
import { useSessionStore } from './features/auth/store'
import './styles/index'

const pinia = createPinia()
const i18n = createAppI18n(initialLocale(globalThis.localStorage))
const app = createApp(App).use(pinia).use(i18n)

const session = useSessionStore(pinia)
api.use(
  createAuthMiddleware({
    getAccessToken: () => session.accessToken,
    refresh: () => session.refresh(),
  }),
)

app.use(createAppRouter(session))
app.mount('#app')

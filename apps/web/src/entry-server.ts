/**
 * The server's renderer for public pages (built with `vite build --ssr` into dist-server/, loaded by the API's
 * web-app plugin). It renders what an anonymous Dutch visitor sees, from data the API fetched itself; the
 * browser then hydrates that markup (main.ts) instead of building the page from nothing: the page paints
 * before any JavaScript has run, and reads without it.
 */
import { createPinia } from 'pinia'
import { createSSRApp } from 'vue'
import { createMemoryHistory } from 'vue-router'
import { renderToString } from 'vue/server-renderer'
import App from './app/App.vue'
import { createAppI18n, prepareRouteMessages } from './app/i18n'
import { formatDocumentTitle } from './app/page-title'
import { createAppRouter } from './app/router'
import { SERVER_STATE, serializeServerState, type ServerState } from './app/server-state'
import { useSessionStore } from './features/auth/store'

export { catalogueQuery } from './features/challenges/catalogue-query'

/** The routes the server renders; anything else is left to the browser. */
export const SERVER_RENDERED_ROUTES: ReadonlySet<string> = new Set(['challenges'])

export interface RenderedPage {
  /** The markup of `#app`. */
  html: string
  /** The document title, as App.vue sets it in the browser. */
  title: string
  /** The source modules of the components rendered: the API links their CSS and code (dist/.vite/ssr-manifest.json). */
  modules: string[]
  /** `state` as JSON safe inside the page's `<script type="application/json">`, for hydration (`readServerState`). */
  stateJson: string
}

/** Renders `url` with `state` (which the page's components take their data from); null when the route is not one the server renders. */
export async function render(url: string, state: ServerState): Promise<RenderedPage | null> {
  const pinia = createPinia()
  const i18n = createAppI18n()
  const app = createSSRApp(App).use(pinia).use(i18n)
  // A copy: the page takes its entries out of it, and the caller still puts the whole state in the page.
  app.provide(SERVER_STATE, { ...state })
  const router = createAppRouter(useSessionStore(pinia), { history: createMemoryHistory(), prepare: prepareRouteMessages(i18n.global) })
  app.use(router)
  await router.push(url)
  const route = router.currentRoute.value
  if (typeof route.name !== 'string' || !SERVER_RENDERED_ROUTES.has(route.name)) return null
  // @vitejs/plugin-vue's server build adds each rendered component's module to `modules`.
  const context: { modules?: Set<string> } = {}
  const html = await renderToString(app, context)
  const titleKey = route.meta.titleKey
  return { html, title: formatDocumentTitle(titleKey ? i18n.global.t(titleKey) : null), modules: [...(context.modules ?? [])], stateJson: serializeServerState(state) }
}

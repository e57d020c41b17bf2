import { inject, type InjectionKey } from 'vue'
import type { CatalogueQuery, ChallengePage } from '../features/challenges/types'

/**
 * What the server fetched to render a page (`entry-server.ts`), handed to the browser in the page so that
 * hydration renders from the very same data instead of fetching it again. Each entry is taken once: a
 * later visit to the page in the same tab loads fresh data.
 */
export interface ServerState {
  catalogue?: { query: CatalogueQuery; page: ChallengePage }
}

export const SERVER_STATE: InjectionKey<ServerState> = Symbol('server-state')

/** The id of the `<script type="application/json">` holding the state; index.html's guard script names it too. */
export const SERVER_STATE_ELEMENT_ID = 'opgave-state'

/** The state as JSON that is safe inside a `<script>` element: no `</script>`, no `<!--`. */
export function serializeServerState(state: ServerState): string {
  return JSON.stringify(state).replaceAll('<', '\\u003c').replaceAll('\u2028', '\\u2028').replaceAll('\u2029', '\\u2029')
}

/** The state the server put in this page, or null when the page was not server-rendered (or is rendered anew). */
export function readServerState(doc: Pick<Document, 'getElementById'>): ServerState | null {
  const text = doc.getElementById(SERVER_STATE_ELEMENT_ID)?.textContent
  if (!text) return null
  try {
    const state: unknown = JSON.parse(text)
    return typeof state === 'object' && state !== null ? (state as ServerState) : null
  } catch {
    return null
  }
}

const sameQuery = (a: CatalogueQuery, b: CatalogueQuery) => JSON.stringify(Object.entries(a).sort()) === JSON.stringify(Object.entries(b).sort())

/** The catalogue page the server rendered, if it was rendered for this query; taken once. */
export function takeServedCatalogue(state: ServerState, query: CatalogueQuery): ChallengePage | null {
  const served = state.catalogue
  if (served === undefined) return null
  delete state.catalogue
  return sameQuery(served.query, query) ? served.page : null
}

export const useServerState = (): ServerState => inject(SERVER_STATE, {})

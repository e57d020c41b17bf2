import createClient from 'openapi-fetch'
import type { paths } from './schema'
import { retryingFetch } from './retry'

export type ApiClient = ReturnType<typeof createApiClient>

export function createApiClient({
  baseUrl,
  fetch = (request: Request) => globalThis.fetch(request),
}: {
  baseUrl: string
  fetch?: (request: Request) => Promise<Response>
}) {
  // credentials: 'include' so the httpOnly refresh cookie travels with /auth/* calls.
  return createClient<paths>({ baseUrl, credentials: 'include', fetch })
}

/**
 * The one client the app uses; main.ts attaches the auth middleware once the session store exists.
 * A 503 after which the API did nothing (a busy or restarting database, a draining instance) is sent again.
 */
export const api = createApiClient({ baseUrl: '/api/v1', fetch: retryingFetch((request) => globalThis.fetch(request)) })

import createClient from 'openapi-fetch'
import type { paths } from './schema'

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

/** The one client the app uses; main.ts attaches the auth middleware once the session store exists. */
export const api = createApiClient({ baseUrl: '/api/v1' })

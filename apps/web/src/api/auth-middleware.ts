import type { Middleware } from 'openapi-fetch'

export interface AuthHooks {
  /** The access token lives only in memory (the session store); null when logged out. */
  getAccessToken(): string | null
  /** Exchanges the httpOnly refresh cookie for a new access token; true when that worked. */
  refresh(): Promise<boolean>
}

// These calls manage the session themselves: retrying them after a refresh would loop or double-submit.
const SESSION_PATHS = new Set(['/auth/login', '/auth/register', '/auth/refresh', '/auth/logout'])

/**
 * Adds the Bearer token and, when a call answers 401, refreshes once and repeats the call once.
 * The request is cloned before it is sent because fetch consumes its body.
 */
export function createAuthMiddleware(
  hooks: AuthHooks,
  send: (request: Request) => Promise<Response> = (request) => globalThis.fetch(request),
): Middleware {
  const pending = new Map<string, Request>()

  return {
    onRequest({ request, schemaPath, id }) {
      const token = hooks.getAccessToken()
      if (token !== null) request.headers.set('Authorization', `Bearer ${token}`)
      if (!SESSION_PATHS.has(schemaPath)) pending.set(id, request.clone())
      return request
    },
    async onResponse({ response, id }) {
      const original = pending.get(id)
      pending.delete(id)
      if (response.status !== 401 || original === undefined) return response
      if (!(await hooks.refresh())) return response
      const retry = new Request(original)
      const token = hooks.getAccessToken()
      if (token === null) retry.headers.delete('Authorization')
      else retry.headers.set('Authorization', `Bearer ${token}`)
      return send(retry)
    },
    onError({ id }) {
      pending.delete(id)
    },
  }
}

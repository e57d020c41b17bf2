export interface AccessMeta {
  requiresAuth?: boolean
  requiresPlatformAdmin?: boolean
  guestOnly?: boolean
}

export interface Viewer {
  isLoggedIn: boolean
  isPlatformAdmin: boolean
}

export type Access = 'allow' | 'login' | 'not-found' | 'leave'

/**
 * What the router does with a navigation. Pages a viewer may not see answer as "not found",
 * so the app does not reveal which admin pages exist.
 */
export function resolveAccess(meta: AccessMeta, viewer: Viewer): Access {
  if ((meta.requiresAuth === true || meta.requiresPlatformAdmin === true) && !viewer.isLoggedIn) return 'login'
  if (meta.requiresPlatformAdmin === true && !viewer.isPlatformAdmin) return 'not-found'
  if (meta.guestOnly === true && viewer.isLoggedIn) return 'leave'
  return 'allow'
}

export const DEFAULT_AFTER_LOGIN = '/organisaties'

/** Only same-origin paths are followed after logging in, so a crafted link cannot send users elsewhere. */
export function safeRedirect(value: unknown, fallback = DEFAULT_AFTER_LOGIN): string {
  if (typeof value !== 'string') return fallback
  if (!value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return fallback
  return value
}

import { START_LOCATION, createRouter, createWebHistory, type RouteLocationNormalized, type RouteRecordRaw, type Router, type RouterHistory, type RouterScrollBehavior } from 'vue-router'
import { adminRoutes } from '../features/admin/routes'
import { authRoutes } from '../features/auth/routes'
import { challengeRoutes } from '../features/challenges/routes'
import { homeRoutes } from '../features/home/routes'
import { invitationRoutes } from '../features/invitations/routes'
import { organisationRoutes } from '../features/organisations/routes'
import { profileRoutes } from '../features/profile/routes'
import { proposalRoutes } from '../features/proposals/routes'
import { questionRoutes } from '../features/questions/routes'
import { enterpriseRoutes } from '../features/enterprises/routes'
import { ssoRoutes } from '../features/sso/routes'
import { impactRoutes } from '../features/impact/routes'
import { showcaseRoutes } from '../features/showcase/routes'
import { pilotReportRoutes } from '../features/pilot-reports/routes'
import { partnerRoutes } from '../features/partners/routes'
import { juryRoutes } from '../features/jury/routes'
import { jurorRoutes } from '../features/juror/routes'
import { meetingRoutes } from '../features/meetings/routes'
import { guidanceRoutes } from '../features/guidance/routes'
import { advanceFlash } from './flash'
import { resolveAccess, safeRedirect, type Viewer } from './route-access'
import './route-meta'

export const routes: RouteRecordRaw[] = [
  ...homeRoutes,
  ...authRoutes,
  ...ssoRoutes,
  ...profileRoutes,
  ...organisationRoutes,
  ...invitationRoutes,
  ...adminRoutes,
  ...proposalRoutes,
  ...challengeRoutes,
  ...questionRoutes,
  ...enterpriseRoutes,
  ...impactRoutes,
  ...showcaseRoutes,
  ...pilotReportRoutes,
  ...meetingRoutes,
  ...partnerRoutes,
  ...juryRoutes,
  ...jurorRoutes,
  ...guidanceRoutes,
  {
    path: '/:pathMatch(.*)*',
    name: 'not-found',
    component: () => import('./views/NotFoundView.vue'),
    meta: { titleKey: 'notFound.title' },
  },
]

/**
 * Back and Forward (and a reload) return to where the reader was; a new page starts at the top. The first
 * page of a visit is already at the top: scrolling there would only force the browser to lay the page out
 * in the middle of rendering it (15–40 ms at load, bench/README round 10).
 */
export const scrollBehavior: RouterScrollBehavior = (_to, from, savedPosition) => savedPosition ?? (from === START_LOCATION ? false : { top: 0 })

export interface RouterSession extends Viewer {
  init(): Promise<void>
}

export interface AppRouterOptions {
  /** Work a page needs before it is entered (its messages: see `loadFeatureMessages`), after access is allowed. */
  prepare?: (to: RouteLocationNormalized) => Promise<void> | void
  /** The browser's history by default; the server renders with a memory history (`entry-server.ts`). */
  history?: RouterHistory
}

export function createAppRouter(session: RouterSession, { prepare, history = createWebHistory() }: AppRouterOptions = {}): Router {
  const router = createRouter({
    history,
    routes,
    scrollBehavior,
  })

  router.beforeEach(async (to) => {
    // The first navigation waits until the refresh cookie has been tried, so a reload of a
    // protected page does not bounce a logged-in user to the login page.
    await session.init()
    switch (resolveAccess(to.meta, session)) {
      case 'login':
        return { path: '/inloggen', query: { redirect: to.fullPath } }
      case 'not-found':
        return { name: 'not-found', params: { pathMatch: to.path.slice(1).split('/') }, query: to.query, replace: true }
      case 'leave':
        return { path: safeRedirect(to.query.redirect), replace: true }
      case 'allow':
        await prepare?.(to)
        return true
    }
  })

  router.afterEach((_to, _from, failure) => {
    if (failure === undefined) advanceFlash()
  })

  return router
}

import type { RouteRecordRaw } from 'vue-router'

export const ssoRoutes: RouteRecordRaw[] = [
  {
    // The API redirects here after a successful single sign-on (see WEB_SSO_LANDING in the API).
    path: '/inloggen/sso',
    name: 'sso-landing',
    component: () => import('./views/SsoLandingView.vue'),
    meta: { titleKey: 'sso.landing.title', guestOnly: true },
  },
  {
    path: '/organisaties/:organisationId/sso',
    name: 'sso-settings',
    component: () => import('./views/SsoSettingsView.vue'),
    props: true,
    meta: { titleKey: 'sso.settings.title', requiresAuth: true },
  },
]

import type { RouteRecordRaw } from 'vue-router'

// Public pages: the dashboard (and with it Chart.js) is only loaded when one of these is visited.
export const impactRoutes: RouteRecordRaw[] = [
  {
    path: '/gemeenten/:slug/impact',
    name: 'municipality-impact',
    component: () => import('./views/ImpactDashboardView.vue'),
    props: true,
    meta: { titleKey: 'impact.title' },
  },
  {
    path: '/impact',
    name: 'platform-impact',
    component: () => import('./views/ImpactDashboardView.vue'),
    meta: { titleKey: 'impact.titlePlatform' },
  },
]

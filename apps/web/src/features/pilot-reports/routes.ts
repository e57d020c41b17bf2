import type { RouteRecordRaw } from 'vue-router'

export const pilotReportRoutes: RouteRecordRaw[] = [
  {
    path: '/mijn-pilots',
    name: 'my-pilots',
    component: () => import('./views/MyPilotsView.vue'),
    meta: { titleKey: 'pilotReports.mine.title', requiresAuth: true },
  },
  {
    path: '/gemeente/:municipalityId/pilotrapportages',
    name: 'pilot-report-review',
    component: () => import('./views/ReviewView.vue'),
    props: true,
    meta: { titleKey: 'pilotReports.review.title', requiresAuth: true },
  },
]

import type { RouteRecordRaw } from 'vue-router'

export const adminRoutes: RouteRecordRaw[] = [
  {
    path: '/beheer/e-mails',
    name: 'admin-outbox',
    component: () => import('./views/OutboxView.vue'),
    meta: { titleKey: 'outbox.title', requiresPlatformAdmin: true },
  },
  {
    path: '/beheer/taken',
    name: 'admin-jobs',
    component: () => import('./views/JobsView.vue'),
    meta: { titleKey: 'jobs.title', requiresPlatformAdmin: true },
  },
]

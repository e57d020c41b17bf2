import type { RouteRecordRaw } from 'vue-router'

export const adminRoutes: RouteRecordRaw[] = [
  {
    path: '/beheer/e-mails',
    name: 'admin-outbox',
    component: () => import('./views/OutboxView.vue'),
    meta: { titleKey: 'outbox.title', requiresPlatformAdmin: true },
  },
]

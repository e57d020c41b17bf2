import type { RouteRecordRaw } from 'vue-router'

export const partnerRoutes: RouteRecordRaw[] = [
  {
    path: '/partners',
    name: 'partners',
    component: () => import('./views/PartnersView.vue'),
    meta: { titleKey: 'partners.title', requiresAuth: true },
  },
]

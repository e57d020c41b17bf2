import type { RouteRecordRaw } from 'vue-router'

export const profileRoutes: RouteRecordRaw[] = [
  {
    path: '/profiel',
    name: 'profile',
    component: () => import('./views/ProfileView.vue'),
    meta: { titleKey: 'profile.title', requiresAuth: true },
  },
]

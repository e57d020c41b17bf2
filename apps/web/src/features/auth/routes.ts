import type { RouteRecordRaw } from 'vue-router'

export const authRoutes: RouteRecordRaw[] = [
  {
    path: '/registreren',
    name: 'register',
    component: () => import('./views/RegisterView.vue'),
    meta: { titleKey: 'register.title', guestOnly: true },
  },
  {
    path: '/inloggen',
    name: 'login',
    component: () => import('./views/LoginView.vue'),
    meta: { titleKey: 'login.title', guestOnly: true },
  },
]

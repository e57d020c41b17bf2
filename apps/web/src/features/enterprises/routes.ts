import type { RouteRecordRaw } from 'vue-router'

export const enterpriseRoutes: RouteRecordRaw[] = [
  {
    path: '/organisaties/:organisationId/profiel',
    name: 'enterprise-profile',
    component: () => import('./views/EnterpriseProfileView.vue'),
    props: true,
    meta: { titleKey: 'enterprises.profile.title', requiresAuth: true },
  },
  {
    path: '/accountmanagement',
    name: 'account-management',
    component: () => import('./views/AccountManagementView.vue'),
    meta: { titleKey: 'accountManagement.title', requiresAuth: true },
  },
  {
    path: '/gemeente/:municipalityId/accountmanagement',
    name: 'account-manager-assignment',
    component: () => import('./views/AccountManagerAssignmentView.vue'),
    props: true,
    meta: { titleKey: 'accountManagement.assign.title', requiresAuth: true },
  },
  {
    path: '/gemeenten/:slug/routekaart',
    name: 'routekaart',
    component: () => import('./views/RoutekaartView.vue'),
    props: true,
    meta: { titleKey: 'routekaart.fallbackTitle' },
  },
  {
    path: '/gemeente/:municipalityId/routekaart',
    name: 'routekaart-editor',
    component: () => import('./views/RoutekaartEditorView.vue'),
    props: true,
    meta: { titleKey: 'routekaart.editor.title', requiresAuth: true },
  },
]

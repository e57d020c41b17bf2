import type { RouteRecordRaw } from 'vue-router'

export const organisationRoutes: RouteRecordRaw[] = [
  {
    path: '/organisaties',
    name: 'organisations',
    component: () => import('./views/OrganisationsView.vue'),
    meta: { titleKey: 'organisations.title', requiresAuth: true },
  },
  {
    path: '/organisaties/nieuw',
    name: 'organisation-create',
    component: () => import('./views/CreateOrganisationView.vue'),
    meta: { titleKey: 'createOrganisation.title', requiresAuth: true },
  },
  {
    path: '/organisaties/:organisationId',
    name: 'organisation',
    component: () => import('./views/OrganisationView.vue'),
    props: true,
    meta: { titleKey: 'organisation.title', requiresAuth: true },
  },
]

import type { RouteRecordRaw } from 'vue-router'

export const guidanceRoutes: RouteRecordRaw[] = [
  {
    path: '/gemeenten/:slug/gids',
    name: 'guidance-index',
    component: () => import('./views/GuidanceIndexView.vue'),
    props: true,
    meta: { titleKey: 'guidance.index.fallbackTitle' },
  },
  {
    path: '/gemeenten/:slug/gids/:page',
    name: 'guidance-page',
    component: () => import('./views/GuidancePageView.vue'),
    props: true,
    meta: { titleKey: 'guidance.page.fallbackTitle' },
  },
  {
    path: '/gemeente/:municipalityId/gids',
    name: 'guidance-staff',
    component: () => import('./views/GuidanceStaffView.vue'),
    props: true,
    meta: { titleKey: 'guidance.staff.title', requiresAuth: true },
  },
  {
    path: '/gemeente/:municipalityId/gids/nieuw',
    name: 'guidance-new',
    component: () => import('./views/GuidanceEditorView.vue'),
    props: true,
    meta: { titleKey: 'guidance.editor.newTitle', requiresAuth: true },
  },
  {
    path: '/gemeente/:municipalityId/gids/:pageId',
    name: 'guidance-edit',
    component: () => import('./views/GuidanceEditorView.vue'),
    props: true,
    meta: { titleKey: 'guidance.editor.editTitle', requiresAuth: true },
  },
]

import type { RouteRecordRaw } from 'vue-router'

export const challengeRoutes: RouteRecordRaw[] = [
  {
    path: '/uitdagingen',
    name: 'challenges',
    component: () => import('./views/CatalogueView.vue'),
    meta: { titleKey: 'challenges.catalogue.title' },
  },
  {
    path: '/uitdagingen/:challengeId',
    name: 'challenge',
    component: () => import('./views/ChallengeView.vue'),
    props: true,
    meta: { titleKey: 'challenges.page.title' },
  },
  {
    path: '/uitdagingen/:challengeId/bewerken',
    name: 'challenge-edit',
    component: () => import('./views/ChallengeEditorView.vue'),
    props: (route) => ({ challengeId: route.params.challengeId, municipalityId: null }),
    meta: { titleKey: 'challenges.editor.editTitle', requiresAuth: true },
  },
  {
    path: '/gemeente/:municipalityId/uitdagingen',
    name: 'municipality-challenges',
    component: () => import('./views/WorkspaceView.vue'),
    props: true,
    meta: { titleKey: 'challenges.workspace.title', requiresAuth: true },
  },
  {
    path: '/gemeente/:municipalityId/uitdagingen/nieuw',
    name: 'challenge-create',
    component: () => import('./views/ChallengeEditorView.vue'),
    props: (route) => ({ challengeId: null, municipalityId: route.params.municipalityId }),
    meta: { titleKey: 'challenges.editor.createTitle', requiresAuth: true },
  },
]

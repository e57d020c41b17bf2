import type { RouteRecordRaw } from 'vue-router'

export const proposalRoutes: RouteRecordRaw[] = [
  {
    path: '/mijn-voorstellen',
    name: 'my-proposals',
    component: () => import('./views/MyProposalsView.vue'),
    meta: { titleKey: 'proposals.mine.title', requiresAuth: true },
  },
  {
    path: '/voorstellen/:proposalId',
    name: 'proposal',
    component: () => import('./views/ProposalEditorView.vue'),
    props: true,
    meta: { titleKey: 'proposals.editor.title', requiresAuth: true },
  },
  {
    path: '/uitdagingen/:challengeId/voorstel-starten',
    name: 'proposal-start',
    component: () => import('./views/StartProposalView.vue'),
    props: true,
    meta: { titleKey: 'proposals.start.title', requiresAuth: true },
  },
  {
    path: '/gemeente/uitdagingen/:challengeId/voorstellen',
    name: 'challenge-proposals',
    component: () => import('./views/ChallengeProposalsView.vue'),
    props: true,
    meta: { titleKey: 'proposals.municipality.title', requiresAuth: true },
  },
]

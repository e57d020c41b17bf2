import type { RouteRecordRaw } from 'vue-router'

export const juryRoutes: RouteRecordRaw[] = [
  {
    path: '/gemeente/uitdagingen/:challengeId/jury',
    name: 'jury-setup',
    component: () => import('./views/JurySetupView.vue'),
    props: true,
    meta: { titleKey: 'jury.setup.title', requiresAuth: true },
  },
  {
    path: '/gemeente/uitdagingen/:challengeId/jury/rondes/:roundId',
    name: 'jury-round',
    component: () => import('./views/JuryRoundView.vue'),
    props: true,
    meta: { titleKey: 'jury.round.title', requiresAuth: true },
  },
  {
    path: '/gemeente/uitdagingen/:challengeId/jury/rondes/:roundId/rapport',
    name: 'jury-report',
    component: () => import('./views/JuryReportView.vue'),
    props: true,
    meta: { titleKey: 'jury.report.title', requiresAuth: true },
  },
  {
    path: '/uitdagingen/:challengeId/uitslag',
    name: 'challenge-results',
    component: () => import('./views/ChallengeResultsView.vue'),
    props: true,
    meta: { titleKey: 'jury.public.title' },
  },
  {
    path: '/voorstellen/:proposalId/feedback',
    name: 'proposal-feedback',
    component: () => import('./views/ProposalFeedbackView.vue'),
    props: true,
    meta: { titleKey: 'jury.feedback.title', requiresAuth: true },
  },
]

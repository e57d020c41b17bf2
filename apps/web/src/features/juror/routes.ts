import type { RouteRecordRaw } from 'vue-router'

/** The juror's screens: taking a jury seat, the inbox of assigned proposals, and the scorecard. */
export const jurorRoutes: RouteRecordRaw[] = [
  {
    path: '/jury-uitnodigingen/:token',
    name: 'jury-invitation',
    component: () => import('./views/JuryInvitationView.vue'),
    props: true,
    meta: { titleKey: 'juror.invitation.title' },
  },
  {
    path: '/jury',
    name: 'juror-inbox',
    component: () => import('./views/JurorInboxView.vue'),
    meta: { titleKey: 'juror.inbox.title', requiresAuth: true },
  },
  {
    path: '/jury/rondes/:roundId/voorstellen/:proposalId',
    name: 'juror-scoring',
    component: () => import('./views/ScoringView.vue'),
    props: true,
    meta: { titleKey: 'juror.scoring.title', requiresAuth: true },
  },
]

import type { RouteRecordRaw } from 'vue-router'

export const invitationRoutes: RouteRecordRaw[] = [
  {
    path: '/uitnodigingen/:token',
    name: 'invitation',
    component: () => import('./views/InvitationView.vue'),
    props: true,
    meta: { titleKey: 'invitation.title' },
  },
]

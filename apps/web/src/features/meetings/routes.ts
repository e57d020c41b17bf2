import type { RouteRecordRaw } from 'vue-router'

export const meetingRoutes: RouteRecordRaw[] = [
  {
    path: '/bijeenkomsten',
    name: 'meetings',
    component: () => import('./views/MeetingListView.vue'),
    meta: { titleKey: 'meetings.list.title' },
  },
  {
    path: '/bijeenkomsten/:meetingId',
    name: 'meeting',
    component: () => import('./views/MeetingView.vue'),
    props: true,
    meta: { titleKey: 'meetings.detail.title' },
  },
  {
    path: '/gemeente/:municipalityId/bijeenkomsten',
    name: 'municipality-meetings',
    component: () => import('./views/StaffMeetingsView.vue'),
    props: true,
    meta: { titleKey: 'meetings.staff.title', requiresAuth: true },
  },
  {
    path: '/gemeente/:municipalityId/bijeenkomsten/nieuw',
    name: 'meeting-create',
    component: () => import('./views/MeetingEditorView.vue'),
    props: (route) => ({ municipalityId: route.params.municipalityId, meetingId: null }),
    meta: { titleKey: 'meetings.editor.createTitle', requiresAuth: true },
  },
  {
    path: '/gemeente/:municipalityId/bijeenkomsten/:meetingId',
    name: 'meeting-manage',
    component: () => import('./views/MeetingManageView.vue'),
    props: true,
    meta: { titleKey: 'meetings.manage.title', requiresAuth: true },
  },
  {
    path: '/gemeente/:municipalityId/bijeenkomsten/:meetingId/bewerken',
    name: 'meeting-edit',
    component: () => import('./views/MeetingEditorView.vue'),
    props: true,
    meta: { titleKey: 'meetings.editor.editTitle', requiresAuth: true },
  },
]

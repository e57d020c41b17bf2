import type { RouteRecordRaw } from 'vue-router'

export const questionRoutes: RouteRecordRaw[] = [
  {
    path: '/uitdagingen/:challengeId/vragen',
    name: 'challenge-questions',
    component: () => import('./views/ChallengeQuestionsView.vue'),
    props: true,
    meta: { titleKey: 'questions.public.title' },
  },
  {
    path: '/gemeente/uitdagingen/:challengeId/vragen',
    name: 'question-inbox',
    component: () => import('./views/QuestionInboxView.vue'),
    props: true,
    meta: { titleKey: 'questions.inbox.title', requiresAuth: true },
  },
  {
    path: '/mijn-vragen',
    name: 'my-questions',
    component: () => import('./views/MyQuestionsView.vue'),
    meta: { titleKey: 'questions.mine.title', requiresAuth: true },
  },
]

import type { RouteRecordRaw } from 'vue-router'

export const showcaseRoutes: RouteRecordRaw[] = [
  {
    path: '/inspirerende-voorbeelden',
    name: 'showcase',
    component: () => import('./views/ShowcaseView.vue'),
    meta: { titleKey: 'showcase.title' },
  },
  {
    // The API serves this URL with Open Graph tags in the HTML (modules/showcase/showcase.page.ts).
    path: '/inspirerende-voorbeelden/:id',
    name: 'showcase-item',
    component: () => import('./views/ShowcaseItemView.vue'),
    props: true,
    meta: { titleKey: 'showcase.title' },
  },
]

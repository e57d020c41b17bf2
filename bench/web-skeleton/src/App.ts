import { defineComponent, h } from 'vue'
import { RouterLink, RouterView } from 'vue-router'

export default defineComponent({
  setup: () => () => h('div', [h('nav', [h(RouterLink, { to: '/' }, () => 'Home'), ' ', h(RouterLink, { to: '/about' }, () => 'About')]), h(RouterView)]),
})

import { defineComponent, h } from 'vue'

export default defineComponent({ setup: () => () => h('main', [h('h1', 'About')]) })

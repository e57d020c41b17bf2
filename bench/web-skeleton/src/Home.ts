import { defineComponent, h } from 'vue'
import { useCounter } from './counter'

export default defineComponent({
  setup() {
    const counter = useCounter()
    return () => h('main', [h('h1', 'Home'), h('button', { onClick: () => counter.increment() }, `count ${counter.count}`)])
  },
})

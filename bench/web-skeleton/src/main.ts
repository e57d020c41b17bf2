// The baseline of benchmark 6: what create-vue gives with vue-router and Pinia (a home view in the
// entry, an about view split off), so the app's initial JavaScript has a fair floor to compare with.
import { createApp } from 'vue'
import { createPinia } from 'pinia'
import { createRouter, createWebHistory } from 'vue-router'
import App from './App'
import Home from './Home'

const router = createRouter({
  history: createWebHistory(),
  routes: [
    { path: '/', component: Home },
    { path: '/about', component: () => import('./About') },
  ],
})

createApp(App).use(createPinia()).use(router).mount('#app')

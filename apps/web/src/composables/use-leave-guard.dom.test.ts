// @vitest-environment happy-dom
/* eslint-disable vue/one-component-per-file -- the test's own two throwaway screens and app */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createApp, defineComponent, h, ref, type App } from 'vue'
import { createI18n } from 'vue-i18n'
import { createMemoryHistory, createRouter, RouterView, type Router } from 'vue-router'
import { guardedForms, useLeaveGuard } from './use-leave-guard'

// The guard wired into a real router and component: which navigations ask, and logging out.
const typed = ref('')
const Form = defineComponent({
  setup() {
    useLeaveGuard(() => typed.value !== '')
    return () => h('form', typed.value)
  },
})
const Elsewhere = defineComponent({ render: () => h('p', 'elsewhere') })

let app: App
let router: Router
let confirm: ReturnType<typeof vi.fn<() => boolean>>

beforeEach(async () => {
  typed.value = ''
  confirm = vi.fn(() => false)
  window.confirm = confirm
  router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/gemeente/:municipalityId/gids/:pageId', component: Form },
      { path: '/elders', component: Elsewhere },
    ],
  })
  const i18n = createI18n({ legacy: false, locale: 'nl', messages: { nl: { common: { unsavedChanges: 'Niet opgeslagen. Toch weggaan?' } } } })
  // Started before it is installed, so that installing does not navigate to the memory history's empty path.
  await router.push('/gemeente/1/gids/a')
  app = createApp({ render: () => h(RouterView) })
  app.use(router).use(i18n)
  app.mount(document.createElement('div'))
  await router.isReady()
})

afterEach(() => app.unmount())

describe('useLeaveGuard in a router', () => {
  it('asks before leaving the page with unsaved edits, in the page language, and stays when declined', async () => {
    typed.value = 'Nieuwe tekst'
    await router.push('/elders')
    expect(confirm).toHaveBeenCalledWith('Niet opgeslagen. Toch weggaan?')
    expect(router.currentRoute.value.path).toBe('/gemeente/1/gids/a')
  })

  it('asks when the same screen opens another object (the path changes), not when only the query does', async () => {
    typed.value = 'Nieuwe tekst'
    await router.push('/gemeente/2/gids/a')
    expect(confirm).toHaveBeenCalledTimes(1)
    expect(router.currentRoute.value.path).toBe('/gemeente/1/gids/a')
    await router.push('/gemeente/1/gids/a?tab=voorbeeld')
    expect(confirm).toHaveBeenCalledTimes(1)
    expect(router.currentRoute.value.fullPath).toBe('/gemeente/1/gids/a?tab=voorbeeld')
    confirm.mockReturnValue(true)
    await router.push('/gemeente/2/gids/a')
    expect(router.currentRoute.value.path).toBe('/gemeente/2/gids/a')
  })

  it('logging out asks once, and its navigation then goes through without asking again', async () => {
    typed.value = 'Nieuwe tekst'
    const leave = async () => {
      await router.push('/elders')
    }
    expect(await guardedForms.leaveAskingFirst(leave, () => window.confirm('?'))).toBe(false)
    expect(router.currentRoute.value.path).toBe('/gemeente/1/gids/a')
    confirm.mockReturnValue(true)
    expect(await guardedForms.leaveAskingFirst(leave, () => window.confirm('?'))).toBe(true)
    expect(confirm).toHaveBeenCalledTimes(2)
    expect(router.currentRoute.value.path).toBe('/elders')
    // The form is off screen now: it no longer counts.
    confirm.mockClear()
    expect(await guardedForms.leaveAskingFirst(async () => undefined, () => window.confirm('?'))).toBe(true)
    expect(confirm).not.toHaveBeenCalled()
  })
})

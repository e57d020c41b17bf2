import { useI18n } from 'vue-i18n'
import { useRouter, type RouteLocationRaw } from 'vue-router'
import { flashOnNextPage } from '../../app/flash'
import { guardedForms } from '../../composables/use-leave-guard'
import { useSessionStore } from './store'

/**
 * Logging out from a screen: end the session, say so on the next page, and go there. A form on screen with
 * unsaved edits asks first, as leaving it by a link does; staying keeps the user logged in on it.
 */
export function useLogOut() {
  const session = useSessionStore()
  const router = useRouter()
  const { t } = useI18n()
  return (to: RouteLocationRaw): Promise<boolean> =>
    guardedForms.leaveAskingFirst(
      async () => {
        await session.logout()
        flashOnNextPage({ key: 'layout.loggedOut' })
        await router.push(to)
      },
      () => window.confirm(t('common.unsavedChanges')),
    )
}

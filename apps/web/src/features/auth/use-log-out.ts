import { useRouter, type RouteLocationRaw } from 'vue-router'
import { flashOnNextPage } from '../../app/flash'
import { useSessionStore } from './store'

/** Logging out from a screen: end the session, say so on the next page, and go there. */
export function useLogOut() {
  const session = useSessionStore()
  const router = useRouter()
  return async (to: RouteLocationRaw) => {
    await session.logout()
    flashOnNextPage({ key: 'layout.loggedOut' })
    await router.push(to)
  }
}

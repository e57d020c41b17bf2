import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import { api } from '../../api/client'
import type { LoginBody, Locale, Me, RegisterBody, SessionResponse, UpdateMeBody } from '../../api/types'
import { singleFlight } from '../../composables/single-flight'

/**
 * Who is logged in. The access token is kept in memory only (never in storage, out of reach of
 * injected scripts that survive a reload); the refresh token is an httpOnly cookie the API sets.
 */
/**
 * A hint (not a secret) that this browser holds a session cookie, so anonymous visitors don't
 * send a refresh request that can only fail on every page load.
 */
export const SESSION_HINT = 'opgave.hasSession'
const sessionHint = {
  get: () => globalThis.localStorage?.getItem(SESSION_HINT) === '1',
  set: (on: boolean) => (on ? globalThis.localStorage?.setItem(SESSION_HINT, '1') : globalThis.localStorage?.removeItem(SESSION_HINT)),
}

export const useSessionStore = defineStore('session', () => {
  const accessToken = ref<string | null>(null)
  const user = shallowRef<Me | null>(null)
  const ready = ref(false)
  /** Set when a session ends without the user logging out, so the app can say why. */
  const expired = ref(false)

  const isLoggedIn = computed(() => accessToken.value !== null && user.value !== null)
  const isPlatformAdmin = computed(() => user.value?.isPlatformAdmin === true)
  /** The enterprises the user belongs to: entrepreneurs' screens and menu entries depend on them. */
  const enterpriseMemberships = computed(() => (user.value?.memberships ?? []).filter((m) => m.organisationKind === 'enterprise'))

  function start(session: SessionResponse) {
    accessToken.value = session.accessToken
    user.value = session.user
    expired.value = false
    sessionHint.set(true)
  }

  function end({ expired: wasExpired }: { expired: boolean }) {
    const hadSession = accessToken.value !== null
    accessToken.value = null
    user.value = null
    expired.value = wasExpired && hadSession
    sessionHint.set(false)
  }

  const refresh = singleFlight(async (): Promise<boolean> => {
    try {
      const { data } = await api.POST('/auth/refresh')
      if (data === undefined) {
        end({ expired: true })
        return false
      }
      start(data)
      return true
    } catch {
      // Network failure: keep no half-session; the cookie may still be good, so try again next load.
      end({ expired: false })
      sessionHint.set(true)
      return false
    }
  })

  let initialising: Promise<void> | null = null
  /** Restores a session from the refresh cookie once per page load; the router waits for it. */
  function init(): Promise<void> {
    initialising ??= (sessionHint.get() ? refresh() : Promise.resolve(false)).then(() => {
      ready.value = true
    })
    return initialising
  }

  async function login(body: LoginBody) {
    const result = await api.POST('/auth/login', { body })
    if (result.data !== undefined) start(result.data)
    return result
  }

  async function register(body: RegisterBody) {
    const result = await api.POST('/auth/register', { body })
    if (result.data !== undefined) start(result.data)
    return result
  }

  async function logout() {
    try {
      await api.POST('/auth/logout')
    } finally {
      end({ expired: false })
    }
  }

  async function updateMe(body: UpdateMeBody) {
    const result = await api.PATCH('/me', { body })
    if (result.data !== undefined) user.value = result.data
    return result
  }

  async function setLocale(locale: Locale) {
    if (!isLoggedIn.value || user.value?.locale === locale) return
    await updateMe({ locale })
  }

  /** After something changed the user's memberships (created an organisation, accepted an invitation). */
  async function reloadMe() {
    const { data } = await api.GET('/me')
    if (data !== undefined) user.value = data
  }

  function setUser(me: Me) {
    user.value = me
  }

  return {
    accessToken,
    user,
    ready,
    expired,
    isLoggedIn,
    isPlatformAdmin,
    enterpriseMemberships,
    init,
    refresh,
    login,
    register,
    logout,
    updateMe,
    setLocale,
    reloadMe,
    setUser,
  }
})

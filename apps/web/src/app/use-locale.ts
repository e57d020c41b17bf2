import { computed, watch } from 'vue'
import { useI18n } from 'vue-i18n'
import { useSessionStore } from '../features/auth/store'
import { loadLocaleMessages } from './i18n'
import { isAppLocale, rememberLocale, type AppLocale } from './locale'

export function useLocale() {
  const composer = useI18n({ useScope: 'global' })
  const { locale } = composer
  const session = useSessionStore()
  const current = computed<AppLocale>(() => (isAppLocale(locale.value) ? locale.value : 'nl'))

  /** Switches once the language's messages are loaded (English is a chunk of its own). */
  async function apply(next: AppLocale) {
    await loadLocaleMessages(composer, next)
    locale.value = next
    rememberLocale(globalThis.localStorage, next)
  }

  /** The visitor's explicit choice: applied at once, and saved to the account when logged in. */
  async function choose(next: AppLocale) {
    try {
      await apply(next)
    } catch {
      // The language's messages could not be fetched (offline): stay in the current language.
      return
    }
    try {
      await session.setLocale(next)
    } catch {
      // The page already switched; saving the preference can be retried from the profile page.
    }
  }

  /** Keeps `<html lang>` in step and adopts the language saved in the account when someone logs in. */
  function syncWithDocumentAndAccount() {
    watch(
      current,
      (value) => {
        // The server renders Dutch pages only, with index.html's lang="nl".
        if (!import.meta.env.SSR) document.documentElement.lang = value
      },
      { immediate: true },
    )
    // Immediate: the app is mounted after the first navigation, so the session may already be known.
    watch(
      () => session.user?.locale,
      (saved) => {
        if (isAppLocale(saved) && saved !== current.value) void apply(saved).catch(() => undefined)
      },
      { immediate: true },
    )
  }

  return { locale: current, apply, choose, syncWithDocumentAndAccount }
}

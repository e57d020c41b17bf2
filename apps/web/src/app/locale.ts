export const SUPPORTED_LOCALES = ['nl', 'en'] as const
export type AppLocale = (typeof SUPPORTED_LOCALES)[number]
export const DEFAULT_LOCALE: AppLocale = 'nl'
export const LOCALE_STORAGE_KEY = 'opgave.locale'

/** Each language named in itself, so a reader finds their own language whatever the page language is. */
export const LOCALE_NAMES: Record<AppLocale, string> = { nl: 'Nederlands', en: 'English' }

export function isAppLocale(value: unknown): value is AppLocale {
  return typeof value === 'string' && (SUPPORTED_LOCALES as readonly string[]).includes(value)
}

/** Dutch unless the visitor chose otherwise earlier on this device. */
export function initialLocale(storage: Pick<Storage, 'getItem'> | undefined): AppLocale {
  try {
    const stored = storage?.getItem(LOCALE_STORAGE_KEY)
    return isAppLocale(stored) ? stored : DEFAULT_LOCALE
  } catch {
    // Storage can throw when the browser blocks it (private mode, sandboxed frames).
    return DEFAULT_LOCALE
  }
}

export function rememberLocale(storage: Pick<Storage, 'setItem'> | undefined, locale: AppLocale): void {
  try {
    storage?.setItem(LOCALE_STORAGE_KEY, locale)
  } catch {
    // Not remembering the choice is acceptable; the current page still switches.
  }
}

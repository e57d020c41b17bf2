import { createI18n } from 'vue-i18n'
import nl from '../i18n/nl.json'
import { DEFAULT_LOCALE, type AppLocale } from './locale'

export type MessageSchema = typeof nl

/**
 * Dutch (the default and the fallback) is in the initial bundle; English is a chunk of its own,
 * loaded before the app switches to it (`loadLocaleMessages`), so the first page parses one language.
 */
export function createAppI18n() {
  return createI18n<[MessageSchema], AppLocale, false>({
    legacy: false,
    locale: DEFAULT_LOCALE,
    fallbackLocale: DEFAULT_LOCALE,
    messages: { nl } as Record<AppLocale, MessageSchema>,
    datetimeFormats: {
      nl: {
        date: { year: 'numeric', month: 'long', day: 'numeric' },
        dateTime: { year: 'numeric', month: 'long', day: 'numeric', hour: '2-digit', minute: '2-digit' },
      },
      en: {
        date: { year: 'numeric', month: 'long', day: 'numeric' },
        dateTime: { year: 'numeric', month: 'long', day: 'numeric', hour: '2-digit', minute: '2-digit' },
      },
    },
  })
}

export type AppI18n = ReturnType<typeof createAppI18n>

const loaders: Record<AppLocale, () => Promise<MessageSchema>> = {
  nl: async () => nl,
  en: async () => (await import('../i18n/en.json')).default,
}

/** Makes sure a language's messages are there (fetching its chunk once) before it is switched to. */
export async function loadLocaleMessages(composer: { availableLocales: readonly string[]; setLocaleMessage: (locale: AppLocale, messages: MessageSchema) => void }, locale: AppLocale): Promise<void> {
  if (composer.availableLocales.includes(locale)) return
  composer.setLocaleMessage(locale, await loaders[locale]())
}

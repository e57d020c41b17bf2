import { createI18n } from 'vue-i18n'
import en from '../i18n/en.json'
import nl from '../i18n/nl.json'
import { DEFAULT_LOCALE, type AppLocale } from './locale'

export type MessageSchema = typeof nl

export function createAppI18n(locale: AppLocale) {
  return createI18n<[MessageSchema], AppLocale, false>({
    legacy: false,
    locale,
    fallbackLocale: DEFAULT_LOCALE,
    messages: { nl, en },
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

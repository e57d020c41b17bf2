import { createI18n } from 'vue-i18n'
import nl from '../i18n/nl.json'
import type nlFeatures from '../i18n/nl.features.json'
import { DEFAULT_LOCALE, type AppLocale } from './locale'

export type MessageSchema = typeof nl & typeof nlFeatures

/**
 * Each language is two files: `<lang>.json`, the shell's and the public pages' messages (what the catalogue
 * needs), and `<lang>.features.json`, the rest (jury, proposals, meetings…): three quarters of the text.
 * Only Dutch's first file is in the initial bundle; Dutch's features are fetched before the router enters a
 * page outside `CORE_MESSAGE_ROUTES` (`loadFeatureMessages`), and English, whole, before switching to it.
 */
export function createAppI18n() {
  return createI18n<[MessageSchema], AppLocale, false>({
    legacy: false,
    locale: DEFAULT_LOCALE,
    fallbackLocale: DEFAULT_LOCALE,
    messages: { nl } as unknown as Record<AppLocale, MessageSchema>,
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

type MessageFile = Record<string, unknown>

const loaders: Record<AppLocale, { core: () => Promise<MessageFile>; features: () => Promise<MessageFile> }> = {
  nl: { core: async () => nl, features: async () => (await import('../i18n/nl.features.json')).default },
  en: { core: async () => (await import('../i18n/en.json')).default, features: async () => (await import('../i18n/en.features.json')).default },
}

/** Route names whose pages (and the shell around them) use only the first message file: see the test. */
export const CORE_MESSAGE_ROUTES: ReadonlySet<string> = new Set(['home', 'challenges', 'not-found'])

/** A namespace of the features file: present once that file has been merged in. */
const FEATURES_MARKER = 'jury'

interface MessageComposer {
  getLocaleMessage(locale: AppLocale): object
  mergeLocaleMessage(locale: AppLocale, messages: MessageFile): void
}

/** Makes sure a language's features file is merged in (fetching its chunk once). */
export async function loadFeatureMessages(composer: MessageComposer, locale: AppLocale): Promise<void> {
  if (FEATURES_MARKER in composer.getLocaleMessage(locale)) return
  composer.mergeLocaleMessage(locale, await loaders[locale].features())
}

/** Makes sure all of a language's messages are there (fetching its chunks once) before it is switched to. */
export async function loadLocaleMessages(composer: MessageComposer & { availableLocales: readonly string[] }, locale: AppLocale): Promise<void> {
  const [core, features] = await Promise.all([
    composer.availableLocales.includes(locale) ? null : loaders[locale].core(),
    FEATURES_MARKER in composer.getLocaleMessage(locale) ? null : loaders[locale].features(),
  ])
  if (core) composer.mergeLocaleMessage(locale, core)
  if (features) composer.mergeLocaleMessage(locale, features)
}

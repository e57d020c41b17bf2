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
    // Dutch's features file is merged in later (loadFeatureMessages): the schema types the whole.
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

/** Whether entering a route must wait for its language's features file. */
export const needsFeatureMessages = (routeName: unknown) => !(typeof routeName === 'string' && CORE_MESSAGE_ROUTES.has(routeName))

/** A namespace of each file: present once that file has been merged into a language. */
const MARKERS = { core: 'app', features: 'jury' } as const

interface MessageComposer {
  getLocaleMessage(locale: AppLocale): object
  mergeLocaleMessage(locale: AppLocale, messages: MessageFile): void
}

/** Merges one of a language's two files in, unless it is there (fetching its chunk once). */
async function ensureMessageFile(composer: MessageComposer, locale: AppLocale, file: keyof typeof MARKERS): Promise<void> {
  if (MARKERS[file] in composer.getLocaleMessage(locale)) return
  composer.mergeLocaleMessage(locale, await loaders[locale][file]())
}

/** Makes sure a language's features file is merged in: before the router enters a page outside the core routes. */
export const loadFeatureMessages = (composer: MessageComposer, locale: AppLocale) => ensureMessageFile(composer, locale, 'features')

/** The router's `prepare` step: before a page outside the core routes, the current language's features file. */
export const prepareRouteMessages =
  (composer: MessageComposer & { locale: { value: AppLocale } }) =>
  (to: { name?: unknown }): Promise<void> | undefined =>
    needsFeatureMessages(to.name) ? loadFeatureMessages(composer, composer.locale.value) : undefined

/** Makes sure all of a language's messages are there before it is switched to. */
export async function loadLocaleMessages(composer: MessageComposer, locale: AppLocale): Promise<void> {
  await Promise.all([ensureMessageFile(composer, locale, 'core'), ensureMessageFile(composer, locale, 'features')])
}

// Building an Intl formatter costs far more than using one: the catalogue built a DateTimeFormat per
// card and date, 166 ms of its load at 4× CPU slowdown (bench/README, round 4). Each language ×
// options gets one formatter, built on first use and kept for the page's life (a handful in all).

/** The Intl locale for an app language: British English, Dutch as written in the Netherlands. */
export const intlLocale = (locale: string): string => (locale === 'en' ? 'en-GB' : 'nl-NL')

const formatters = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat | Intl.ListFormat>()

function cached<T extends Intl.DateTimeFormat | Intl.NumberFormat | Intl.ListFormat>(kind: string, locale: string, options: object, build: (intl: string) => T): T {
  const key = `${kind}|${locale}|${JSON.stringify(options)}`
  let formatter = formatters.get(key) as T | undefined
  if (!formatter) {
    formatter = build(intlLocale(locale))
    formatters.set(key, formatter)
  }
  return formatter
}

export const dateTimeFormat = (locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat =>
  cached('date', locale, options, (intl) => new Intl.DateTimeFormat(intl, options))

export const numberFormat = (locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat =>
  cached('number', locale, options, (intl) => new Intl.NumberFormat(intl, options))

export const listFormat = (locale: string, options: Intl.ListFormatOptions): Intl.ListFormat =>
  cached('list', locale, options, (intl) => new Intl.ListFormat(intl, options))

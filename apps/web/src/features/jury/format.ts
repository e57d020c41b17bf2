const intlLocale = (locale: string) => (locale === 'en' ? 'en-GB' : 'nl-NL')

// Building an Intl formatter costs far more than using one; a ranking page formats thousands of
// numbers (bench 6c), so each locale × precision gets one formatter.
const numberFormats = new Map<string, Intl.NumberFormat>()

/** Numbers as the reader's language writes them (12,5 in Dutch, 12.5 in English), fixed decimals. */
export function formatNumber(value: number, locale: string, decimals = 2): string {
  const key = `${locale}:${decimals}`
  let format = numberFormats.get(key)
  if (!format) {
    format = new Intl.NumberFormat(intlLocale(locale), { minimumFractionDigits: decimals, maximumFractionDigits: decimals })
    numberFormats.set(key, format)
  }
  return format.format(value)
}

const dateTimeFormats = new Map<string, Intl.DateTimeFormat>()

export function formatDateTime(iso: string, locale: string): string {
  let format = dateTimeFormats.get(locale)
  if (!format) {
    format = new Intl.DateTimeFormat(intlLocale(locale), { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Amsterdam' })
    dateTimeFormats.set(locale, format)
  }
  return format.format(new Date(iso))
}

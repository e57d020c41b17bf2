import { dateTimeFormat, numberFormat } from '../../app/intl-formats'

/** Numbers as the reader's language writes them (12,5 in Dutch, 12.5 in English), fixed decimals. */
export function formatNumber(value: number, locale: string, decimals = 2): string {
  return numberFormat(locale, { minimumFractionDigits: decimals, maximumFractionDigits: decimals }).format(value)
}

export function formatDateTime(iso: string, locale: string): string {
  return dateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Amsterdam' }).format(new Date(iso))
}

/**
 * How the API writes dates, numbers and money in Dutch texts (mails, the printable nota van inlichtingen):
 * always in Dutch time, whatever the server's own zone. One formatter each, built once.
 */
const dateTime = new Intl.DateTimeFormat('nl-NL', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Amsterdam' })
const decimal = new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 2 })
const wholeEuros = new Intl.NumberFormat('nl-NL', { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 })
const euros = new Intl.NumberFormat('nl-NL', { style: 'currency', currency: 'EUR' })

/** "30 december 2026 om 12:00". */
export const dutchDateTime = (at: Date | string): string => dateTime.format(typeof at === 'string' ? new Date(at) : at)

/** "7,5"; at most two decimals. */
export const dutchNumber = (value: number): string => decimal.format(value)

/** "€ 25.000" for whole amounts, "€ 30.000,50" with cents (a no-break space after the sign, as Intl writes it). */
export const dutchEuros = (cents: number): string => (cents % 100 === 0 ? wholeEuros : euros).format(cents / 100)

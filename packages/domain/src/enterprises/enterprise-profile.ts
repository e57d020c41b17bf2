/**
 * Rules for an enterprise's profile that both the API and the forms apply.
 *
 * Art. 2.82 Aanbestedingswet 2012 lets a contracting authority reserve a contract for
 * organisations of which at least 30 % of the staff are people with a distance to the labour
 * market. The share is self-declared on the profile; the proposals module checks it when an
 * enterprise applies to a reserved challenge.
 */
export const ART_282_MIN_PERCENT = 30

export const legalForms = ['eenmanszaak', 'vof', 'bv', 'nv', 'stichting', 'vereniging', 'cooperatie', 'other'] as const
export type LegalForm = (typeof legalForms)[number]

export const isLegalForm = (value: unknown): value is LegalForm => typeof value === 'string' && (legalForms as readonly string[]).includes(value)

/** A declared percentage qualifies under Art. 2.82 only when it is a whole number from 30 up to 100. Unknown (null) never qualifies. */
export function isEligibleForArt282(percent: number | null | undefined): boolean {
  return isValidLabourMarketPercent(percent) && percent >= ART_282_MIN_PERCENT
}

export function isValidLabourMarketPercent(percent: unknown): percent is number {
  return typeof percent === 'number' && Number.isInteger(percent) && percent >= 0 && percent <= 100
}

/**
 * KvK numbers are exactly 8 digits. They carry no public check digit (unlike the old
 * 11-proof bank numbers), so anything stricter would refuse real numbers.
 */
export function isValidKvkNumber(value: unknown): value is string {
  return typeof value === 'string' && /^[0-9]{8}$/.test(value)
}

/** Only absolute http(s) URLs: a profile link must never become `javascript:` or `data:` in someone's browser. */
export function isSafeWebsiteUrl(value: unknown): value is string {
  if (typeof value !== 'string' || value.length > 500) return false
  let url: URL
  try {
    url = new URL(value)
  } catch {
    return false
  }
  return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname.includes('.') && url.username === '' && url.password === ''
}

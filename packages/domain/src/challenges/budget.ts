/** Money on the wire is euros with at most two decimals; in storage and arithmetic it is whole cents. */

export const MAX_EUROS = 10_000_000_000

/**
 * Euros → cents, or undefined when the amount is negative, not finite, too large, or has more than
 * two decimals (0.1 + 0.2 style float noise within a millionth of a cent is tolerated).
 */
export function eurosToCents(amount: number): number | undefined {
  if (!Number.isFinite(amount) || amount < 0 || amount > MAX_EUROS) return undefined
  const cents = Math.round(amount * 100)
  if (Math.abs(amount * 100 - cents) > 1e-6) return undefined
  return cents
}

export const centsToEuros = (cents: number) => cents / 100

/** The derived total of a challenge's budget lines; never stored, so it cannot drift from the lines. */
export function budgetTotalCents(lines: readonly { readonly amountCents: number }[]): number {
  return lines.reduce((sum, line) => sum + line.amountCents, 0)
}

/** Percentages with at most two decimals between 0 and 100 (social return, numeric(5,2) in storage). */
export function isValidPercent(value: number): boolean {
  return Number.isFinite(value) && value >= 0 && value <= 100 && Math.abs(value * 100 - Math.round(value * 100)) <= 1e-6
}

/**
 * Reads a number as people type it in a Dutch form: "30.000" is thirty thousand, "1.250,50" and
 * "1250,5" have a decimal comma, "12.50" (two decimals after a dot) is read as a decimal too.
 * Anything else is refused rather than guessed: a silent ×1000 mistake in a budget is worse than an error.
 * Returns null for empty input and undefined for input that is not a number.
 */
export function parseDutchNumber(text: string): number | null | undefined {
  const compact = text.replace(/[\s\u00a0€]/g, '')
  if (compact === '') return null
  let normalised: string | null = null
  if (/^-?\d{1,3}(\.\d{3})*(,\d+)?$/.test(compact) || /^-?\d+(,\d+)?$/.test(compact)) {
    normalised = compact.replaceAll('.', '').replace(',', '.')
  } else if (/^-?\d+\.\d{1,2}$/.test(compact)) {
    normalised = compact
  }
  return normalised === null ? undefined : Number(normalised)
}

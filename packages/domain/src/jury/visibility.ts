/**
 * What a juror may see. Kept pure so the API and the tests share one definition.
 */

/**
 * Other jurors' scores stay hidden until the juror has submitted their own scorecard for that
 * proposal AND the chair opened deliberation: nobody anchors on someone else's numbers.
 */
export function mayJurorSeeOtherScores({ ownScorecardSubmitted, deliberationOpen }: { ownScorecardSubmitted: boolean; deliberationOpen: boolean }): boolean {
  return ownScorecardSubmitted && deliberationOpen
}

export const REDACTED = '[verborgen]'

/**
 * Blind review: removes applicant identity from any JSON value shown to a juror.
 *
 * Two passes, because identity leaks in two ways: structured fields (drop every key in
 * `hiddenKeys`, at any depth) and free text that names the applicant (every occurrence of an
 * identity term — organisation names, ids, member names and emails — is replaced as a whole word,
 * case-insensitive).
 * Terms shorter than 3 characters are ignored: replacing "BV" everywhere would mangle the text.
 */
export function redactIdentity<T>({ value, hiddenKeys, identityTerms }: { value: T; hiddenKeys: readonly string[]; identityTerms: readonly string[] }): T {
  const keys = new Set(hiddenKeys)
  const terms = [...new Set(identityTerms.map((t) => t.trim()).filter((t) => t.length >= 3))].sort((a, b) => b.length - a.length)
  // Whole words only (letters and digits count as word characters in any script): a juror named
  // "Jan" must not turn "januari" into "[verborgen]uari".
  const pattern = terms.length > 0 ? new RegExp(`(?<![\\p{L}\\p{N}])(?:${terms.map(escapeRegExp).join('|')})(?![\\p{L}\\p{N}])`, 'giu') : null
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return pattern ? v.replace(pattern, REDACTED) : v
    if (Array.isArray(v)) return v.map(walk)
    if (v !== null && typeof v === 'object') {
      const out: Record<string, unknown> = {}
      for (const [k, inner] of Object.entries(v)) if (!keys.has(k)) out[k] = walk(inner)
      return out
    }
    return v
  }
  return walk(value) as T
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

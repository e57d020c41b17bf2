import { describe, expect, it } from 'vitest'
import enCore from '../../i18n/en.json'
import enFeatures from '../../i18n/en.features.json'
import nlCore from '../../i18n/nl.json'
import nlFeatures from '../../i18n/nl.features.json'
import { amendmentLines, type AmendmentText } from './amendment-lines'
import type { ChallengeAmendment } from './types'

/** The app's own messages, looked up and filled in as vue-i18n does for these plain placeholders. */
function messages(locale: 'nl' | 'en'): AmendmentText {
  const tree = locale === 'nl' ? { ...nlCore, ...nlFeatures } : { ...enCore, ...enFeatures }
  const t = (key: string, values: Record<string, unknown> = {}) => {
    const message = key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)?.[part], tree)
    if (typeof message !== 'string') throw new Error(`no message ${key}`)
    return message.replace(/\{(\w+)\}/g, (_, name: string) => String(values[name]))
  }
  return { t, locale }
}

const amendment: ChallengeAmendment = {
  madeAt: '2026-11-25T10:00:00.000Z',
  changed: {
    title: { from: 'Oud', to: 'Nieuw' },
    submissionDeadline: { from: '2026-12-30T11:00:00.000Z', to: '2027-01-15T11:00:00.000Z' },
    contractValue: { from: 50000, to: 62500.5 },
    reservedArt282: { from: false, to: true },
  },
  named: ['problemStatement', 'budgetLines', 'contactName'],
  criteria: [
    { round: 'Ronde 1', name: 'Impact', kind: 'changed', weight: { from: 3, to: 4 }, threshold: { from: null, to: 5.5 } },
    { round: 'Ronde 1', name: 'Kosten', kind: 'added', weight: { from: null, to: 1 }, threshold: { from: null, to: null } },
    { round: 'Ronde 2', name: 'Pitch', kind: 'removed' },
  ],
}

describe('amendmentLines', () => {
  it('says in Dutch what changed, deadlines and money first, with old and new values', () => {
    expect(amendmentLines(amendment, messages('nl'))).toEqual([
      'Indienen tot: was 30 december 2026 om 12:00, nu 15 januari 2027 om 12:00',
      'Waarde van prijs of opdracht: was €\u00a050.000, nu €\u00a062.500,50',
      'Voorbehouden opdracht (art. 2.82): was nee, nu ja',
      'Titel: was “Oud”, nu “Nieuw”',
      'Probleemstelling aangepast',
      'Budgetregels aangepast',
      'Contactpersoon aangepast',
      'Criterium ‘Impact’ in ‘Ronde 1’ aangepast: gewicht was 3, nu 4; minimum was geen, nu 5,5',
      'Criterium ‘Kosten’ toegevoegd aan ‘Ronde 1’ (gewicht 1)',
      'Criterium ‘Pitch’ verwijderd uit ‘Ronde 2’',
    ])
  })

  it('says the same in English', () => {
    const lines = amendmentLines(amendment, messages('en'))
    expect(lines[0]).toBe('Submissions until: was 30 December 2026 at 12:00, now 15 January 2027 at 12:00')
    expect(lines.slice(-3)).toEqual(['Criterion ‘Impact’ in ‘Ronde 1’ revised: weight was 3, now 4; minimum was none, now 5.5', 'Criterion ‘Kosten’ added to ‘Ronde 1’ (weight 1)', 'Criterion ‘Pitch’ removed from ‘Ronde 2’'])
    expect(lines).toHaveLength(10)
  })
})

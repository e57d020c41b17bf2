import { describe, expect, it } from 'vitest'
import { challengeChanges, changeLines, criteriaChanges, criterionChange, hasChanges, mergeChallengeChanges, renderChangesMail } from './challenge-changes'
import type { MergedChallenge } from './challenges.input'

const link = 'https://opgave.example/uitdagingen/1'
const calendarLink = 'https://opgave.example/api/v1/challenges/1/ics'

const stored: MergedChallenge['values'] = {
  title: 'Groene daken',
  summary: 'Daken vergroenen',
  problemStatement: 'Hitte in de wijk',
  desiredOutcome: 'Koelere straten',
  sdgGoals: [11, 13],
  sdgTargets: ['11.6'],
  eligibleEnterpriseKinds: [],
  eligibleRegions: [],
  reservedArt282: false,
  socialReturnPercent: 5,
  contractKind: 'pilot_contract',
  contractValueCents: 2_500_000,
  contactName: 'Anna de Vries',
  contactEmail: 'anna@gemeente.nl',
  publishAt: new Date('2026-11-01T09:00:00Z'),
  questionsDeadline: new Date('2026-11-20T11:00:00Z'),
  submissionDeadline: new Date('2026-12-01T11:00:00Z'),
  decisionAt: null,
}
const edit = (patch: Partial<MergedChallenge['values']>) => ({ ...stored, ...patch })
const none = { link, calendarLink, budgetLinesChanged: false }

describe('challengeChanges', () => {
  it('finds nothing in a save that changed nothing, so no mail is made', () => {
    const changes = challengeChanges(stored, edit({ sdgGoals: [11, 13], publishAt: new Date(stored.publishAt!) }), none)
    expect(hasChanges(changes)).toBe(false)
    expect(renderChangesMail(changes, 'voet')).toBeNull()
  })

  it('keeps the old and new value of deadlines, money and terms, and only names long texts and lists', () => {
    const changes = challengeChanges(stored, edit({ submissionDeadline: new Date('2026-12-08T11:00:00Z'), contractValueCents: 3_000_050, problemStatement: 'Hitte en droogte', sdgTargets: ['11.6', '13.1'] }), { link, calendarLink, budgetLinesChanged: true })
    expect(changes.values).toEqual({
      submissionDeadline: { from: '2026-12-01T11:00:00.000Z', to: '2026-12-08T11:00:00.000Z' },
      contractValueCents: { from: 2_500_000, to: 3_000_050 },
    })
    expect(changes.named).toEqual(['problemStatement', 'sdgTargets', 'budgetLines'])
    // Dutch time, whole euros without decimals, cents with them (Intl puts a no-break space after the sign).
    expect(changeLines(changes)).toEqual([
      '- Indienen tot: was 1 december 2026 om 12:00, nu 8 december 2026 om 12:00',
      '- Waarde van prijs of opdracht: was €\u00a025.000, nu €\u00a030.000,50',
      '- Probleemstelling',
      '- SDG-subdoelen',
      '- Budgetregels',
    ])
  })

  it('says when a value is emptied, and writes yes/no, kinds and percentages in words', () => {
    const changes = challengeChanges(stored, edit({ socialReturnPercent: 7.5, reservedArt282: true, contractKind: 'prize', contactName: null }), none)
    expect(changeLines(changes)).toEqual([
      '- Soort opdracht: was pilotopdracht, nu prijs',
      '- Social return: was 5% van de opdrachtwaarde, nu 7,5% van de opdrachtwaarde',
      '- Voorbehouden opdracht (art. 2.82): was nee, nu ja',
      '- Contactpersoon: was "Anna de Vries", nu niet ingevuld',
    ])
  })
})

describe('mergeChallengeChanges', () => {
  it('keeps where a deadline started and where it ended, over several saves', () => {
    const first = challengeChanges(stored, edit({ submissionDeadline: new Date('2026-12-08T11:00:00Z') }), none)
    const second = challengeChanges(edit({ submissionDeadline: new Date('2026-12-08T11:00:00Z') }), edit({ submissionDeadline: new Date('2026-12-15T11:00:00Z'), summary: 'Nieuw' }), none)
    const merged = mergeChallengeChanges(first, second)
    expect(merged.values.submissionDeadline).toEqual({ from: '2026-12-01T11:00:00.000Z', to: '2026-12-15T11:00:00.000Z' })
    expect(merged.named).toEqual(['summary'])
  })

  it('drops a value moved and moved back, and says nothing when that was all', () => {
    const moved = challengeChanges(stored, edit({ questionsDeadline: new Date('2026-11-25T11:00:00Z') }), none)
    const back = challengeChanges(edit({ questionsDeadline: new Date('2026-11-25T11:00:00Z') }), stored, none)
    const merged = mergeChallengeChanges(moved, back)
    expect(merged.values).toEqual({})
    expect(renderChangesMail(merged, 'voet')).toBeNull()
  })

  it('gathers criteria per criterion, and takes the newest title and link', () => {
    const renamed = challengeChanges(stored, edit({ title: 'Groene daken 2027' }), { link: `${link}?v=2`, calendarLink, budgetLinesChanged: false })
    const impact = { id: 'c1', name: 'Impact', weight: 3, threshold: null }
    const cost = { id: 'c2', name: 'Kosten', weight: 1, threshold: null }
    const reach = { id: 'c3', name: 'Bereik', weight: 2, threshold: 4 }
    const merged = [
      criteriaChanges('Groene daken', link, calendarLink, criterionChange('Ronde 1', impact, { ...impact, weight: 4 })),
      renamed,
      criteriaChanges('Groene daken 2027', `${link}?v=2`, calendarLink, criterionChange('Ronde 1', { ...impact, weight: 4 }, { ...impact, weight: 5, threshold: 6 })),
      // Added and then changed: still added, with the newest values. Added and removed: nothing.
      criteriaChanges('Groene daken 2027', `${link}?v=2`, calendarLink, criterionChange('Ronde 2', null, cost)),
      criteriaChanges('Groene daken 2027', `${link}?v=2`, calendarLink, criterionChange('Ronde 2', cost, { ...cost, weight: 2 })),
      criteriaChanges('Groene daken 2027', `${link}?v=2`, calendarLink, criterionChange('Ronde 2', null, reach)),
      criteriaChanges('Groene daken 2027', `${link}?v=2`, calendarLink, criterionChange('Ronde 2', reach, null)),
    ].reduce(mergeChallengeChanges)
    expect(merged.criteria).toEqual([
      { id: 'c1', round: 'Ronde 1', name: 'Impact', kind: 'changed', weight: { from: 3, to: 5 }, threshold: { from: null, to: 6 } },
      { id: 'c2', round: 'Ronde 2', name: 'Kosten', kind: 'added', weight: { from: null, to: 2 }, threshold: { from: null, to: null } },
    ])
    expect(changeLines(merged).slice(1)).toEqual([
      '- Criterium "Impact" in "Ronde 1" aangepast: gewicht was 3, nu 5; minimum was geen, nu 6',
      '- Criterium "Kosten" toegevoegd aan "Ronde 2" (gewicht 2)',
    ])
    expect(merged.title).toBe('Groene daken 2027')
    expect(merged.link).toBe(`${link}?v=2`)
  })

  it('says a removed criterion was removed, and a change back to where it started is no weight change', () => {
    const impact = { id: 'c1', name: 'Impact', weight: 3, threshold: 5 }
    const there = criterionChange('Ronde 1', impact, { ...impact, weight: 4 })
    const back = criterionChange('Ronde 1', { ...impact, weight: 4 }, impact)
    const gathered = mergeChallengeChanges(criteriaChanges('T', link, calendarLink, there), criteriaChanges('T', link, calendarLink, back))
    expect(changeLines(gathered)).toEqual(['- Criterium "Impact" in "Ronde 1" aangepast'])
    const removed = mergeChallengeChanges(gathered, criteriaChanges('T', link, calendarLink, criterionChange('Ronde 1', impact, null)))
    expect(changeLines(removed)).toEqual(['- Criterium "Impact" verwijderd uit "Ronde 1"'])
    expect(changeLines(criteriaChanges('T', link, calendarLink, criterionChange('Ronde 1', null, impact)))).toEqual(['- Criterium "Impact" toegevoegd aan "Ronde 1" (gewicht 3, minimum 5)'])
  })
})

describe('renderChangesMail', () => {
  it('says "Beoordeling" in the subject when only criteria changed, "Uitdaging" otherwise, and ends with the link and the footer', () => {
    const criteria = renderChangesMail(criteriaChanges('Groene daken', link, calendarLink, criterionChange('Ronde 1: schriftelijk', null, { id: 'c1', name: 'Impact', weight: 2, threshold: null })), 'Waarom u dit krijgt.')!
    expect(criteria.subject).toBe('Beoordeling gewijzigd: Groene daken')
    expect(criteria.text).toBe(
      ['De uitdaging "Groene daken" is gewijzigd. Dit is er veranderd:', '- Criterium "Impact" toegevoegd aan "Ronde 1: schriftelijk" (gewicht 2)', '', `Bekijk de actuele versie: ${link}`, '', 'Waarom u dit krijgt.'].join('\n'),
    )
    const both = mergeChallengeChanges(criteriaChanges('Groene daken', link, calendarLink, criterionChange('Ronde 1', null, { id: 'c1', name: 'Impact', weight: 2, threshold: null })), challengeChanges(stored, edit({ summary: 'Anders' }), none))
    expect(renderChangesMail(both, '')!.subject).toBe('Uitdaging gewijzigd: Groene daken')
    // Only the criteria-only mail above lacks the calendar: a moved date offers it.
    expect(criteria.text).not.toContain(calendarLink)
    const moved = renderChangesMail(challengeChanges(stored, edit({ questionsDeadline: new Date('2026-11-22T11:00:00Z') }), none), '')!
    expect(moved.text).toContain(`Bekijk de actuele versie: ${link}\nZet de termijnen opnieuw in uw agenda (.ics): ${calendarLink}\n`)
  })
})

import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { canonicalJson, type Criterion, type Scorecard } from '@opgave/domain'
import { inputsHashOf } from './jury-inputs-hash'
import { inputsMarkerOf } from './jury-results.service'

const criteria: Criterion[] = [
  { id: 'b2c1e0f4-0000-4000-8000-000000000002', weight: 2, scaleMin: 0, scaleMax: 10, threshold: 3, sdgGoals: [3] },
  { id: '0a9d7e11-0000-4000-8000-000000000001', weight: 1.5, scaleMin: 1, scaleMax: 5, threshold: null, sdgGoals: [] },
]
const options = { aggregation: 'trimmed_mean', calibrate: true, disagreementThreshold: 15, includeStability: true }
const reference = (cards: Scorecard[]) => createHash('sha256').update(canonicalJson({ criteria, options, scorecards: cards })).digest('hex')

describe('inputsHashOf', () => {
  it('hashes exactly the canonical JSON of the inputs, so hashes stored before it stay valid', () => {
    const cards: Scorecard[] = Array.from({ length: 3000 }, (_, i) => ({
      jurorId: i % 13 === 0 ? `jurylid-é-${i % 7}` : `juror-${i % 7}`,
      proposalId: `proposal-${Math.floor(i / 7)}`,
      submitted: i % 5 !== 0,
      // Keys in the "wrong" order, a null, a fraction and a key with a quote in it.
      scores: i % 3 === 0 ? { [criteria[1]!.id]: null, [criteria[0]!.id]: 7.25 } : { [criteria[0]!.id]: i % 11, [criteria[1]!.id]: 4, 'odd"key': 1 },
    }))
    expect(inputsHashOf(criteria, options, cards)).toBe(reference(cards))
    expect(inputsHashOf(criteria, options, [])).toBe(reference([]))
  })

  it('gives the same hash on the uniform-keys path roundInputs takes (every card has exactly the criteria keys)', () => {
    const ids = criteria.map((c) => c.id)
    const cards: Scorecard[] = Array.from({ length: 2000 }, (_, i) => ({
      jurorId: `juror-${i % 9}`,
      proposalId: `proposal-${Math.floor(i / 9)}`,
      submitted: true,
      scores: { [ids[0]!]: i % 4 === 0 ? null : (i % 21) / 2, [ids[1]!]: i % 5 === 0 ? -0 : 1e21 + i },
    }))
    expect(inputsHashOf(criteria, options, cards, ids)).toBe(reference(cards))
    expect(inputsHashOf(criteria, options, [], ids)).toBe(reference([]))
    expect(() => inputsHashOf(criteria, options, [{ ...cards[1]!, scores: { [ids[0]!]: Number.NaN, [ids[1]!]: 1 } }], ids)).toThrow(TypeError)
  })

  it('stays exact across its 1 MB buffer: cards spanning several fills, an id longer than the buffer', () => {
    const ids = criteria.map((c) => c.id)
    const cards: Scorecard[] = Array.from({ length: 12_000 }, (_, i) => ({
      jurorId: i === 5_000 ? `juror-${'x'.repeat(1_200_000)}` : `juror-${i % 40}`,
      proposalId: `proposal-${'é'.repeat(40)}-${Math.floor(i / 40)}`,
      submitted: i % 9 !== 0,
      scores: { [ids[0]!]: (i % 23) / 4, [ids[1]!]: i % 17 === 0 ? null : i % 6 },
    }))
    expect(inputsHashOf(criteria, options, cards, ids)).toBe(reference(cards))
  })

  it('changes when a score changes', () => {
    const card: Scorecard = { jurorId: 'j', proposalId: 'p', submitted: true, scores: { [criteria[0]!.id]: 5, [criteria[1]!.id]: 3 } }
    const other: Scorecard = { ...card, scores: { ...card.scores, [criteria[1]!.id]: 4 } }
    expect(inputsHashOf(criteria, options, [card])).not.toBe(inputsHashOf(criteria, options, [other]))
  })

  it('marks a change of criteria, options or the submitted cards digest (the GET …/results fast path)', () => {
    const marker = inputsMarkerOf(criteria, options, '12:345')
    expect(inputsMarkerOf(criteria, { ...options }, '12:345')).toBe(marker)
    expect(inputsMarkerOf(criteria, options, '12:346')).not.toBe(marker)
    expect(inputsMarkerOf(criteria, { ...options, calibrate: false }, '12:345')).not.toBe(marker)
    expect(inputsMarkerOf([{ ...criteria[0]!, weight: 3 }, criteria[1]!], options, '12:345')).not.toBe(marker)
  })
})

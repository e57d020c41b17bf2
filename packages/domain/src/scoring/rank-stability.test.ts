import { describe, expect, it } from 'vitest'
import { stabilityVariants, summariseRankStability, variantRawWeights } from './rank-stability'
import type { Criterion, StabilityVariant } from './types'

const criteria: Criterion[] = [
  { id: 'a', weight: 2, scaleMin: 0, scaleMax: 10, sdgGoals: [] },
  { id: 'b', weight: 1, scaleMin: 0, scaleMax: 10, sdgGoals: [] },
]

describe('stabilityVariants', () => {
  it('lists each weight × 0.8 and × 1.2, then each juror left out', () => {
    expect(stabilityVariants({ criteria, jurorIds: ['j1', 'j2'] }).variants).toEqual([
      { kind: 'weight', criterionId: 'a', factor: 0.8 },
      { kind: 'weight', criterionId: 'a', factor: 1.2 },
      { kind: 'weight', criterionId: 'b', factor: 0.8 },
      { kind: 'weight', criterionId: 'b', factor: 1.2 },
      { kind: 'leave_juror_out', jurorId: 'j1' },
      { kind: 'leave_juror_out', jurorId: 'j2' },
    ])
  })

  it('scales only the varied criterion (renormalised later)', () => {
    // a: 2 × 1.2 = 2.4, b stays 1 → normalised 2.4/3.4, 1/3.4
    expect(variantRawWeights({ criteria, variant: { kind: 'weight', criterionId: 'a', factor: 1.2 } })).toEqual([2.4, 1])
    expect(variantRawWeights({ criteria, variant: { kind: 'leave_juror_out', jurorId: 'j1' } })).toEqual([2, 1])
  })
})

describe('summariseRankStability', () => {
  const base = [
    { proposalId: 'p1', rank: 1 },
    { proposalId: 'p2', rank: 2 },
    { proposalId: 'p3', rank: 3 },
    { proposalId: 'p4', rank: 4 },
  ]
  const swap: StabilityVariant = { kind: 'weight', criterionId: 'a', factor: 0.8 }
  const tail: StabilityVariant = { kind: 'weight', criterionId: 'b', factor: 1.2 }
  const leaveOut: StabilityVariant = { kind: 'leave_juror_out', jurorId: 'j3' }
  const variants = [
    // p1 and p2 swap: top-1 changes, top-2 does not
    { variant: swap, ranking: [base[1]!, base[0]!, base[2]!, base[3]!].map((r, i) => ({ ...r, rank: i + 1 })) },
    // p3 and p4 swap: neither top-1 nor top-2 changes
    {
      variant: tail,
      ranking: [
        { proposalId: 'p1', rank: 1 },
        { proposalId: 'p2', rank: 2 },
        { proposalId: 'p4', rank: 3 },
        { proposalId: 'p3', rank: 4 },
      ],
    },
    // j3 was p4's only juror: p4 is absent here and keeps its ranks from the other runs
    {
      variant: leaveOut,
      ranking: [
        { proposalId: 'p1', rank: 1 },
        { proposalId: 'p2', rank: 2 },
        { proposalId: 'p3', rank: 3 },
      ],
    },
  ]

  it('reports best and worst rank over the base and all variants', () => {
    const { perProposal } = summariseRankStability({ base, variants, topN: 1 })
    expect(Object.fromEntries(perProposal)).toEqual({
      p1: { bestRank: 1, worstRank: 2 },
      p2: { bestRank: 1, worstRank: 2 },
      p3: { bestRank: 3, worstRank: 4 },
      p4: { bestRank: 3, worstRank: 4 },
    })
  })

  it('names the variants that change the top-N set', () => {
    expect(summariseRankStability({ base, variants, topN: 1 })).toMatchObject({
      topNChanges: true,
      changingVariants: [swap],
    })
    expect(summariseRankStability({ base, variants, topN: 2 })).toMatchObject({
      topNChanges: false,
      changingVariants: [],
    })
    // top 3 with p3 ↔ p4 swapped → {p1, p2, p4} ≠ {p1, p2, p3}
    expect(summariseRankStability({ base, variants, topN: 3 }).changingVariants).toEqual([tail])
  })

  it('keeps ties at the boundary together in the top set', () => {
    // base ranks 1, 2, 2: with N = 2 the top set is all three; the variant breaks the tie
    const tiedBase = [
      { proposalId: 'a', rank: 1 },
      { proposalId: 'b', rank: 2 },
      { proposalId: 'c', rank: 2 },
    ]
    const result = summariseRankStability({
      base: tiedBase,
      variants: [
        {
          variant: leaveOut,
          ranking: [
            { proposalId: 'a', rank: 1 },
            { proposalId: 'b', rank: 2 },
            { proposalId: 'c', rank: 3 },
          ],
        },
      ],
      topN: 2,
    })
    expect(result.changingVariants).toEqual([leaveOut])
  })
})

import { describe, expect, it } from 'vitest'
import { computeRoundResults } from './compute-round-results'
import type { Criterion, Scorecard } from './types'

const card = (jurorId: string, proposalId: string, scores: Record<string, number | null>, submitted = true): Scorecard => ({
  jurorId,
  proposalId,
  submitted,
  scores,
})

describe('computeRoundResults — a round computed by hand', () => {
  // q: weight 3 (→ 0.75), 0–10, SDG 8. s: weight 1 (→ 0.25), 0–10, threshold 5, SDG 13.
  const criteria: Criterion[] = [
    { id: 'q', weight: 3, scaleMin: 0, scaleMax: 10, sdgGoals: [8] },
    { id: 's', weight: 1, scaleMin: 0, scaleMax: 10, threshold: 5, sdgGoals: [13] },
  ]
  const scorecards: Scorecard[] = [
    // R = 100·(0.75·q/10 + 0.25·s/10)
    card('J1', 'P1', { q: 8, s: 6 }), //  100·(0.60 + 0.15)  = 75
    card('J2', 'P1', { q: 6, s: 10 }), // 100·(0.45 + 0.25)  = 70
    card('J1', 'P2', { q: 10, s: 2 }), // 100·(0.75 + 0.05)  = 80
    card('J2', 'P2', { q: 10, s: 4 }), // 100·(0.75 + 0.10)  = 85
    card('J1', 'P3', { q: 7, s: 7 }), //  100·(0.525 + 0.175) = 70
    card('J2', 'P3', { q: 4, s: 5 }), //  100·(0.30 + 0.125) = 42.5
    card('J3', 'P1', { q: 1, s: 1 }, false), // not submitted → ignored
    card('J3', 'P3', { q: 1, s: null }), //       incomplete → ignored
    card('J3', 'P4', { q: 1, s: 1 }, false), // P4 has nothing that counts
  ]
  const result = computeRoundResults({
    criteria,
    scorecards,
    options: { aggregation: 'mean', calibrate: false, disagreementThreshold: 10 },
  })
  const byId = new Map(result.proposals.map((p) => [p.proposalId, p]))

  it('computes R per juror, C = R without calibration, and the mean', () => {
    expect(byId.get('P1')!.jurorTotals).toEqual([
      { jurorId: 'J1', raw: expect.closeTo(75, 10), calibrated: expect.closeTo(75, 10) },
      { jurorId: 'J2', raw: expect.closeTo(70, 10), calibrated: expect.closeTo(70, 10) },
    ])
    for (const t of byId.get('P3')!.jurorTotals) expect(t.calibrated).toBe(t.raw)
    // P1 (75 + 70)/2 = 72.5; P2 (80 + 85)/2 = 82.5; P3 (70 + 42.5)/2 = 56.25
    expect(byId.get('P1')!.finalScore).toBeCloseTo(72.5, 10)
    expect(byId.get('P2')!.finalScore).toBeCloseTo(82.5, 10)
    expect(byId.get('P3')!.finalScore).toBeCloseTo(56.25, 10)
  })

  it('ranks a threshold failure after the passing proposals despite the highest score', () => {
    // P2 mean s = (2 + 4)/2 = 3 < 5 → fails; P1 s = 8, P3 s = 6 pass.
    expect(result.proposals.map((p) => [p.proposalId, p.rank, p.tied, p.thresholdFailures])).toEqual([
      ['P1', 1, false, []],
      ['P3', 2, false, []],
      ['P2', 3, false, ['s']],
    ])
  })

  it('measures disagreement on R with the configured threshold', () => {
    // P1: 75, 70 → sd 2.5; P3: 70, 42.5 → sd 13.75 > 10 → flagged
    expect(byId.get('P1')!.disagreement.sd).toBeCloseTo(2.5, 10)
    expect(byId.get('P1')!.disagreement.flagged).toBe(false)
    expect(byId.get('P3')!.disagreement.sd).toBeCloseTo(13.75, 10)
    expect(byId.get('P3')!.disagreement.flagged).toBe(true)
  })

  it('scores each SDG on its own criteria only', () => {
    // SDG 8 = q alone: P1 (80 + 60)/2 = 70, P2 100, P3 (70 + 40)/2 = 55
    // SDG 13 = s alone: P1 (60 + 100)/2 = 80, P2 (20 + 40)/2 = 30, P3 (70 + 50)/2 = 60
    expect(byId.get('P1')!.perSdg[8]).toBeCloseTo(70, 10)
    expect(byId.get('P2')!.perSdg[8]).toBeCloseTo(100, 10)
    expect(byId.get('P3')!.perSdg[8]).toBeCloseTo(55, 10)
    expect(byId.get('P1')!.perSdg[13]).toBeCloseTo(80, 10)
    expect(byId.get('P2')!.perSdg[13]).toBeCloseTo(30, 10)
    expect(byId.get('P3')!.perSdg[13]).toBeCloseTo(60, 10)
    expect(Object.keys(byId.get('P1')!.perSdg)).toEqual(['8', '13'])
  })

  it('computes alpha on R and on each criterion’s raw scores', () => {
    // On R: units (75, 70), (80, 85), (70, 42.5); n = 6.
    //   D_o = (1/6)·(2·25 + 2·25 + 2·756.25) = 1612.5/6 = 268.75
    //   Σv = 422.5, Σv² = 30856.25 → SS = 30856.25 − 422.5²/6 = 1105.2083; D_e = 2·SS/5 = 442.0833
    //   α = 1 − 268.75/442.0833 = 1 − 3225/5305 = 416/1061 = 0.392083
    expect(result.alphaOverall.alpha).toBeCloseTo(416 / 1061, 10)
    // q: (8, 6), (10, 10), (7, 4): D_o = (2·4 + 0 + 2·9)/6 = 26/6; mean 7.5, SS = 27.5, D_e = 11
    //   α = 1 − (26/6)/11 = 20/33
    expect(result.alphaPerCriterion['q']!.alpha).toBeCloseTo(20 / 33, 10)
    // s: (6, 10), (2, 4), (7, 5): D_o = (2·16 + 2·4 + 2·4)/6 = 8; Σv = 34, Σv² = 230,
    //   SS = 230 − 34²/6 = 37.333, D_e = 14.9333; α = 1 − 8/14.9333 = 13/28
    expect(result.alphaPerCriterion['s']!.alpha).toBeCloseTo(13 / 28, 10)
  })

  it('reports ignored scorecards and proposals without a counted one', () => {
    expect(result.ignoredScorecards).toBe(3)
    expect(result.ignoredScorecardDetails.map((i) => i.reason)).toEqual(['not_submitted', 'incomplete', 'not_submitted'])
    expect(result.unscoredProposalIds).toEqual(['P4'])
    expect(result.proposals.map((p) => p.proposalId)).not.toContain('P4')
    // J3 has no counted scorecard, so there is no leave-J3-out variant either
    expect(result.uncalibratedJurors).toEqual([])
  })

  it('finds the ranking stable here', () => {
    // q × 0.8 → w = 2.4/3.4, 1/3.4: P1 72.94, P3 56.47 — same order; leaving J1 or J2 out keeps
    // P1 above P3, and P2 fails s with either juror alone (2 and 4 < 5).
    for (const p of result.proposals) expect(p.stability).toEqual({ bestRank: p.rank, worstRank: p.rank })
    expect(result.topNChanges).toBe(false)
    expect(result.changingVariants).toEqual([])
  })
})

describe('computeRoundResults — calibration', () => {
  // One criterion on 0–100 with weight 1, so R is the raw score.
  const criteria: Criterion[] = [{ id: 'c', weight: 1, scaleMin: 0, scaleMax: 100, sdgGoals: [] }]
  const scorecards = [
    card('J1', 'P1', { c: 40 }),
    card('J1', 'P2', { c: 50 }),
    card('J1', 'P3', { c: 60 }),
    card('J2', 'P1', { c: 60 }), // J2: only 2 proposals
    card('J2', 'P2', { c: 80 }),
    card('J3', 'P1', { c: 70 }), // J3: σ = 0
    card('J3', 'P2', { c: 70 }),
    card('J3', 'P3', { c: 70 }),
  ]

  it('calibrates J1, keeps J2 and J3 at R and names them', () => {
    // pooled 40, 50, 60, 60, 80, 70, 70, 70: μ = 500/8 = 62.5
    //   SS = 506.25 + 156.25 + 6.25 + 6.25 + 306.25 + 3·56.25 = 1150 → σ = sqrt(143.75) = 11.989579
    // J1: μ_1 = 50, σ_1 = sqrt(200/3); σ/σ_1 = sqrt(143.75·3/200) = sqrt(2.15625) = 1.468418
    //   C: 40 → 62.5 − 14.68418 = 47.81582; 50 → 62.5; 60 → 77.18418
    // final (mean of C): P1 (47.81582 + 60 + 70)/3 = 59.27194; P2 (62.5 + 80 + 70)/3 = 70.83333;
    //   P3 (77.18418 + 70)/2 = 73.59209 → order P3, P2, P1
    const result = computeRoundResults({ criteria, scorecards, options: { aggregation: 'mean', calibrate: true } })
    expect(result.uncalibratedJurors).toEqual([
      { jurorId: 'J2', reason: 'too_few_proposals' },
      { jurorId: 'J3', reason: 'zero_deviation' },
    ])
    const byId = new Map(result.proposals.map((p) => [p.proposalId, p]))
    expect(byId.get('P1')!.jurorTotals.map((t) => t.calibrated)).toEqual([
      expect.closeTo(47.81582, 5),
      60,
      70,
    ])
    expect(byId.get('P1')!.finalScore).toBeCloseTo(59.27194, 5)
    expect(byId.get('P2')!.finalScore).toBeCloseTo(70.83333, 5)
    expect(byId.get('P3')!.finalScore).toBeCloseTo(73.59209, 5)
    expect(result.proposals.map((p) => p.proposalId)).toEqual(['P3', 'P2', 'P1'])
    // Disagreement stays on R: P3 has R 60 and 70 → sd 5
    expect(byId.get('P3')!.disagreement.sd).toBeCloseTo(5, 10)
  })

  it('without calibration ranks on R: P2 66.67, P3 65, P1 56.67', () => {
    const result = computeRoundResults({ criteria, scorecards, options: { aggregation: 'mean', calibrate: false } })
    expect(result.proposals.map((p) => [p.proposalId, Number(p.finalScore.toFixed(2))])).toEqual([
      ['P2', 66.67],
      ['P3', 65],
      ['P1', 56.67],
    ])
  })

  it('uses the chosen aggregation', () => {
    // median of R: P1 (40, 60, 70) → 60; P2 (50, 80, 70) → 70; P3 (60, 70) → 65
    const result = computeRoundResults({ criteria, scorecards, options: { aggregation: 'median', calibrate: false } })
    expect(result.proposals.map((p) => [p.proposalId, p.finalScore])).toEqual([
      ['P2', 70],
      ['P3', 65],
      ['P1', 60],
    ])
  })
})

describe('computeRoundResults — rank stability', () => {
  // a and b weight 1 each, 0–10. Two jurors give identical scores.
  // P1 (a 10, b 0) = 50; P2 (a 0, b 9.5) = 47.5; P3 (2, 2) = 20.
  // a × 0.8 → w = 0.8/1.8, 1/1.8: P1 44.44, P2 52.78 → P2 on top
  // a × 1.2 → P1 54.55, P2 43.18;  b × 0.8 → P1 55.56, P2 42.22
  // b × 1.2 → w = 1/2.2, 1.2/2.2: P1 45.45, P2 51.82 → P2 on top
  // leaving either juror out changes nothing.
  const criteria: Criterion[] = [
    { id: 'a', weight: 1, scaleMin: 0, scaleMax: 10, sdgGoals: [] },
    { id: 'b', weight: 1, scaleMin: 0, scaleMax: 10, sdgGoals: [] },
  ]
  const scorecards = ['J1', 'J2'].flatMap((j) => [
    card(j, 'P1', { a: 10, b: 0 }),
    card(j, 'P2', { a: 0, b: 9.5 }),
    card(j, 'P3', { a: 2, b: 2 }),
  ])

  it('finds the weight changes that swap the top', () => {
    const result = computeRoundResults({ criteria, scorecards, options: { aggregation: 'mean', calibrate: false, topN: 1 } })
    expect(result.proposals.map((p) => [p.proposalId, p.rank, p.stability])).toEqual([
      ['P1', 1, { bestRank: 1, worstRank: 2 }],
      ['P2', 2, { bestRank: 1, worstRank: 2 }],
      ['P3', 3, { bestRank: 3, worstRank: 3 }],
    ])
    expect(result.topNChanges).toBe(true)
    expect(result.changingVariants).toEqual([
      { kind: 'weight', criterionId: 'a', factor: 0.8 },
      { kind: 'weight', criterionId: 'b', factor: 1.2 },
    ])
  })

  it('sees no change in a top 2 that holds both', () => {
    const result = computeRoundResults({ criteria, scorecards, options: { aggregation: 'mean', calibrate: false, topN: 2 } })
    expect(result.topNChanges).toBe(false)
  })

  it('can be switched off for large rounds', () => {
    const result = computeRoundResults({
      criteria,
      scorecards,
      options: { aggregation: 'mean', calibrate: false, includeStability: false },
    })
    expect(result.proposals.every((p) => p.stability === null)).toBe(true)
    expect(result.topNChanges).toBeNull()
  })

  it('lets a leave-one-out variant drop a proposal scored by that juror alone', () => {
    // J3 alone scores P4 (a 10, b 10 = 100, rank 1). Without J3, P4 is unranked: its ranks come from
    // the other runs (always 1), and the top-1 set loses P4 in the leave-J3-out variant.
    const result = computeRoundResults({
      criteria,
      scorecards: [...scorecards, card('J3', 'P4', { a: 10, b: 10 })],
      options: { aggregation: 'mean', calibrate: false, topN: 1 },
    })
    expect(result.proposals[0]).toMatchObject({ proposalId: 'P4', rank: 1, stability: { bestRank: 1, worstRank: 1 } })
    expect(result.topNChanges).toBe(true)
    expect(result.changingVariants).toEqual([{ kind: 'leave_juror_out', jurorId: 'J3' }])
  })
})

describe('computeRoundResults — ties and input checks', () => {
  const criteria: Criterion[] = [{ id: 'c', weight: 1, scaleMin: 0, scaleMax: 10, sdgGoals: [] }]

  it('gives equal final scores the same rank, ordered by id', () => {
    const result = computeRoundResults({
      criteria,
      scorecards: [card('J1', 'B', { c: 7 }), card('J1', 'A', { c: 7 }), card('J1', 'C', { c: 9 })],
      options: { includeStability: false },
    })
    expect(result.proposals.map((p) => [p.proposalId, p.rank, p.tied])).toEqual([
      ['C', 1, false],
      ['A', 2, true],
      ['B', 2, true],
    ])
  })

  it('refuses two counted scorecards by one juror for one proposal', () => {
    expect(() =>
      computeRoundResults({ criteria, scorecards: [card('J1', 'A', { c: 7 }), card('J1', 'A', { c: 8 })] }),
    ).toThrow(/two counted scorecards/)
  })

  it('returns an empty ranking and undefined alpha for a round without counted scorecards', () => {
    const result = computeRoundResults({ criteria, scorecards: [card('J1', 'A', { c: 7 }, false)] })
    expect(result.proposals).toEqual([])
    expect(result.alphaOverall.reason).toBe('no_pairable_units')
    expect(result.unscoredProposalIds).toEqual(['A'])
  })

  it('rejects invalid options', () => {
    expect(() => computeRoundResults({ criteria, scorecards: [], options: { topN: 0 } })).toThrow(RangeError)
    expect(() => computeRoundResults({ criteria, scorecards: [], options: { disagreementThreshold: -1 } })).toThrow(
      RangeError,
    )
  })
})

import { describe, expect, it } from 'vitest'
import { rankProposals } from './ranking'

const summary = (entries: Parameters<typeof rankProposals>[0]['entries']) =>
  rankProposals({ entries }).ranking.map((r) => [r.proposalId, r.rank, r.tied])

describe('rankProposals', () => {
  it('ranks by score descending with competition ranks (1, 2, 2, 4)', () => {
    expect(
      summary([
        { proposalId: 'd', score: 50, passesThresholds: true },
        { proposalId: 'a', score: 90, passesThresholds: true },
        { proposalId: 'c', score: 70, passesThresholds: true },
        { proposalId: 'b', score: 70, passesThresholds: true },
      ]),
    ).toEqual([
      ['a', 1, false],
      ['b', 2, true],
      ['c', 2, true],
      ['d', 4, false],
    ])
  })

  it('ties scores that are equal at two decimals: 70.004 and 69.996 both round to 70.00', () => {
    const { ranking } = rankProposals({
      entries: [
        { proposalId: 'y', score: 69.996, passesThresholds: true },
        { proposalId: 'x', score: 70.004, passesThresholds: true },
        { proposalId: 'z', score: 69.994, passesThresholds: true }, // 69.99: not tied
      ],
    })
    expect(ranking.map((r) => [r.proposalId, r.rank, r.tied, r.roundedScore])).toEqual([
      ['x', 1, true, 70],
      ['y', 1, true, 70],
      ['z', 3, false, 69.99],
    ])
  })

  it('orders a tie by proposalId, not by the unrounded score', () => {
    // b has the higher unrounded score but both are 80.00: same rank, id order
    expect(
      summary([
        { proposalId: 'b', score: 80.004, passesThresholds: true },
        { proposalId: 'a', score: 79.996, passesThresholds: true },
      ]),
    ).toEqual([
      ['a', 1, true],
      ['b', 1, true],
    ])
  })

  it('puts threshold failures after every passing proposal, even with a higher score; ranks continue', () => {
    // passing: p1 72.5 → 1, p2 60 → 2; failing among themselves: f1 95 → 3, f2/f3 90.00 → 4, 4 (tied)
    expect(
      summary([
        { proposalId: 'f1', score: 95, passesThresholds: false },
        { proposalId: 'p2', score: 60, passesThresholds: true },
        { proposalId: 'f3', score: 90.001, passesThresholds: false },
        { proposalId: 'p1', score: 72.5, passesThresholds: true },
        { proposalId: 'f2', score: 90, passesThresholds: false },
      ]),
    ).toEqual([
      ['p1', 1, false],
      ['p2', 2, false],
      ['f1', 3, false],
      ['f2', 4, true],
      ['f3', 4, true],
    ])
  })

  it('does not tie a passing and a failing proposal with the same score', () => {
    expect(
      summary([
        { proposalId: 'a', score: 70, passesThresholds: false },
        { proposalId: 'b', score: 70, passesThresholds: true },
      ]),
    ).toEqual([
      ['b', 1, false],
      ['a', 2, false],
    ])
  })

  it('handles an empty round and rejects a non-finite score', () => {
    expect(rankProposals({ entries: [] }).ranking).toEqual([])
    expect(() => rankProposals({ entries: [{ proposalId: 'a', score: Number.NaN, passesThresholds: true }] })).toThrow(
      RangeError,
    )
  })
})

import { describe, expect, it } from 'vitest'
import type { ImpactFigures, PilotProgress } from './api'
import { chartCsv, chartJson, impactCharts } from './chart-data'

const figures: ImpactFigures = {
  challengeCount: 2,
  challengesPerSdg: [{ sdg: 2, challenges: 1 }, { sdg: 7, challenges: 2 }],
  challengesPerStatus: [{ status: 'published', challenges: 2 }],
  budgetTotalCents: 150_050,
  budgetPerSdg: [{ sdg: 2, budgetCents: 50_050 }, { sdg: 7, budgetCents: 100_000 }],
  budgetPerPortfolio: [{ portfolio: 'Werk, inkomen', budgetCents: 150_050 }],
  proposalsReceived: 3,
  enterprisesReached: 2,
  socialEnterprisesReached: 1,
  reservedArt282Challenges: 0,
  socialReturn: { committedJobs: 8, committedHours: 8800, realisedJobs: 5, realisedHours: 5700, realisedAmountCents: 0 },
  pilots: { awarded: 1, awardedCents: 1, reporting: 1 },
}
const pilot = {
  proposalId: 'p',
  challenge: { id: 'c', title: 'T' },
  municipality: { name: 'M', slug: 'm' },
  enterprise: { name: 'E', isSocialEnterprise: true },
  awardedCents: 1,
  validatedReports: 1,
  socialReturn: { committedJobs: 0, committedHours: 0, realisedJobs: 0, realisedHours: 0, realisedAmountCents: 0 },
  indicators: [
    { sdgTarget: '7.2', indicator: 'kWp', unit: 'kWp', baseline: 0, target: 400, realised: 250, measuredOn: '2026-01-01', percentOfTarget: 63 },
    { sdgTarget: '7.2', indicator: 'leeg', unit: '', baseline: null, target: null, realised: null, measuredOn: null, percentOfTarget: null },
  ],
} satisfies PilotProgress
const labels = { sdg: (g: number) => `SDG ${g}`, status: (s: string) => s.toUpperCase(), series: (k: string) => k, indicator: (p: PilotProgress, i: PilotProgress['indicators'][number]) => `${p.enterprise.name}: ${i.indicator}` }

describe('impact charts', () => {
  const charts = impactCharts(figures, [pilot], labels)
  const byId = (id: string) => charts.find((c) => c.id === id)!

  it('shows money in euros and counts as counts', () => {
    expect(byId('budget-per-sdg').rows).toEqual([
      { category: 'SDG 2', values: [500.5] },
      { category: 'SDG 7', values: [1000] },
    ])
    expect(byId('challenges-per-status').rows).toEqual([{ category: 'PUBLISHED', values: [2] }])
    expect(byId('social-return-jobs').rows).toEqual([
      { category: 'committed', values: [8] },
      { category: 'realised', values: [5] },
    ])
    expect(byId('social-return-hours').rows.map((r) => r.values[0])).toEqual([8800, 5700])
    expect(byId('pilot-progress').rows).toEqual([{ category: 'E: kWp', values: [63] }])
  })

  it('downloads exactly the numbers shown, with stable field names', () => {
    expect(chartCsv(byId('budget-per-portfolio'))).toBe('\uFEFFportfolio,budgetEuros\r\n"Werk, inkomen",1500.5\r\n')
    expect(JSON.parse(chartJson(byId('social-return-hours')))).toEqual([
      { stage: 'committed', hours: 8800 },
      { stage: 'realised', hours: 5700 },
    ])
  })
})

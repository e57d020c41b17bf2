import type { ImpactFigures, PilotProgress } from './api'

/**
 * One chart's numbers, exactly as shown: the chart, its data table and its CSV/JSON download are
 * all drawn from this, so they can never disagree. Money is shown (and downloaded) in euros.
 */
export interface ChartModel {
  id: string
  /** Stable, English field names for the downloads. */
  categoryKey: string
  series: { key: string; label: string }[]
  rows: { category: string; values: number[] }[]
  unit: 'count' | 'euro' | 'percent'
  horizontal?: boolean
}

export interface ChartLabels {
  sdg: (goal: number) => string
  status: (status: string) => string
  series: (key: string) => string
  indicator: (p: PilotProgress, i: PilotProgress['indicators'][number]) => string
}

const euros = (cents: number) => cents / 100

export function impactCharts(figures: ImpactFigures, pilots: PilotProgress[], labels: ChartLabels): ChartModel[] {
  const one = (key: string) => [{ key, label: labels.series(key) }]
  return [
    { id: 'challenges-per-sdg', categoryKey: 'sdg', series: one('challenges'), unit: 'count', rows: figures.challengesPerSdg.map((x) => ({ category: labels.sdg(x.sdg), values: [x.challenges] })) },
    { id: 'challenges-per-status', categoryKey: 'status', series: one('challenges'), unit: 'count', rows: figures.challengesPerStatus.map((x) => ({ category: labels.status(x.status), values: [x.challenges] })) },
    { id: 'budget-per-sdg', categoryKey: 'sdg', series: one('budgetEuros'), unit: 'euro', rows: figures.budgetPerSdg.map((x) => ({ category: labels.sdg(x.sdg), values: [euros(x.budgetCents)] })) },
    { id: 'budget-per-portfolio', categoryKey: 'portfolio', series: one('budgetEuros'), unit: 'euro', horizontal: true, rows: figures.budgetPerPortfolio.map((x) => ({ category: x.portfolio, values: [euros(x.budgetCents)] })) },
    // Jobs and hours differ by orders of magnitude: one chart each, so neither bar is flattened.
    {
      id: 'social-return-jobs',
      categoryKey: 'stage',
      series: one('jobs'),
      unit: 'count',
      rows: [
        { category: labels.series('committed'), values: [figures.socialReturn.committedJobs] },
        { category: labels.series('realised'), values: [figures.socialReturn.realisedJobs] },
      ],
    },
    {
      id: 'social-return-hours',
      categoryKey: 'stage',
      series: one('hours'),
      unit: 'count',
      rows: [
        { category: labels.series('committed'), values: [figures.socialReturn.committedHours] },
        { category: labels.series('realised'), values: [figures.socialReturn.realisedHours] },
      ],
    },
    {
      id: 'pilot-progress',
      categoryKey: 'indicator',
      series: one('percentOfTarget'),
      unit: 'percent',
      horizontal: true,
      rows: pilots.flatMap((p) => p.indicators.filter((i) => i.percentOfTarget !== null).map((i) => ({ category: labels.indicator(p, i), values: [i.percentOfTarget!] }))),
    },
  ]
}

export const chartHeader = (chart: ChartModel) => [chart.categoryKey, ...chart.series.map((s) => s.key)]

const cell = (value: string | number) => {
  let text = String(value)
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`
  return /[",;\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

/** The chart's numbers as CSV (UTF-8 with BOM so Excel reads accents). */
export function chartCsv(chart: ChartModel): string {
  const lines = [chartHeader(chart).join(','), ...chart.rows.map((r) => [r.category, ...r.values].map(cell).join(','))]
  return '\uFEFF' + lines.join('\r\n') + '\r\n'
}

export function chartJson(chart: ChartModel): string {
  const rows = chart.rows.map((r) => Object.fromEntries([[chart.categoryKey, r.category], ...chart.series.map((s, i) => [s.key, r.values[i]])]))
  return JSON.stringify(rows, null, 2)
}

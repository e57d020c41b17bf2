/**
 * A pilot's promised indicators (from the winning proposal's planned impact) against what the
 * enterprise reported and the account manager validated. An indicator's value is a level measured
 * on a date, so the latest validated measurement counts; social return in a report is what was
 * realised in that period, so those add up.
 */

export interface PromisedImpact {
  readonly sdgTarget: string
  readonly indicators: readonly { readonly name: string; readonly baseline: number | null; readonly target: number | null; readonly unit: string }[]
}

export interface ReportedIndicator {
  readonly sdgTarget: string
  readonly indicator: string
  readonly value: number
  /** ISO date (yyyy-mm-dd). */
  readonly measuredOn: string
}

export interface IndicatorProgress {
  readonly sdgTarget: string
  readonly indicator: string
  readonly unit: string
  readonly baseline: number | null
  readonly target: number | null
  readonly realised: number | null
  readonly measuredOn: string | null
  /** (realised − baseline) / (target − baseline) in whole percent; null when it cannot be computed. */
  readonly percentOfTarget: number | null
}

const key = (sdgTarget: string, indicator: string) => `${sdgTarget}\u0000${indicator}`

/** Reports in the order they were submitted; among equal dates the later report wins. */
export function pilotProgress(promised: readonly PromisedImpact[], validatedReports: readonly { readonly indicators: readonly ReportedIndicator[] }[]): IndicatorProgress[] {
  const latest = new Map<string, ReportedIndicator>()
  for (const report of validatedReports) {
    for (const r of report.indicators) {
      const k = key(r.sdgTarget, r.indicator)
      const seen = latest.get(k)
      if (!seen || r.measuredOn >= seen.measuredOn) latest.set(k, r)
    }
  }
  return promised.flatMap((p) =>
    p.indicators.map((i) => {
      const r = latest.get(key(p.sdgTarget, i.name))
      const baseline = i.baseline ?? 0
      const percent = r && i.target !== null && i.target !== baseline ? Math.round(((r.value - baseline) / (i.target - baseline)) * 100) : null
      return { sdgTarget: p.sdgTarget, indicator: i.name, unit: i.unit, baseline: i.baseline, target: i.target, realised: r?.value ?? null, measuredOn: r?.measuredOn ?? null, percentOfTarget: percent }
    }),
  )
}

/** Indices of reported indicators that the winner never promised (a report may only cover promised ones). */
export function unpromisedIndicators(promised: readonly PromisedImpact[], reported: readonly Pick<ReportedIndicator, 'sdgTarget' | 'indicator'>[]): number[] {
  const known = new Set(promised.flatMap((p) => p.indicators.map((i) => key(p.sdgTarget, i.name))))
  return reported.flatMap((r, index) => (known.has(key(r.sdgTarget, r.indicator)) ? [] : [index]))
}

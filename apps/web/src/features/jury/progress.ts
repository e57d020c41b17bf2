/** Share of a juror's (or proposal's) scorecards that are submitted, whole percent; 0 when none assigned. */
export function progressPercent(p: { assigned: number; submitted: number }): number {
  return p.assigned === 0 ? 0 : Math.floor((100 * p.submitted) / p.assigned)
}

/** Round-wide completion, for the dashboard's headline. */
export function roundCompletion(perJuror: readonly { assigned: number; submitted: number }[]): { assigned: number; submitted: number; percent: number } {
  const assigned = perJuror.reduce((s, j) => s + j.assigned, 0)
  const submitted = perJuror.reduce((s, j) => s + j.submitted, 0)
  return { assigned, submitted, percent: progressPercent({ assigned, submitted }) }
}

/**
 * The submitted snapshot as the juror reads it. The API types it loosely (identity keys are dropped
 * in blind rounds), so only the content fields are read, each checked, and nothing else is shown.
 */
export interface JurorProposalContent {
  title: string
  summary: string
  approach: string
  team: string
  requestedBudget: number | null
  plannedImpact: { sdgTarget: string; indicators: { name: string; baseline: number | null; target: number | null; unit: string }[] }[]
  socialReturn: { hours: number | null; jobs: number | null; targetGroup: string } | null
  documents: { id: string; name: string; mediaType: string; sizeBytes: number }[]
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)
const str = (v: unknown) => (typeof v === 'string' ? v : '')
const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : null)

export function readSnapshot(snapshot: unknown): JurorProposalContent {
  const s = isRecord(snapshot) ? snapshot : {}
  const cents = num(s.requestedBudgetCents)
  const social = isRecord(s.socialReturn) ? s.socialReturn : null
  return {
    title: str(s.title),
    summary: str(s.summary),
    approach: str(s.approach),
    team: str(s.team),
    requestedBudget: cents === null ? null : cents / 100,
    plannedImpact: (Array.isArray(s.plannedImpact) ? s.plannedImpact : []).filter(isRecord).map((i) => ({
      sdgTarget: str(i.sdgTarget),
      indicators: (Array.isArray(i.indicators) ? i.indicators : []).filter(isRecord).map((x) => ({ name: str(x.name), baseline: num(x.baseline), target: num(x.target), unit: str(x.unit) })),
    })),
    socialReturn: social ? { hours: num(social.hours), jobs: num(social.jobs), targetGroup: str(social.targetGroup) } : null,
    documents: (Array.isArray(s.documents) ? s.documents : [])
      .filter(isRecord)
      .filter((d) => typeof d.id === 'string')
      .map((d) => ({ id: str(d.id), name: str(d.name), mediaType: str(d.mediaType), sizeBytes: num(d.sizeBytes) ?? 0 })),
  }
}

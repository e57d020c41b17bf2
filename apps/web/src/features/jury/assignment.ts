import type { UiMessage } from '../../composables/messages'
import type { AssignmentOverview, JuryMember } from './api'

export type Assignment = AssignmentOverview['assignments'][number]

export interface JurorColumn {
  memberId: string
  name: string
  load: number
  maxLoad: number
  items: Assignment[]
}

export const memberLabel = (m: Pick<JuryMember, 'name' | 'email'>) => m.name ?? m.email

/** The assignment per juror (what the chair reads first): every active juror, also those with none. */
export function assignmentsByJuror(overview: AssignmentOverview, members: readonly JuryMember[]): JurorColumn[] {
  const load = new Map(overview.loadPerJuror.map((l) => [l.memberId, l]))
  const active = members.filter((m) => m.status === 'active')
  const known = new Set(active.map((m) => m.id))
  const columns = active.map((m) => ({ memberId: m.id, name: memberLabel(m), load: load.get(m.id)?.load ?? 0, maxLoad: load.get(m.id)?.maxLoad ?? 0, items: [] as Assignment[] }))
  // Pairs of someone no longer listed as active still show, so nothing assigned is hidden.
  for (const a of overview.assignments) if (!known.has(a.memberId)) {
    known.add(a.memberId)
    columns.push({ memberId: a.memberId, name: a.memberId, load: load.get(a.memberId)?.load ?? 0, maxLoad: load.get(a.memberId)?.maxLoad ?? 0, items: [] })
  }
  const byId = new Map(columns.map((c) => [c.memberId, c]))
  for (const a of overview.assignments) byId.get(a.memberId)!.items.push(a)
  for (const c of columns) c.items.sort((a, b) => a.proposalTitle.localeCompare(b.proposalTitle))
  return columns
}

interface ExplanationShape {
  sharedGoals?: number[]
  uncoveredGoals?: number[]
  jurorLoad?: number
  jurorMaxLoad?: number | null
  fixed?: boolean
  betterMatches?: { jurorId: string; matchScore: number; status: string }[]
  issues?: string[]
}

/**
 * Why a juror got a proposal, as sentences the screen translates: the SDG goals they share, their
 * load, and why jurors with a better match were not used (the solver's structured explanation).
 */
export function explanationMessages(a: Assignment, nameOf: (memberId: string) => string): UiMessage[] {
  const e = (typeof a.explanation === 'object' && a.explanation !== null ? a.explanation : {}) as ExplanationShape
  const out: UiMessage[] = []
  const shared = e.sharedGoals ?? a.sharedGoals
  out.push(shared.length > 0 ? { key: 'jury.assignment.why.shared', params: { goals: shared.join(', ') } } : { key: 'jury.assignment.why.noShared' })
  if (e.uncoveredGoals && e.uncoveredGoals.length > 0) out.push({ key: 'jury.assignment.why.uncovered', params: { goals: e.uncoveredGoals.join(', ') } })
  if (e.jurorLoad !== undefined) out.push({ key: 'jury.assignment.why.load', params: { load: e.jurorLoad, max: e.jurorMaxLoad ?? '—' } })
  if (a.manual || e.fixed) out.push({ key: 'jury.assignment.why.manual' })
  for (const b of e.betterMatches ?? []) out.push({ key: `jury.assignment.why.better.${b.status}`, params: { name: nameOf(b.jurorId), score: b.matchScore }, fallback: `${nameOf(b.jurorId)}: ${b.status}` })
  for (const issue of e.issues ?? []) out.push({ key: `jury.assignment.why.issue.${issue}`, fallback: issue })
  return out
}

interface InfeasibleProblem {
  code?: string
  detail?: string
  reason?: string
  details?: Record<string, unknown>
}

/**
 * The chair's warning for a 422 `jury.assignment_infeasible`: the solver's reason with its numbers,
 * worded by the screen; anything unexpected falls back to the server's own sentence.
 */
export function infeasibleMessages(problem: unknown, titleOf: (proposalId: string) => string): UiMessage[] {
  const p = (typeof problem === 'object' && problem !== null ? problem : {}) as InfeasibleProblem
  const d = p.details ?? {}
  const fallback = p.detail ?? ''
  switch (p.reason) {
    case 'capacity':
      return [{ key: 'jury.assignment.infeasible.capacity', params: { proposals: Number(d.proposalCount), k: Number(d.k), needed: Number(d.reviewsNeeded), capacity: Number(d.usableCapacity) }, fallback }]
    case 'k_exceeds_jurors':
      return [{ key: 'jury.assignment.infeasible.kExceedsJurors', params: { k: Number(d.k), jurors: Number(d.availableJurors) }, fallback }]
    case 'conflicts': {
      const per = Array.isArray(d.proposals) ? (d.proposals as { proposalId: string; needed: number; eligibleJurors: number }[]) : []
      const group = d.group as { reviewsNeeded: number; reviewsAvailable: number } | undefined
      const ids = Array.isArray(d.proposalIds) ? (d.proposalIds as string[]) : []
      return [
        { key: 'jury.assignment.infeasible.conflicts', fallback },
        ...per.map((x): UiMessage => ({ key: 'jury.assignment.infeasible.conflictProposal', params: { title: titleOf(x.proposalId), needed: x.needed, eligible: x.eligibleJurors } })),
        ...(per.length === 0 ? ids.map((id): UiMessage => ({ key: 'jury.assignment.infeasible.conflictProposalShort', params: { title: titleOf(id) } })) : []),
        ...(group ? [{ key: 'jury.assignment.infeasible.group', params: { needed: group.reviewsNeeded, available: group.reviewsAvailable } }] : []),
      ]
    }
    case 'fixed_pairs':
      return [{ key: 'jury.assignment.infeasible.fixedPairs', fallback }]
    default:
      return [fallback !== '' ? { text: fallback } : { key: 'common.unknownError' }]
  }
}

/** Jurors the chair may put on a proposal by hand: active, not already on it, not the one leaving. */
export function swapCandidates(overview: AssignmentOverview, members: readonly JuryMember[], proposalId: string): JuryMember[] {
  const onIt = new Set(overview.assignments.filter((a) => a.proposalId === proposalId).map((a) => a.memberId))
  return members.filter((m) => m.status === 'active' && !onIt.has(m.id))
}

import { parseDutchNumber } from '../../composables/dutch-number'
import type { PlannedImpact, Proposal, ProposalPatch } from './api'

/** The editable text of a proposal as the form holds it: numbers as typed, so half-typed values never vanish. */
export interface ProposalForm {
  title: string
  summary: string
  approach: string
  team: string
  requestedBudget: string
  plannedImpact: { sdgTarget: string; indicators: { name: string; baseline: string; target: string; unit: string }[] }[]
  socialReturn: { hours: string; jobs: string; targetGroup: string }
}

const numText = (n: number | null | undefined) => (n === null || n === undefined ? '' : String(n).replace('.', ','))

export function formFromProposal(p: Proposal): ProposalForm {
  return {
    title: p.title,
    summary: p.summary,
    approach: p.approach,
    team: p.team,
    requestedBudget: p.requestedBudget === null ? '' : numText(p.requestedBudget),
    plannedImpact: p.plannedImpact.map((row) => ({
      sdgTarget: row.sdgTarget,
      indicators: row.indicators.map((i) => ({ name: i.name, baseline: numText(i.baseline), target: numText(i.target), unit: i.unit })),
    })),
    socialReturn: { hours: numText(p.socialReturn?.hours), jobs: numText(p.socialReturn?.jobs), targetGroup: p.socialReturn?.targetGroup ?? '' },
  }
}

/** "1.234,56", "1234.56", "1234" → number; "" → null; anything else → undefined (not a number). */
export function parseNumber(text: string): number | null | undefined {
  return parseDutchNumber(text)
}

export interface PatchResult {
  patch: Omit<ProposalPatch, 'version'>
  /** Form field ids (`proposal-…`) whose text is not a number; they are left out of the save. */
  invalid: string[]
}

/** The PATCH body for the form; a field that does not parse keeps its stored value (it is simply not sent). */
export function patchFromForm(form: ProposalForm): PatchResult {
  const invalid: string[] = []
  const num = (text: string, id: string, integer = false) => {
    const value = parseNumber(text)
    if (value === undefined || (integer && value !== null && !Number.isInteger(value))) {
      invalid.push(id)
      return undefined
    }
    return value
  }
  const budget = num(form.requestedBudget, 'proposal-requestedBudget')
  let impactValid = true
  const plannedImpact: PlannedImpact[] = form.plannedImpact.map((row, i) => ({
    sdgTarget: row.sdgTarget,
    indicators: row.indicators.map((ind, j) => {
      const baseline = num(ind.baseline, `proposal-plannedImpact-${i}-indicators-${j}-baseline`)
      const target = num(ind.target, `proposal-plannedImpact-${i}-indicators-${j}-target`)
      if (baseline === undefined || target === undefined) impactValid = false
      return { name: ind.name, unit: ind.unit, baseline: baseline ?? null, target: target ?? null }
    }),
  }))
  const hours = num(form.socialReturn.hours, 'proposal-socialReturn-hours', true)
  const jobs = num(form.socialReturn.jobs, 'proposal-socialReturn-jobs', true)
  const social = form.socialReturn
  const socialEmpty = social.hours.trim() === '' && social.jobs.trim() === '' && social.targetGroup.trim() === ''
  return {
    patch: {
      ...(form.title.trim() !== '' ? { title: form.title } : {}),
      summary: form.summary,
      approach: form.approach,
      team: form.team,
      ...(budget !== undefined ? { requestedBudget: budget } : {}),
      ...(impactValid ? { plannedImpact } : {}),
      ...(hours !== undefined && jobs !== undefined ? { socialReturn: socialEmpty ? null : { hours, jobs, targetGroup: social.targetGroup } } : {}),
    },
    invalid,
  }
}

/** `/plannedImpact/0/indicators/1/unit` → `plannedImpact-0-indicators-1-unit`: the id suffix of that field in the editor. */
export const fieldIdOfPointer = (pointer: string) => pointer.replace(/^\//, '').split('/').join('-')

type Message = { key: string; params?: Record<string, string | number>; fieldKey: string }
const TOP_LEVEL: Record<string, string> = {
  title: 'proposals.fields.title',
  summary: 'proposals.fields.summary',
  approach: 'proposals.fields.approach',
  team: 'proposals.fields.team',
  requestedBudget: 'proposals.fields.requestedBudget',
  plannedImpact: 'proposals.impact.title',
  socialReturn: 'proposals.social.title',
}
const INDICATOR: Record<string, string> = { name: 'proposals.impact.name', baseline: 'proposals.impact.baseline', target: 'proposals.impact.targetValue', unit: 'proposals.impact.unit' }
const SOCIAL: Record<string, string> = { hours: 'proposals.social.hours', jobs: 'proposals.social.jobs', targetGroup: 'proposals.social.targetGroup' }

/** "Impact 1, indicator 2: Unit is not filled in yet" for a missing field named by its JSON pointer; null for unknown pointers. */
export function missingFieldMessage(pointer: string): Message | null {
  const [head, a, b, c, d] = pointer.replace(/^\//, '').split('/')
  if (head === undefined) return null
  if (a === undefined) return TOP_LEVEL[head] ? { key: 'proposals.submit.missing', fieldKey: TOP_LEVEL[head] } : null
  if (head === 'socialReturn' && SOCIAL[a]) return { key: 'proposals.submit.missing', fieldKey: SOCIAL[a] }
  if (head !== 'plannedImpact') return null
  const row = Number(a) + 1
  if (b === 'sdgTarget') return { key: 'proposals.submit.missingImpact', params: { row }, fieldKey: 'proposals.impact.target' }
  if (b === 'indicators' && c === undefined) return { key: 'proposals.submit.missingImpact', params: { row }, fieldKey: 'proposals.impact.indicators' }
  if (b === 'indicators' && d !== undefined && INDICATOR[d]) return { key: 'proposals.submit.missingIndicator', params: { row, n: Number(c) + 1 }, fieldKey: INDICATOR[d] }
  return null
}

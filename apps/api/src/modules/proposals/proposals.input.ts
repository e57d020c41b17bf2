import { checkImpactTarget, type ChallengeSdgScope } from '@opgave/domain'
import type { PlannedImpact, UpdateProposalBody } from '@opgave/contracts'
import { commonProblems } from '../../lib/problem'

/** Euros with at most two decimals → whole cents; anything finer is refused, never rounded away. */
export function eurosToCents(euros: number): number | null {
  const cents = Math.round(euros * 100)
  return Math.abs(euros * 100 - cents) < 1e-6 ? cents : null
}

const TARGET_MESSAGES = {
  unknown_target: 'Unknown SDG target.',
  outside_challenge: 'This SDG target does not belong to the goals or targets of the challenge.',
} as const

/** Field checks the schema cannot express: money precision and SDG targets against catalogue and challenge. */
export function checkUpdateInput(body: UpdateProposalBody, challenge: ChallengeSdgScope): { requestedBudgetCents?: number | null } {
  const errors: { field: string; code: string; message: string }[] = []
  let requestedBudgetCents: number | null | undefined
  if (body.requestedBudget !== undefined) {
    requestedBudgetCents = body.requestedBudget === null ? null : eurosToCents(body.requestedBudget)
    if (body.requestedBudget !== null && requestedBudgetCents === null) errors.push({ field: '/requestedBudget', code: 'proposals.budget_precision', message: 'Use at most two decimals (whole cents).' })
  }
  body.plannedImpact?.forEach((impact: PlannedImpact, i) => {
    if (impact.sdgTarget.trim() === '') return // an unfinished draft row; completeness catches it on submit
    const problem = checkImpactTarget(impact.sdgTarget, challenge)
    if (problem) errors.push({ field: `/plannedImpact/${i}/sdgTarget`, code: `proposals.${problem}`, message: TARGET_MESSAGES[problem] })
  })
  if (errors.length > 0) throw commonProblems.validation(errors)
  return requestedBudgetCents === undefined ? {} : { requestedBudgetCents }
}

import type { ProposalContent, ProposalFieldProblem } from './proposal-content'

export interface CompletenessContext {
  /** When the challenge asks for social return (a percentage > 0), the commitment is required. */
  readonly socialReturnRequired: boolean
}

const missing = (field: string, message: string): ProposalFieldProblem => ({ field, code: 'proposals.field_required', message })
const blank = (text: string) => text.trim().length === 0

/**
 * Everything a proposal needs before it can be submitted. Returns every gap at once, so the
 * entrepreneur sees the whole list in one error summary instead of fixing them one by one.
 */
export function checkProposalCompleteness(content: ProposalContent, context: CompletenessContext): ProposalFieldProblem[] {
  const problems: ProposalFieldProblem[] = []
  if (blank(content.title)) problems.push(missing('/title', 'Give the proposal a title.'))
  if (blank(content.summary)) problems.push(missing('/summary', 'Write a summary.'))
  if (blank(content.approach)) problems.push(missing('/approach', 'Describe the approach.'))
  if (blank(content.team)) problems.push(missing('/team', 'Describe the team.'))
  if (content.requestedBudgetCents === null) problems.push(missing('/requestedBudget', 'State the requested budget.'))

  if (content.plannedImpact.length === 0) problems.push(missing('/plannedImpact', 'Add at least one SDG target with an indicator.'))
  content.plannedImpact.forEach((impact, i) => {
    const at = `/plannedImpact/${i}`
    if (blank(impact.sdgTarget)) problems.push(missing(`${at}/sdgTarget`, 'Choose an SDG target.'))
    if (impact.indicators.length === 0) problems.push(missing(`${at}/indicators`, 'Add at least one indicator.'))
    impact.indicators.forEach((indicator, j) => {
      const ind = `${at}/indicators/${j}`
      if (blank(indicator.name)) problems.push(missing(`${ind}/name`, 'Name the indicator.'))
      if (indicator.baseline === null) problems.push(missing(`${ind}/baseline`, 'State the baseline.'))
      if (indicator.target === null) problems.push(missing(`${ind}/target`, 'State the target value.'))
      if (blank(indicator.unit)) problems.push(missing(`${ind}/unit`, 'State the unit.'))
    })
  })

  if (context.socialReturnRequired) {
    const sr = content.socialReturn
    if (!sr) problems.push(missing('/socialReturn', 'This challenge asks for a social-return commitment.'))
    else {
      if (sr.hours === null) problems.push(missing('/socialReturn/hours', 'State the hours of work for people with a distance to the labour market.'))
      if (sr.jobs === null) problems.push(missing('/socialReturn/jobs', 'State the number of jobs.'))
      if (blank(sr.targetGroup)) problems.push(missing('/socialReturn/targetGroup', 'Describe the target group.'))
    }
  }
  return problems
}

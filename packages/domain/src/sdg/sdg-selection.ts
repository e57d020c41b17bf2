import { getSdgTarget, isSdgGoalNumber } from './sdg-catalogue'

export interface SdgSelection {
  readonly goals: readonly number[]
  readonly targets: readonly string[]
}

export type SdgSelectionProblemCode =
  | 'sdg.unknown_goal'
  | 'sdg.unknown_target'
  | 'sdg.duplicate'
  | 'sdg.target_goal_not_selected'

export interface SdgSelectionProblem {
  readonly field: 'goals' | 'targets'
  /** Position in the submitted array, so a form can point at the offending entry. */
  readonly index: number
  readonly code: SdgSelectionProblemCode
  readonly value: number | string
}

/**
 * Checks the SDG goals and targets of a challenge, criterion, proposal or profile.
 *
 * A target counts only when its goal is selected too: goal-level overviews (dashboards,
 * filters, per-SDG scores) then never miss a goal that is only implied by a target. The UI
 * adds the goal when a target is picked; this rule catches clients that don't.
 *
 * Each entry gets at most one problem, the most basic one: unknown, then duplicate (the
 * later occurrence is reported), then goal not selected. An empty selection is valid;
 * whether at least one SDG is required is up to the caller.
 */
export function validateSdgSelection(selection: SdgSelection): SdgSelectionProblem[] {
  const problems: SdgSelectionProblem[] = []
  const seenGoals = new Set<number>()
  selection.goals.forEach((goal, index) => {
    if (!isSdgGoalNumber(goal)) {
      problems.push({ field: 'goals', index, code: 'sdg.unknown_goal', value: goal })
    } else if (seenGoals.has(goal)) {
      problems.push({ field: 'goals', index, code: 'sdg.duplicate', value: goal })
    } else {
      seenGoals.add(goal)
    }
  })

  const seenTargets = new Set<string>()
  selection.targets.forEach((code, index) => {
    const target = getSdgTarget(code)
    if (target === undefined) {
      problems.push({ field: 'targets', index, code: 'sdg.unknown_target', value: code })
    } else if (seenTargets.has(code)) {
      problems.push({ field: 'targets', index, code: 'sdg.duplicate', value: code })
    } else {
      seenTargets.add(code)
      if (!seenGoals.has(target.goal)) {
        problems.push({ field: 'targets', index, code: 'sdg.target_goal_not_selected', value: code })
      }
    }
  })
  return problems
}

import { sdgGoals, type SdgGoal, type SdgGoalNumber } from './sdg-goals'
import { sdgTargets, type SdgTarget } from './sdg-targets'

const goalsByNumber = new Map<number, SdgGoal>(sdgGoals.map((goal) => [goal.number, goal]))
const targetsByCode = new Map<string, SdgTarget>(sdgTargets.map((target) => [target.code, target]))

// Typed `unknown` so request bodies and query strings can be checked without a cast first.
export function isSdgGoalNumber(value: unknown): value is SdgGoalNumber {
  return typeof value === 'number' && goalsByNumber.has(value)
}

export function isSdgTargetCode(value: unknown): value is string {
  return typeof value === 'string' && targetsByCode.has(value)
}

export function getSdgGoal(goalNumber: number): SdgGoal | undefined {
  return goalsByNumber.get(goalNumber)
}

export function getSdgTarget(code: string): SdgTarget | undefined {
  return targetsByCode.get(code)
}

/** The targets of one goal in UN order; empty for an unknown goal number. */
export function targetsOfGoal(goalNumber: number): readonly SdgTarget[] {
  return sdgTargets.filter((target) => target.goal === goalNumber)
}

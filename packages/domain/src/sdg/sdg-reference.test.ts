import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { sdgGoals } from './sdg-goals'
import { sdgTargets } from './sdg-targets'

// The official UN texts live outside the repository (/work/shared/data/sdg.json next to the
// checkout); a fresh clone does not have them, so the comparison falls back to the counts.
const referencePath = fileURLToPath(new URL('../../../../../shared/data/sdg.json', import.meta.url))

interface Reference {
  goals: { number: number; color: string }[]
  targets: { goal: number; code: string }[]
}

describe('SDG catalogue against the UN reference', () => {
  it('has exactly the reference target codes and goal colours (counts only when the reference is absent)', () => {
    expect(sdgGoals).toHaveLength(17)
    expect(sdgTargets).toHaveLength(169)
    if (!existsSync(referencePath)) return

    const reference = JSON.parse(readFileSync(referencePath, 'utf8')) as Reference
    const byCode = (a: string, b: string) => a.localeCompare(b)
    expect(sdgTargets.map((target) => target.code).sort(byCode)).toEqual(
      reference.targets.map((target) => target.code).sort(byCode),
    )
    expect(Object.fromEntries(sdgTargets.map((target) => [target.code, target.goal]))).toEqual(
      Object.fromEntries(reference.targets.map((target) => [target.code, target.goal])),
    )
    expect(sdgGoals.map((goal) => [goal.number, goal.color.toUpperCase()])).toEqual(
      [...reference.goals]
        .sort((a, b) => a.number - b.number)
        .map((goal) => [goal.number, goal.color.toUpperCase()]),
    )
  })
})

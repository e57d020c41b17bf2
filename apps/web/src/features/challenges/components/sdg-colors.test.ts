import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { getSdgGoal, sdgGoalTextColor } from '@opgave/domain'

const css = readFileSync(new URL('./sdg-colors.css', import.meta.url), 'utf8')

/** Each `.opgave-sdg-icon--goal-N { background-color: …; color: … }` rule of the stylesheet. */
function goalRules(text: string): Map<number, { background: string; color: string }> {
  const rules = new Map<number, { background: string; color: string }>()
  for (const m of text.matchAll(/\.opgave-sdg-icon--goal-(\d+)\s*\{\s*background-color:\s*([^;]+);\s*color:\s*([^;]+);\s*\}/g)) {
    rules.set(Number(m[1]), { background: m[2]!.trim(), color: m[3]!.trim() })
  }
  return rules
}

describe('sdg-colors.css', () => {
  it("holds each of the 17 goals' colours and text colour exactly as the domain defines them", () => {
    const rules = goalRules(css)
    expect([...rules.keys()].sort((a, b) => a - b)).toEqual(Array.from({ length: 17 }, (_, i) => i + 1))
    for (let goal = 1; goal <= 17; goal++) {
      expect(rules.get(goal), `goal ${goal}`).toEqual({ background: getSdgGoal(goal)!.color, color: sdgGoalTextColor(goal) })
    }
  })
})

import { describe, expect, it } from 'vitest'
import {
  getSdgGoal,
  getSdgTarget,
  isSdgGoalNumber,
  isSdgTargetCode,
  sdgGoals,
  sdgTargets,
  targetsOfGoal,
} from './index'

describe('SDG goals', () => {
  it('has the 17 goals numbered 1..17 with matching codes', () => {
    expect(sdgGoals).toHaveLength(17)
    expect(sdgGoals.map((goal) => goal.number)).toEqual(Array.from({ length: 17 }, (_, i) => i + 1))
    for (const goal of sdgGoals) expect(goal.code).toBe(String(goal.number))
  })

  it('has Dutch and English short names and a #RRGGBB colour for every goal', () => {
    for (const goal of sdgGoals) {
      expect(goal.shortName.nl.trim()).not.toBe('')
      expect(goal.shortName.en.trim()).not.toBe('')
      expect(goal.color).toMatch(/^#[0-9A-F]{6}$/)
    }
  })

  it('looks goals up by number', () => {
    expect(getSdgGoal(7)?.shortName.nl).toBe('Betaalbare en duurzame energie')
    expect(getSdgGoal(0)).toBeUndefined()
    expect(getSdgGoal(18)).toBeUndefined()
    expect(getSdgGoal(1.5)).toBeUndefined()
  })

  it('recognises goal numbers only as integers 1..17', () => {
    expect(isSdgGoalNumber(1)).toBe(true)
    expect(isSdgGoalNumber(17)).toBe(true)
    for (const value of [0, 18, -1, 2.5, Number.NaN, '3', null, undefined]) {
      expect(isSdgGoalNumber(value)).toBe(false)
    }
  })
})

describe('SDG targets', () => {
  it('has 169 targets with unique codes', () => {
    expect(sdgTargets).toHaveLength(169)
    expect(new Set(sdgTargets.map((target) => target.code)).size).toBe(169)
  })

  it('gives every target an existing goal that matches its code prefix', () => {
    for (const target of sdgTargets) {
      expect(getSdgGoal(target.goal)).toBeDefined()
      expect(target.code).toMatch(/^\d{1,2}\.(\d{1,2}|[a-z])$/)
      expect(target.code.split('.')[0]).toBe(String(target.goal))
    }
  })

  it('gives every goal at least one target, in UN order', () => {
    for (const goal of sdgGoals) expect(targetsOfGoal(goal.number).length).toBeGreaterThan(0)
    expect(targetsOfGoal(1).map((target) => target.code)).toEqual(['1.1', '1.2', '1.3', '1.4', '1.5', '1.a', '1.b'])
    expect(targetsOfGoal(16).map((target) => target.code).slice(8, 10)).toEqual(['16.9', '16.10'])
    expect(targetsOfGoal(18)).toEqual([])
  })

  it('has short, non-empty labels in Dutch and English', () => {
    for (const target of sdgTargets) {
      for (const label of [target.label.nl, target.label.en]) {
        expect(label.trim(), target.code).not.toBe('')
        expect(label.length, `${target.code}: ${label}`).toBeLessThanOrEqual(80)
        expect(label, target.code).toBe(label.trim())
      }
      expect(target.label.nl, target.code).not.toBe(target.label.en)
    }
  })

  it('looks targets up by exact code', () => {
    expect(getSdgTarget('1.1')?.label).toEqual({ nl: 'Extreme armoede uitbannen', en: 'Eradicate extreme poverty' })
    expect(getSdgTarget('17.19')?.goal).toBe(17)
    expect(getSdgTarget('1.A')).toBeUndefined()
    expect(getSdgTarget('1.01')).toBeUndefined()
    expect(getSdgTarget('18.1')).toBeUndefined()
  })

  it('recognises only catalogue target codes', () => {
    expect(isSdgTargetCode('1.a')).toBe(true)
    expect(isSdgTargetCode('16.10')).toBe(true)
    for (const value of ['1.c', '8.11', '1', '', ' 1.1', 1.1, null]) {
      expect(isSdgTargetCode(value)).toBe(false)
    }
  })
})

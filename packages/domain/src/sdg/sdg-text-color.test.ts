import { describe, expect, it } from 'vitest'
import { sdgGoals } from './sdg-goals'
import {
  WCAG_AA_CONTRAST,
  contrastRatio,
  readableTextColor,
  relativeLuminance,
  sdgGoalTextColor,
} from './sdg-text-color'

describe('relativeLuminance', () => {
  it('is 0 for black and 1 for white', () => {
    expect(relativeLuminance('#000000')).toBe(0)
    expect(relativeLuminance('#FFFFFF')).toBeCloseTo(1, 12)
  })

  it('uses the WCAG channel weights and sRGB linearisation', () => {
    expect(relativeLuminance('#FF0000')).toBeCloseTo(0.2126, 12)
    expect(relativeLuminance('#00FF00')).toBeCloseTo(0.7152, 12)
    expect(relativeLuminance('#0000FF')).toBeCloseTo(0.0722, 12)
    // 0x80 = 128: ((128/255 + 0.055) / 1.055) ^ 2.4
    expect(relativeLuminance('#808080')).toBeCloseTo(0.2158605, 6)
    // Below the 0.04045 knee the curve is linear: 10/255/12.92.
    expect(relativeLuminance('#0A0A0A')).toBeCloseTo(10 / 255 / 12.92, 12)
  })

  it('accepts lower-case hex and rejects anything else', () => {
    expect(relativeLuminance('#fcc30b')).toBe(relativeLuminance('#FCC30B'))
    expect(() => relativeLuminance('FCC30B')).toThrow(RangeError)
    expect(() => relativeLuminance('#FFF')).toThrow(RangeError)
  })
})

describe('contrastRatio', () => {
  it('is 21 for black on white, 1 for equal colours, and symmetric', () => {
    expect(contrastRatio('#000000', '#FFFFFF')).toBeCloseTo(21, 12)
    expect(contrastRatio('#FFFFFF', '#000000')).toBeCloseTo(21, 12)
    expect(contrastRatio('#4C9F38', '#4C9F38')).toBe(1)
  })

  it('matches a hand-computed case: white on #767676 is about 4.54', () => {
    expect(contrastRatio('#767676', '#FFFFFF')).toBeCloseTo(4.54, 2)
  })
})

describe('sdgGoalTextColor', () => {
  it('gives black text on goal 7 yellow and white text on goal 17 navy', () => {
    expect(sdgGoalTextColor(7)).toBe('#000000')
    expect(sdgGoalTextColor(17)).toBe('#FFFFFF')
  })

  it('reaches WCAG AA contrast (4.5:1) on every goal colour', () => {
    for (const goal of sdgGoals) {
      const ratio = contrastRatio(goal.color, sdgGoalTextColor(goal.number))
      expect(ratio, `goal ${goal.number}`).toBeGreaterThanOrEqual(WCAG_AA_CONTRAST)
    }
  })

  it('picks the colour with the higher contrast, even when both would pass', () => {
    // Goal 1 red: black 4.65, white 4.52.
    expect(sdgGoalTextColor(1)).toBe('#000000')
    expect(readableTextColor('#FFFFFF')).toBe('#000000')
    expect(readableTextColor('#000000')).toBe('#FFFFFF')
  })

  it('rejects an unknown goal number', () => {
    expect(() => sdgGoalTextColor(18)).toThrow(RangeError)
  })
})

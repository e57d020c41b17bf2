import { getSdgGoal } from './sdg-catalogue'

const BLACK = '#000000'
const WHITE = '#FFFFFF'
export type ContrastTextColor = typeof BLACK | typeof WHITE

/** WCAG 2.1 AA minimum contrast for normal-size text. */
export const WCAG_AA_CONTRAST = 4.5

function parseHexColor(hex: string): [number, number, number] {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex)
  if (match === null) throw new RangeError(`Not a #RRGGBB colour: ${hex}`)
  return [parseInt(match[1] ?? '', 16), parseInt(match[2] ?? '', 16), parseInt(match[3] ?? '', 16)]
}

// sRGB channel to linear light, as defined in WCAG 2.1 "relative luminance".
function linearize(channel: number): number {
  const c = channel / 255
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4
}

/** WCAG relative luminance of a `#RRGGBB` colour: 0 for black, 1 for white. */
export function relativeLuminance(hex: string): number {
  const [r, g, b] = parseHexColor(hex)
  return 0.2126 * linearize(r) + 0.7152 * linearize(g) + 0.0722 * linearize(b)
}

/** WCAG contrast ratio between two colours, from 1 (none) to 21 (black on white); symmetric. */
export function contrastRatio(a: string, b: string): number {
  const la = relativeLuminance(a)
  const lb = relativeLuminance(b)
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05)
}

/**
 * Black or white, whichever contrasts more with the background. For any background the
 * better of the two reaches at least ~4.58:1, so this always meets WCAG AA for normal text.
 */
export function readableTextColor(background: string): ContrastTextColor {
  return contrastRatio(background, BLACK) >= contrastRatio(background, WHITE) ? BLACK : WHITE
}

/** Text colour for labels drawn on a goal's official colour (tiles, chips, chart legends). */
export function sdgGoalTextColor(goalNumber: number): ContrastTextColor {
  const goal = getSdgGoal(goalNumber)
  if (goal === undefined) throw new RangeError(`Unknown SDG goal: ${goalNumber}`)
  return readableTextColor(goal.color)
}

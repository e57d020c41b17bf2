import { populationSd } from './statistics'

export const DEFAULT_DISAGREEMENT_THRESHOLD = 15

/** Population sd of a proposal's raw totals R (not calibrated); flagged when strictly above the threshold. */
export function disagreement({
  totals,
  threshold = DEFAULT_DISAGREEMENT_THRESHOLD,
}: {
  totals: ArrayLike<number>
  threshold?: number
}): { sd: number; flagged: boolean } {
  const sd = populationSd(totals)
  return { sd, flagged: sd > threshold }
}

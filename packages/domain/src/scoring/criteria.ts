import type { Criterion } from './types'

/** Rejects criteria the formulas cannot handle; these are programming errors, not data to skip. */
export function assertValidCriteria(criteria: readonly Criterion[]): void {
  if (criteria.length === 0) throw new RangeError('a round needs at least one criterion')
  const seen = new Set<string>()
  for (const c of criteria) {
    if (seen.has(c.id)) throw new RangeError(`duplicate criterion id ${c.id}`)
    seen.add(c.id)
    if (!Number.isFinite(c.weight) || c.weight <= 0) {
      throw new RangeError(`criterion ${c.id}: weight must be a finite number > 0`)
    }
    if (!Number.isFinite(c.scaleMin) || !Number.isFinite(c.scaleMax) || c.scaleMax <= c.scaleMin) {
      throw new RangeError(`criterion ${c.id}: scaleMax must be greater than scaleMin`)
    }
    if (c.threshold != null && !Number.isFinite(c.threshold)) {
      throw new RangeError(`criterion ${c.id}: threshold must be finite or null`)
    }
    for (const goal of c.sdgGoals) {
      if (!Number.isInteger(goal) || goal < 1 || goal > 17) {
        throw new RangeError(`criterion ${c.id}: SDG goal ${goal} is not 1–17`)
      }
    }
  }
}

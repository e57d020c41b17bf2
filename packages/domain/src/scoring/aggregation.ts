import { mean } from './statistics'
import type { AggregationMethod } from './types'

/** Trimming needs at least this many values; below it the trimmed mean is the plain mean. */
const TRIM_MIN_VALUES = 5

/** Combines the jurors' (calibrated) totals of one proposal into its final score. */
export function aggregate({
  values,
  method,
}: {
  values: ArrayLike<number>
  method: AggregationMethod
}): number {
  return aggregateInPlace(Float64Array.from(values), method)
}

/**
 * In-place ascending sort. A proposal has a handful of jurors, and for such short lists insertion sort
 * beats TypedArray#sort's per-call overhead several times over (this runs once per proposal per variant).
 */
function sortAscending(values: Float64Array): Float64Array {
  if (values.length > 64) return values.sort()
  for (let i = 1; i < values.length; i++) {
    const v = values[i]!
    let j = i - 1
    while (j >= 0 && values[j]! > v) {
      values[j + 1] = values[j]!
      j--
    }
    values[j + 1] = v
  }
  return values
}

/** aggregate() on a scratch buffer it may reorder: the pipeline reuses one buffer for all proposals. */
export function aggregateInPlace(values: Float64Array, method: AggregationMethod): number {
  const n = values.length
  if (n === 0) throw new RangeError('cannot aggregate an empty list')
  if (method === 'mean') return mean(values)
  const sorted = sortAscending(values)
  if (method === 'median') {
    const mid = n >> 1
    return n % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
  }
  if (method === 'trimmed_mean') {
    if (n < TRIM_MIN_VALUES) return mean(sorted)
    // Drop exactly one lowest and one highest value.
    return mean(sorted.subarray(1, n - 1))
  }
  throw new RangeError(`unknown aggregation method ${String(method)}`)
}

// Small numeric helpers shared by the pipeline. Deviations are population ones (divide by n).

export function mean(values: ArrayLike<number>): number {
  if (values.length === 0) throw new RangeError('mean of an empty list')
  let sum = 0
  for (let i = 0; i < values.length; i++) sum += values[i] as number
  return sum / values.length
}

/** Two-pass population standard deviation; exact 0 when all values are equal. */
export function populationSd(values: ArrayLike<number>): number {
  if (values.length === 0) throw new RangeError('standard deviation of an empty list')
  const first = values[0] as number
  let allEqual = true
  for (let i = 1; i < values.length; i++) if (values[i] !== first) allEqual = false
  // Avoid a tiny non-zero sd from rounding in the mean when every value is the same.
  if (allEqual) return 0
  const m = mean(values)
  let ss = 0
  for (let i = 0; i < values.length; i++) {
    const d = (values[i] as number) - m
    ss += d * d
  }
  return Math.sqrt(ss / values.length)
}

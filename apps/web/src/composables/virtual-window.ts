/**
 * Windowing math for long tables and lists: which rows to render for a scroll position, and how tall
 * the spacers before and after them must be so that the scrollbar stands for the whole list. Pure
 * functions; `use-virtual-rows.ts` wires them to the DOM.
 */

/** Rows [start, end) to render, with the heights (px) the spacers before and after them take. */
export interface RowWindow {
  start: number
  /** Exclusive. */
  end: number
  before: number
  after: number
  /** Height of all rows together. */
  total: number
}

const EMPTY: RowWindow = { start: 0, end: 0, before: 0, after: 0, total: 0 }

const clamp = (value: number, min: number, max: number) => Math.min(Math.max(value, min), max)

/** Rows of one fixed height: the rows in the viewport plus `overscan` rows either side. */
export function visibleWindow({ scrollTop, viewportHeight, rowHeight, rowCount, overscan }: { scrollTop: number; viewportHeight: number; rowHeight: number; rowCount: number; overscan: number }): RowWindow {
  if (rowCount <= 0) return EMPTY
  const height = rowHeight > 0 ? rowHeight : 1
  const viewport = Math.max(0, viewportHeight)
  const total = rowCount * height
  // A list that shrank under a scrolled viewport shows its end rather than nothing.
  const top = clamp(Number.isFinite(scrollTop) ? scrollTop : 0, 0, Math.max(0, total - viewport))
  const first = Math.min(rowCount - 1, Math.floor(top / height))
  const last = Math.max(first + 1, Math.min(rowCount, Math.ceil((top + viewport) / height)))
  const start = Math.max(0, first - Math.max(0, overscan))
  const end = Math.min(rowCount, last + Math.max(0, overscan))
  return { start, end, before: start * height, after: (rowCount - end) * height, total }
}

/** Prefix sums of row heights: offsets[i] is where row i starts, offsets[n] the total height. */
export function rowOffsets(heights: ArrayLike<number>): Float64Array {
  const offsets = new Float64Array(heights.length + 1)
  for (let i = 0; i < heights.length; i++) offsets[i + 1] = offsets[i]! + Math.max(0, heights[i]!)
  return offsets
}

/** The row that covers vertical position y (the last row when y is past the end); -1 for no rows. */
export function rowAt(offsets: ArrayLike<number>, y: number): number {
  const n = offsets.length - 1
  if (n <= 0) return -1
  let lo = 0
  let hi = n - 1
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1
    if (offsets[mid]! <= y) lo = mid
    else hi = mid - 1
  }
  return lo
}

/** Rows of measured (or estimated) heights, given as `rowOffsets`: the same window as `visibleWindow`. */
export function measuredWindow({ scrollTop, viewportHeight, offsets, overscan }: { scrollTop: number; viewportHeight: number; offsets: ArrayLike<number>; overscan: number }): RowWindow {
  const rowCount = offsets.length - 1
  if (rowCount <= 0) return EMPTY
  const total = offsets[rowCount]!
  const viewport = Math.max(0, viewportHeight)
  const top = clamp(Number.isFinite(scrollTop) ? scrollTop : 0, 0, Math.max(0, total - viewport))
  const first = rowAt(offsets, top)
  // The first row that starts at or below the viewport's bottom edge is not visible.
  let last = rowAt(offsets, top + viewport)
  if (offsets[last]! < top + viewport) last += 1
  last = Math.max(first + 1, Math.min(rowCount, last))
  const start = Math.max(0, first - Math.max(0, overscan))
  const end = Math.min(rowCount, last + Math.max(0, overscan))
  return { start, end, before: offsets[start]!, after: total - offsets[end]!, total }
}

export type ScrollKey = 'ArrowDown' | 'ArrowUp' | 'PageDown' | 'PageUp' | 'Home' | 'End'

/**
 * Where a focused scroll container goes for a navigation key: a line (about one row) for the arrows,
 * a viewport less one line for the page keys, the ends for Home/End. Null for any other key.
 */
export function scrollTargetForKey(key: string, { scrollTop, viewportHeight, lineHeight, scrollHeight }: { scrollTop: number; viewportHeight: number; lineHeight: number; scrollHeight: number }): number | null {
  const max = Math.max(0, scrollHeight - viewportHeight)
  const line = Math.max(1, lineHeight)
  const page = Math.max(line, viewportHeight - line)
  const to = (y: number) => clamp(Math.round(y), 0, max)
  switch (key) {
    case 'ArrowDown':
      return to(scrollTop + line)
    case 'ArrowUp':
      return to(scrollTop - line)
    case 'PageDown':
      return to(scrollTop + page)
    case 'PageUp':
      return to(scrollTop - page)
    case 'Home':
      return 0
    case 'End':
      return max
    default:
      return null
  }
}

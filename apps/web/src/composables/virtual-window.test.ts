import { describe, expect, it } from 'vitest'
import { measuredWindow, rowAt, rowOffsets, scrollTargetForKey, visibleWindow } from './virtual-window'

describe('visibleWindow (fixed row height)', () => {
  const base = { viewportHeight: 400, rowHeight: 40, rowCount: 5000, overscan: 5 }

  it('renders the rows in view plus the overscan, with spacers that add up to the whole list', () => {
    const w = visibleWindow({ ...base, scrollTop: 0 })
    expect(w).toEqual({ start: 0, end: 15, before: 0, after: (5000 - 15) * 40, total: 200_000 })
    const mid = visibleWindow({ ...base, scrollTop: 100_000 })
    expect(mid.start).toBe(2500 - 5)
    expect(mid.end).toBe(2510 + 5)
    expect(mid.before + (mid.end - mid.start) * 40 + mid.after).toBe(mid.total)
  })

  it('counts a row cut off at the top or bottom as visible', () => {
    const w = visibleWindow({ ...base, overscan: 0, scrollTop: 20 })
    expect([w.start, w.end]).toEqual([0, 11])
  })

  it('ends at the last row, even when scrolled past the end or when the list shrank', () => {
    const end = visibleWindow({ ...base, scrollTop: 1e9 })
    expect(end.end).toBe(5000)
    expect(end.after).toBe(0)
    expect(end.start).toBe(5000 - 10 - 5)
    const shrunk = visibleWindow({ ...base, rowCount: 3, scrollTop: 50_000 })
    expect(shrunk).toEqual({ start: 0, end: 3, before: 0, after: 0, total: 120 })
  })

  it('handles an empty list, a negative scroll and a zero-height viewport', () => {
    expect(visibleWindow({ ...base, rowCount: 0, scrollTop: 0 })).toEqual({ start: 0, end: 0, before: 0, after: 0, total: 0 })
    expect(visibleWindow({ ...base, scrollTop: -300 }).start).toBe(0)
    const closed = visibleWindow({ ...base, viewportHeight: 0, overscan: 0, scrollTop: 400 })
    expect(closed.end - closed.start).toBe(1)
  })
})

describe('measured rows', () => {
  it('builds prefix sums and finds the row under a position', () => {
    const offsets = rowOffsets([10, 20, 30])
    expect([...offsets]).toEqual([0, 10, 30, 60])
    expect([rowAt(offsets, 0), rowAt(offsets, 9.9), rowAt(offsets, 10), rowAt(offsets, 59), rowAt(offsets, 500)]).toEqual([0, 0, 1, 2, 2])
    expect(rowAt(rowOffsets([]), 0)).toBe(-1)
  })

  it('agrees with the fixed-height window when every row has the same height', () => {
    const offsets = rowOffsets(new Array<number>(5000).fill(40))
    for (const scrollTop of [0, 20, 399, 400, 12_345, 100_000, 199_600, 1e9]) {
      expect(measuredWindow({ scrollTop, viewportHeight: 400, offsets, overscan: 5 })).toEqual(visibleWindow({ scrollTop, viewportHeight: 400, rowHeight: 40, rowCount: 5000, overscan: 5 }))
    }
  })

  it('keeps an opened (tall) row in the window while any of it is in view', () => {
    const heights = new Array<number>(100).fill(40)
    heights[10] = 1000 // a row with its juror details opened
    const offsets = rowOffsets(heights)
    const w = measuredWindow({ scrollTop: 400 + 900, viewportHeight: 400, offsets, overscan: 0 })
    expect(w.start).toBe(10)
    expect(w.before).toBe(400)
    expect(w.before + heights.slice(w.start, w.end).reduce((a, b) => a + b, 0) + w.after).toBe(w.total)
  })
})

describe('scrollTargetForKey', () => {
  const at = { scrollTop: 1000, viewportHeight: 500, lineHeight: 40, scrollHeight: 10_000 }

  it('moves a line, a page or to the ends', () => {
    expect(scrollTargetForKey('ArrowDown', at)).toBe(1040)
    expect(scrollTargetForKey('ArrowUp', at)).toBe(960)
    expect(scrollTargetForKey('PageDown', at)).toBe(1460)
    expect(scrollTargetForKey('PageUp', at)).toBe(540)
    expect(scrollTargetForKey('Home', at)).toBe(0)
    expect(scrollTargetForKey('End', at)).toBe(9500)
  })

  it('stays within the list and ignores other keys', () => {
    expect(scrollTargetForKey('PageUp', { ...at, scrollTop: 100 })).toBe(0)
    expect(scrollTargetForKey('PageDown', { ...at, scrollTop: 9400 })).toBe(9500)
    expect(scrollTargetForKey('End', { ...at, scrollHeight: 300 })).toBe(0)
    expect(scrollTargetForKey('Enter', at)).toBeNull()
    expect(scrollTargetForKey('a', at)).toBeNull()
  })
})

import { describe, expect, it, vi } from 'vitest'
import { mayLeave } from './use-leave-guard'

describe('mayLeave', () => {
  it('lets the user go without asking when nothing is unsaved', () => {
    const ask = vi.fn(() => false)
    expect(mayLeave(false, ask)).toBe(true)
    expect(ask).not.toHaveBeenCalled()
  })

  it('asks when something is unsaved, and stays unless the user agrees', () => {
    expect(mayLeave(true, () => false)).toBe(false)
    expect(mayLeave(true, () => true)).toBe(true)
  })
})

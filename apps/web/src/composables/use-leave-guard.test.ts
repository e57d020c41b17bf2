import { describe, expect, it, vi } from 'vitest'
import { formChanged, mayLeave } from './use-leave-guard'

describe('mayLeave', () => {
  it('lets the user go without asking when nothing is unsaved', () => {
    const ask = vi.fn(() => false)
    const to = {}
    expect(mayLeave(false, to, ask, new WeakMap())).toBe(true)
    expect(mayLeave(false, to, ask, new WeakMap())).toBe(true)
    expect(ask).not.toHaveBeenCalled()
  })

  it('asks when something is unsaved, and stays unless the user agrees', () => {
    expect(mayLeave(true, {}, () => false, new WeakMap())).toBe(false)
    expect(mayLeave(true, {}, () => true, new WeakMap())).toBe(true)
  })

  it('asks once for two forms with unsaved edits in one navigation, and the answer holds for both', () => {
    const answers = new WeakMap<object, boolean>()
    const to = {}
    const agree = vi.fn(() => true)
    expect(mayLeave(true, to, agree, answers)).toBe(true)
    expect(mayLeave(true, to, agree, answers)).toBe(true)
    expect(agree).toHaveBeenCalledTimes(1)

    const decline = vi.fn(() => false)
    const next = {}
    expect(mayLeave(true, next, decline, answers)).toBe(false)
    expect(mayLeave(true, next, decline, answers)).toBe(false)
    expect(decline).toHaveBeenCalledTimes(1)
  })

  it('asks again in the next navigation, after the user stayed or left', () => {
    const answers = new WeakMap<object, boolean>()
    const ask = vi.fn().mockReturnValueOnce(false).mockReturnValueOnce(true)
    expect(mayLeave(true, {}, ask, answers)).toBe(false)
    expect(mayLeave(true, {}, ask, answers)).toBe(true)
    expect(ask).toHaveBeenCalledTimes(2)
  })

  it('keeps the answer when a guard redirects the navigation (the new target names the first as redirectedFrom)', () => {
    const answers = new WeakMap<object, boolean>()
    const ask = vi.fn(() => true)
    const first = {}
    expect(mayLeave(true, first, ask, answers)).toBe(true)
    expect(mayLeave(true, { redirectedFrom: first }, ask, answers)).toBe(true)
    expect(ask).toHaveBeenCalledTimes(1)
  })
})

describe('formChanged', () => {
  it('is false for equal values, nested ones included, and true for any difference', () => {
    const form = () => ({ name: 'Haalbaarheid', weight: '20', levels: [{ score: '1', description: '' }] })
    expect(formChanged(form(), form())).toBe(false)
    expect(formChanged({ ...form(), name: 'Haalbaar' }, form())).toBe(true)
    expect(formChanged({ ...form(), levels: [...form().levels, { score: '', description: '' }] }, form())).toBe(true)
  })
})

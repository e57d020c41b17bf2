import { describe, expect, it, vi } from 'vitest'
import { formChanged, mayLeave } from './use-leave-guard'

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

describe('formChanged', () => {
  it('is false for equal values, nested ones included, and true for any difference', () => {
    const form = () => ({ name: 'Haalbaarheid', weight: '20', levels: [{ score: '1', description: '' }] })
    expect(formChanged(form(), form())).toBe(false)
    expect(formChanged({ ...form(), name: 'Haalbaar' }, form())).toBe(true)
    expect(formChanged({ ...form(), levels: [...form().levels, { score: '', description: '' }] }, form())).toBe(true)
  })
})

import { describe, expect, it, vi } from 'vitest'
import { formChanged, GuardedForms, mayLeave } from './use-leave-guard'

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

describe('GuardedForms.leaveAskingFirst (logging out)', () => {
  it('leaves without asking when no form on screen holds unsaved edits', async () => {
    const forms = new GuardedForms()
    forms.watch(() => false)
    const ask = vi.fn(() => false)
    const leave = vi.fn(async () => undefined)
    expect(await forms.leaveAskingFirst(leave, ask)).toBe(true)
    expect(ask).not.toHaveBeenCalled()
    expect(leave).toHaveBeenCalledTimes(1)
  })

  it('asks once for all unsaved forms, and does not leave when the user stays', async () => {
    const forms = new GuardedForms()
    forms.watch(() => true)
    forms.watch(() => true)
    const ask = vi.fn(() => false)
    const leave = vi.fn(async () => undefined)
    expect(await forms.leaveAskingFirst(leave, ask)).toBe(false)
    expect(ask).toHaveBeenCalledTimes(1)
    expect(leave).not.toHaveBeenCalled()
    expect(forms.leaving).toBe(false)
  })

  it('lets the guards through while an agreed leave runs, and asks again after it (also when it failed)', async () => {
    const forms = new GuardedForms()
    forms.watch(() => true)
    const seen: boolean[] = []
    expect(await forms.leaveAskingFirst(async () => void seen.push(forms.leaving), () => true)).toBe(true)
    expect(seen).toEqual([true])
    expect(forms.leaving).toBe(false)
    await expect(forms.leaveAskingFirst(async () => Promise.reject(new Error('offline')), () => true)).rejects.toThrow('offline')
    expect(forms.leaving).toBe(false)
  })

  it('forgets a form once it is off screen', async () => {
    const forms = new GuardedForms()
    const unwatch = forms.watch(() => true)
    unwatch()
    const ask = vi.fn(() => false)
    expect(await forms.leaveAskingFirst(async () => undefined, ask)).toBe(true)
    expect(ask).not.toHaveBeenCalled()
  })
})

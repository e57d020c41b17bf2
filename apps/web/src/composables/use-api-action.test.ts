import { describe, expect, it } from 'vitest'
import { ref } from 'vue'
import { useApiAction } from './use-api-action'

const answer = <T>(status: number, body?: T) => (status < 300 ? { data: body, response: new Response(null, { status }) } : { error: body, response: new Response(null, { status }) })

describe('useApiAction', () => {
  it('hands the data of a successful call to onSuccess while still busy, then clears busy', async () => {
    const action = useApiAction()
    const seen: { data: unknown; busy: boolean }[] = []
    const ok = await action.call(
      async () => answer(200, { id: 'x' }),
      (data) => seen.push({ data, busy: action.busy.value }),
    )
    expect(ok).toBe(true)
    expect(seen).toEqual([{ data: { id: 'x' }, busy: true }])
    expect(action.busy.value).toBe(false)
    expect(action.error.value).toBeNull()
  })

  it('counts a 204 without data as success', async () => {
    const action = useApiAction()
    let called = 0
    expect(await action.call(async () => answer(204), () => called++)).toBe(true)
    expect(called).toBe(1)
  })

  it('words a problem answer with our message for its code and skips onSuccess', async () => {
    const action = useApiAction()
    let called = 0
    const problem = { type: 'about:blank', title: 'Conflict', status: 409, detail: 'Changed meanwhile', code: 'resource.version_conflict' }
    expect(await action.call(async () => answer(409, problem), () => called++)).toBe(false)
    expect(called).toBe(0)
    expect(action.error.value).toEqual({ key: 'apiErrors.resource.version_conflict', fallback: 'Changed meanwhile' })
    expect(action.busy.value).toBe(false)
  })

  it('uses the given wording for problems', async () => {
    const action = useApiAction()
    await action.call(async () => answer(422, { title: 'x' }), undefined, () => ({ key: 'own.message' }))
    expect(action.error.value).toEqual({ key: 'own.message' })
  })

  it('reports a network failure, also one thrown after the answer arrived', async () => {
    const action = useApiAction()
    expect(await action.call(() => Promise.reject(new TypeError('Failed to fetch')))).toBe(false)
    expect(action.error.value).toEqual({ key: 'common.networkError' })
    expect(await action.call(async () => answer(200, 1), () => Promise.reject(new Error('navigation failed')))).toBe(false)
    expect(action.error.value).toEqual({ key: 'common.networkError' })
    expect(action.busy.value).toBe(false)
  })

  it('clears the previous error when the next attempt starts', async () => {
    const action = useApiAction()
    await action.run(async () => ({ key: 'first.failure' }))
    expect(action.error.value).toEqual({ key: 'first.failure' })
    let errorDuringRun: unknown = 'unset'
    expect(
      await action.run(async () => {
        errorDuringRun = action.error.value
        return null
      }),
    ).toBe(true)
    expect(errorDuringRun).toBeNull()
    expect(action.error.value).toBeNull()
  })

  it('ignores a second action while one runs, also one sharing the busy flag', async () => {
    const busy = ref(false)
    const first = useApiAction(busy)
    const second = useApiAction(busy)
    let release!: () => void
    const calls: string[] = []
    const running = first.run(async () => {
      calls.push('first')
      await new Promise<void>((resolve) => (release = resolve))
      return null
    })
    expect(busy.value).toBe(true)
    expect(await first.run(async () => (calls.push('first again'), null))).toBe(false)
    expect(await second.call(async () => (calls.push('second'), answer(200, 1)))).toBe(false)
    release()
    expect(await running).toBe(true)
    expect(calls).toEqual(['first'])
    expect(busy.value).toBe(false)
    expect(await second.call(async () => (calls.push('second'), answer(200, 1)))).toBe(true)
    expect(calls).toEqual(['first', 'second'])
  })
})

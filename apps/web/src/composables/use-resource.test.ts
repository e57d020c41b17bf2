import { describe, expect, it } from 'vitest'
import { useResource } from './use-resource'

const respond = (status: number) => new Response(null, { status })

describe('useResource', () => {
  it('holds the data once loaded', async () => {
    const resource = useResource(async () => ({ data: { items: [1] }, response: respond(200) }))
    expect(resource.status.value).toBe('loading')
    await resource.reload()
    expect(resource.status.value).toBe('ready')
    expect(resource.data.value).toEqual({ items: [1] })
  })

  it('explains a 404 and a network failure', async () => {
    const missing = useResource(async () => ({ response: respond(404) }))
    await missing.reload()
    expect(missing.status.value).toBe('error')
    expect(missing.error.value).toEqual({ key: 'common.notFound' })
    expect(missing.httpStatus.value).toBe(404)

    const offline = useResource<number>(() => Promise.reject(new TypeError('Failed to fetch')))
    await offline.reload()
    expect(offline.error.value).toEqual({ key: 'common.networkError' })
  })

  it('keeps the answer to the latest load when an earlier one answers later', async () => {
    const answers: Array<(value: { data: string; response: Response }) => void> = []
    const resource = useResource<string>(() => new Promise((resolve) => answers.push(resolve)))
    const first = resource.reload()
    const second = resource.reload()
    answers[1]!({ data: 'filtered', response: respond(200) })
    await second
    answers[0]!({ data: 'unfiltered', response: respond(200) })
    await first
    expect(resource.data.value).toBe('filtered')
    expect(resource.status.value).toBe('ready')
  })
})

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
})

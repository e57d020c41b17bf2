import { describe, expect, it } from 'vitest'
import { createAuthMiddleware, type AuthHooks } from './auth-middleware'
import { createApiClient } from './client'

interface Seen {
  method: string
  path: string
  authorization: string | null
  body: string
}

function fakeServer(handler: (seen: Seen, index: number) => Response) {
  const seen: Seen[] = []
  const fetch = async (request: Request) => {
    const entry = {
      method: request.method,
      path: new URL(request.url).pathname,
      authorization: request.headers.get('Authorization'),
      body: await request.text(),
    }
    seen.push(entry)
    return handler(entry, seen.length - 1)
  }
  return { seen, fetch }
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })
const problem401 = () =>
  new Response(JSON.stringify({ title: 'Unauthorized', status: 401 }), {
    status: 401,
    headers: { 'Content-Type': 'application/problem+json' },
  })

function setup(handler: (seen: Seen, index: number) => Response, refreshWorks = true) {
  const server = fakeServer(handler)
  let token: string | null = 'old-token'
  let refreshes = 0
  const hooks: AuthHooks = {
    getAccessToken: () => token,
    refresh: async () => {
      refreshes += 1
      if (!refreshWorks) {
        token = null
        return false
      }
      token = 'new-token'
      return true
    },
  }
  const client = createApiClient({ baseUrl: 'http://opgave.test/api/v1', fetch: server.fetch })
  client.use(createAuthMiddleware(hooks, server.fetch))
  return { client, server, refreshCount: () => refreshes }
}

describe('createAuthMiddleware', () => {
  it('sends the in-memory access token as a Bearer token', async () => {
    const { client, server } = setup(() => json(200, { items: [] }))
    const { data } = await client.GET('/organisations')
    expect(data).toEqual({ items: [] })
    expect(server.seen[0]?.authorization).toBe('Bearer old-token')
  })

  it('refreshes once on 401 and repeats the call once with the new token and the same body', async () => {
    const { client, server, refreshCount } = setup((seen) =>
      seen.authorization === 'Bearer new-token' ? json(200, { name: 'Ada' }) : problem401(),
    )
    const { data } = await client.PATCH('/me', { body: { name: 'Ada' } })
    expect(data).toMatchObject({ name: 'Ada' })
    expect(refreshCount()).toBe(1)
    expect(server.seen.map((s) => s.authorization)).toEqual(['Bearer old-token', 'Bearer new-token'])
    expect(server.seen[1]?.body).toBe(JSON.stringify({ name: 'Ada' }))
  })

  it('returns the original 401 when the refresh fails, without repeating the call', async () => {
    const { client, server } = setup(() => problem401(), false)
    const { data, error, response } = await client.GET('/me')
    expect(data).toBeUndefined()
    expect(response.status).toBe(401)
    expect(error).toMatchObject({ status: 401 })
    expect(server.seen).toHaveLength(1)
  })

  it('does not retry a second time when the repeated call also answers 401', async () => {
    const { client, server, refreshCount } = setup(() => problem401())
    const { response } = await client.GET('/me')
    expect(response.status).toBe(401)
    expect(refreshCount()).toBe(1)
    expect(server.seen).toHaveLength(2)
  })

  it('never refreshes for the session calls themselves', async () => {
    const { client, server, refreshCount } = setup(() => problem401())
    const { response } = await client.POST('/auth/login', { body: { email: 'a@example.org', password: 'x' } })
    expect(response.status).toBe(401)
    expect(refreshCount()).toBe(0)
    expect(server.seen).toHaveLength(1)
  })
})

import { describe, expect, it } from 'vitest'
import { retryingFetch } from './retry'

const problem = (status: number, code: string, retryAfter?: string) =>
  new Response(JSON.stringify({ type: `urn:opgave:problem:${code}`, title: 'Service unavailable', status, code }), {
    status,
    headers: { 'content-type': 'application/problem+json', ...(retryAfter ? { 'retry-after': retryAfter } : {}) },
  })
const ok = () => new Response(JSON.stringify({ saved: true }), { status: 200, headers: { 'content-type': 'application/json' } })

/** A server that answers from a script, and remembers what it was sent. */
function server(...answers: (() => Response)[]) {
  const seen: { method: string; body: string }[] = []
  const fetch = async (request: Request) => {
    seen.push({ method: request.method, body: await request.text() })
    return answers[Math.min(seen.length, answers.length) - 1]!()
  }
  return { fetch, seen }
}

function clock() {
  const waits: number[] = []
  return { waits, sleep: async (ms: number) => void waits.push(ms) }
}

const save = () => new Request('http://localhost/api/v1/jury-rounds/r/proposals/p/scorecard', { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ version: 3, scores: { a: 7 } }) })

describe('retryingFetch', () => {
  it('sends a request again after Retry-After when the database was busy, with the same body', async () => {
    const api = server(() => problem(503, 'system.database_busy', '1'), ok)
    const time = clock()
    const response = await retryingFetch(api.fetch, { sleep: time.sleep })(save())
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ saved: true })
    expect(api.seen).toEqual([
      { method: 'PUT', body: '{"version":3,"scores":{"a":7}}' },
      { method: 'PUT', body: '{"version":3,"scores":{"a":7}}' },
    ])
    expect(time.waits).toEqual([1000])
  })

  it('retries a database that was down and an instance that was shutting down, waiting at most maxWaitMs', async () => {
    const api = server(() => problem(503, 'system.database_down', '5'), () => problem(503, 'system.shutting_down', '5'), ok)
    const time = clock()
    const response = await retryingFetch(api.fetch, { sleep: time.sleep, maxWaitMs: 2000 })(new Request('http://localhost/api/v1/challenges'))
    expect(response.status).toBe(200)
    expect(time.waits).toEqual([2000, 2000])
  })

  it('gives the last 503 to the caller after the last try', async () => {
    const api = server(() => problem(503, 'system.database_busy', '1'))
    const time = clock()
    const response = await retryingFetch(api.fetch, { sleep: time.sleep, attempts: 3 })(save())
    expect(response.status).toBe(503)
    expect(((await response.json()) as { code: string }).code).toBe('system.database_busy')
    expect(api.seen).toHaveLength(3)
    expect(time.waits).toEqual([1000, 1000])
  })

  it('waits a second when the 503 names no Retry-After', async () => {
    const api = server(() => problem(503, 'system.database_busy'), ok)
    const time = clock()
    expect((await retryingFetch(api.fetch, { sleep: time.sleep })(save())).status).toBe(200)
    expect(time.waits).toEqual([1000])
  })

  it('does not retry other answers: a 503 of another kind, a 500, a 409, a success', async () => {
    for (const answer of [() => problem(503, 'system.maintenance'), () => new Response('Bad gateway', { status: 503 }), () => problem(500, 'server.error'), () => problem(409, 'scorecard.version_conflict'), ok]) {
      const api = server(answer, ok)
      const time = clock()
      const response = await retryingFetch(api.fetch, { sleep: time.sleep })(save())
      expect(response.status).toBe(answer().status)
      expect(api.seen).toHaveLength(1)
      expect(time.waits).toEqual([])
    }
  })

  it('sends an upload once: its body is not kept to be sent again', async () => {
    const api = server(() => problem(503, 'system.database_busy', '1'), ok)
    const form = new FormData()
    form.append('file', new Blob(['%PDF-1.7']), 'plan.pdf')
    const response = await retryingFetch(api.fetch, { sleep: clock().sleep })(new Request('http://localhost/api/v1/proposals/p/documents', { method: 'POST', body: form }))
    expect(response.status).toBe(503)
    expect(api.seen).toHaveLength(1)
  })

  it('stops when the caller aborted the request meanwhile', async () => {
    const api = server(() => problem(503, 'system.database_busy', '1'), ok)
    const controller = new AbortController()
    const time = { sleep: async () => controller.abort() }
    const request = new Request('http://localhost/api/v1/challenges', { signal: controller.signal })
    const response = await retryingFetch(api.fetch, time)(request)
    expect(response.status).toBe(503)
    expect(api.seen).toHaveLength(1)
  })
})

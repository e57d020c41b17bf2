import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestContext } from '../test/test-app'
import { http } from '../test/http'

type Schema = { type?: string; properties?: Record<string, Schema>; additionalProperties?: unknown; items?: Schema; anyOf?: Schema[]; oneOf?: Schema[]; allOf?: Schema[] }

/** Every object in a request body must refuse unknown fields (mass-assignment protection). */
function openObjects(schema: Schema | undefined, path = ''): string[] {
  if (!schema) return []
  const found: string[] = []
  if (schema.type === 'object' && schema.properties && schema.additionalProperties !== false) found.push(path || '/')
  for (const [key, child] of Object.entries(schema.properties ?? {})) found.push(...openObjects(child, `${path}/${key}`))
  if (schema.items) found.push(...openObjects(schema.items, `${path}/*`))
  for (const branch of [...(schema.anyOf ?? []), ...(schema.oneOf ?? []), ...(schema.allOf ?? [])]) found.push(...openObjects(branch, path))
  return found
}

describe('the OpenAPI document', () => {
  let ctx: TestContext
  let doc: { paths: Record<string, Record<string, { tags?: string[]; operationId?: string; responses?: Record<string, { content?: Record<string, unknown> }>; requestBody?: { content: Record<string, { schema: Schema }> } }>> }
  beforeAll(async () => {
    ctx = await createTestApp()
    doc = (await http(ctx).get('/api/v1/openapi.json')).body
  })
  afterAll(() => ctx.close())

  it('describes every operation with a tag, an id, a success response and problem+json errors', () => {
    const operations = Object.entries(doc.paths).flatMap(([path, item]) => Object.entries(item).map(([method, op]) => ({ path, method, op })))
    expect(operations.length).toBeGreaterThan(10)
    for (const { path, method, op } of operations) {
      const where = `${method.toUpperCase()} ${path}`
      expect(op.tags?.length, where).toBeGreaterThan(0)
      expect(op.operationId, where).toBeTruthy()
      const statuses = Object.keys(op.responses ?? {})
      // Browser flows (single sign-on) succeed with a redirect.
      expect(statuses.some((s) => /^(2\d\d|302|303)$/.test(s)), where).toBe(true)
      expect(statuses, where).toContain('400')
      // Any operation can fail on our side (500), and the database or the instance can be unavailable for a
      // moment (503, Retry-After); all but health and metrics are under the per-IP rate limit (429, Retry-After).
      const rateLimited = !path.startsWith('/health')
      expect(statuses, where).toContain('500')
      expect(statuses.includes('429'), where).toBe(rateLimited)
      for (const status of rateLimited ? ['429', '503'] : ['503']) {
        expect(Object.keys((op.responses![status] as { headers?: object }).headers ?? {}), `${where} ${status}`).toContain('Retry-After')
      }
      for (const status of statuses.filter((s) => /^[45]/.test(s))) {
        expect(Object.keys(op.responses![status]!.content ?? {}), `${where} ${status}`).toEqual(['application/problem+json'])
        expect(op.responses![status]!.content!['application/problem+json'], `${where} ${status}`).toEqual({ schema: { $ref: '#/components/schemas/Problem' } })
      }
    }
  })

  it('publishes the problem schema once, with the RFC 9457 members and the field errors', () => {
    const { components } = doc as unknown as { components: { schemas: { Problem: { properties: Record<string, unknown> } } } }
    expect(Object.keys(components.schemas.Problem.properties)).toEqual(expect.arrayContaining(['type', 'title', 'status', 'detail', 'instance', 'code', 'errors']))
  })

  it('uses kebab-case paths and rejects unknown fields in every request body', () => {
    for (const [path, item] of Object.entries(doc.paths)) {
      expect(path.replace(/\{[^}]+\}/g, ''), path).toMatch(/^[a-z0-9/-]*$/)
      for (const [method, op] of Object.entries(item)) {
        const schema = op.requestBody?.content['application/json']?.schema
        expect(openObjects(schema), `${method.toUpperCase()} ${path}`).toEqual([])
      }
    }
  })
})

describe('OpenAPI tags', () => {
  it('declares every tag an operation uses', async () => {
    const ctx = await createTestApp()
    try {
      const doc = (await http(ctx).get('/api/v1/openapi.json')).body as { tags: { name: string }[]; paths: Record<string, Record<string, { tags?: string[] }>> }
      const declared = new Set(doc.tags.map((t) => t.name))
      const used = new Set(Object.values(doc.paths).flatMap((item) => Object.values(item).flatMap((op) => op.tags ?? [])))
      expect([...used].filter((t) => !declared.has(t))).toEqual([])
    } finally {
      await ctx.close()
    }
  })
})

import { ChallengePage, ChallengeSummary } from '@opgave/contracts'
import { Type } from '@sinclair/typebox'
import fastJson, { type Schema } from 'fast-json-stringify'
import { describe, expect, it } from 'vitest'
import { forSerialization } from './serialization-schema'

const serializer = (schema: unknown) => fastJson(schema as Schema)
/** The generated code of a serializer: whether it validates values to pick a union's branch. */
const codeOf = (schema: unknown) => (fastJson(schema as Schema, { mode: 'debug' }) as unknown as { code: string }).code
const validates = (schema: unknown) => codeOf(schema).includes('getSchemaValidator')

const summary = (overrides: Record<string, unknown> = {}) => ({
  id: '6f1c3f1e-8a4e-4a44-9d7a-2a1f0c0b9e01',
  slug: 'schone-straten',
  title: 'Schone straten',
  summary: 'Minder zwerfafval',
  status: 'published',
  municipality: { id: '0b3e7c9a-1d2e-4f50-8a6b-7c8d9e0f1a2b', name: 'Voorbeeldstad', slug: 'voorbeeldstad' },
  sdgGoals: [11, 12],
  eligibleEnterpriseKinds: ['social_enterprise'],
  reservedArt282: true,
  budgetTotal: 25000.5,
  contractKind: 'pilot_contract',
  contractValue: null,
  questionsDeadline: null,
  submissionDeadline: '2026-12-01T12:00:00.000Z',
  publishedAt: '2026-11-01T09:30:00.000Z',
  version: 3,
  updatedAt: '2026-11-02T10:00:00.000Z',
  ...overrides,
})

describe('forSerialization', () => {
  it('writes a nullable single-typed field without validating it', () => {
    const schema = Type.Object({ at: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]) })
    expect(validates(schema)).toBe(true)
    const rewritten = forSerialization(schema)
    expect(rewritten.properties.at).toMatchObject({ type: 'string', format: 'date-time', nullable: true })
    expect(rewritten.properties.at).not.toHaveProperty('anyOf')
    expect(validates(rewritten)).toBe(false)
  })

  it('writes a union of string literals as a string enum, nullable where null is a branch', () => {
    const Status = Type.Union([Type.Literal('draft'), Type.Literal('published')], { description: 'status' })
    const rewritten = forSerialization(Type.Object({ a: Status, b: Type.Union([Status, Type.Null()]), c: Type.Array(Status) }))
    expect(rewritten.properties.a).toMatchObject({ type: 'string', enum: ['draft', 'published'], description: 'status' })
    expect(rewritten.properties.a).not.toHaveProperty('nullable')
    expect(rewritten.properties.b).toMatchObject({ type: 'string', enum: ['draft', 'published'], nullable: true })
    expect(rewritten.properties.c.items).toMatchObject({ type: 'string', enum: ['draft', 'published'] })
    expect(validates(rewritten)).toBe(false)
  })

  it('leaves unions it cannot write without validating as they are', () => {
    const objects = Type.Union([Type.Object({ kind: Type.Literal('a'), n: Type.Number() }), Type.Object({ kind: Type.Literal('b'), s: Type.String() })])
    const mixed = Type.Union([Type.String(), Type.Number()])
    const numberLiterals = Type.Union([Type.Literal(1), Type.Literal(2)])
    const nullableUnion = Type.Union([Type.Object({ x: Type.Number() }), Type.String(), Type.Null()])
    for (const schema of [objects, mixed, numberLiterals, nullableUnion]) expect(forSerialization(schema).anyOf).toBeDefined()
  })

  it('never changes the schema it is given (validation and OpenAPI read it) and rewrites shared parts once', () => {
    const before = JSON.stringify(ChallengePage)
    const once = forSerialization(ChallengePage)
    expect(JSON.stringify(ChallengePage)).toBe(before)
    expect(ChallengePage.properties.items.items.properties.questionsDeadline.anyOf).toHaveLength(2)
    expect(forSerialization(ChallengePage)).toBe(once)
    expect(forSerialization(ChallengeSummary)).toBe(once.properties.items.items)
  })

  it('gives the catalogue page a serializer that validates nothing and writes the same JSON', () => {
    expect(validates(ChallengePage)).toBe(true)
    expect(validates(forSerialization(ChallengePage))).toBe(false)
    const pages = [
      { items: [summary(), summary({ status: 'closed', contractValue: 1200, questionsDeadline: '2026-11-20T08:00:00.000Z', contractKind: 'prize' })], nextCursor: 'abc' },
      { items: [summary({ submissionDeadline: null, publishedAt: null, eligibleEnterpriseKinds: [] })], nextCursor: null },
      { items: [], nextCursor: null },
    ]
    const plain = serializer(ChallengePage)
    const fast = serializer(forSerialization(ChallengePage))
    for (const page of pages) {
      expect(fast(page)).toBe(plain(page))
      expect(JSON.parse(fast(page))).toEqual(page)
    }
  })

  it('writes a Date in a nullable date-time field as the union did', () => {
    const schema = Type.Object({ at: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]) })
    const at = new Date('2026-11-24T08:00:00.000Z')
    expect(serializer(forSerialization(schema))({ at })).toBe(serializer(schema)({ at }))
  })
})

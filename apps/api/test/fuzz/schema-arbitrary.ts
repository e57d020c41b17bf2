import fc from 'fast-check'

/** The subset of JSON Schema our TypeBox contracts produce. */
export interface JsonSchema {
  type?: string | string[]
  properties?: Record<string, JsonSchema>
  required?: string[]
  items?: JsonSchema
  anyOf?: JsonSchema[]
  oneOf?: JsonSchema[]
  allOf?: JsonSchema[]
  const?: unknown
  enum?: unknown[]
  format?: string
  minLength?: number
  maxLength?: number
  minimum?: number
  maximum?: number
  minItems?: number
  maxItems?: number
  pattern?: string
}

const HOSTILE_STRINGS = [
  "' OR 1=1 --",
  "'; DROP TABLE users; --",
  '" OR ""="',
  '1; SELECT pg_sleep(1)',
  "\\x27 UNION SELECT password_hash FROM users --",
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  'javascript:alert(1)',
  '../../../../etc/passwd',
  '%00%2e%2e%2f',
  '\u0000',
  '\uD800',
  '💥🇳🇱 Zürich ñ ß',
  '\u202Egnp.exe',
  '${jndi:ldap://x}',
  '{{7*7}}',
  '__proto__',
  'constructor',
  'NaN',
  '-1',
  '9'.repeat(400),
  'a'.repeat(10_000),
]

const hostileString = fc.constantFrom(...HOSTILE_STRINGS)

/** Values that fit the schema (roughly: patterns are approximated), so requests get past validation. */
export function validArbitrary(schema: JsonSchema, depth = 0): fc.Arbitrary<unknown> {
  if (schema.const !== undefined) return fc.constant(schema.const)
  if (schema.enum) return fc.constantFrom(...schema.enum)
  const branches = schema.anyOf ?? schema.oneOf
  if (branches?.length) return fc.oneof(...branches.map((b) => validArbitrary(b, depth)))
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type
  switch (type) {
    case 'string':
      return stringArbitrary(schema)
    case 'integer':
      return fc.integer({ min: schema.minimum ?? -1_000, max: schema.maximum ?? 1_000_000 })
    case 'number':
      return fc.double({ min: schema.minimum ?? -1e6, max: schema.maximum ?? 1e9, noNaN: true })
    case 'boolean':
      return fc.boolean()
    case 'null':
      return fc.constant(null)
    case 'array':
      if (depth > 4 || !schema.items) return fc.constant([])
      return fc.array(validArbitrary(schema.items, depth + 1), { minLength: schema.minItems ?? 0, maxLength: Math.min(schema.maxItems ?? 3, 3) })
    case 'object': {
      if (depth > 4) return fc.constant({})
      const props = schema.properties ?? {}
      const required = new Set(schema.required ?? [])
      const record: Record<string, fc.Arbitrary<unknown>> = {}
      for (const [key, child] of Object.entries(props)) record[key] = validArbitrary(child, depth + 1)
      return fc.record(record, { requiredKeys: Object.keys(props).filter((k) => required.has(k)) })
    }
    default:
      return fc.jsonValue({ maxDepth: 2 })
  }
}

function stringArbitrary(schema: JsonSchema): fc.Arbitrary<string> {
  switch (schema.format) {
    case 'uuid':
      return fc.uuid()
    case 'email':
      return fc.emailAddress()
    case 'date-time':
      return fc.date({ min: new Date('2020-01-01'), max: new Date('2035-01-01'), noInvalidDate: true }).map((d) => d.toISOString())
    case 'date':
      return fc.date({ min: new Date('2020-01-01'), max: new Date('2035-01-01'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10))
    case 'uri':
      return fc.webUrl()
  }
  if (schema.pattern === '^[0-9]{8}$') return fc.stringMatching(/^[0-9]{8}$/)
  if (schema.pattern) {
    try {
      return fc.stringMatching(new RegExp(schema.pattern)).filter((s) => s.length <= (schema.maxLength ?? 200))
    } catch {
      // fall through to plain strings
    }
  }
  return fc.string({ minLength: schema.minLength ?? 0, maxLength: Math.min(schema.maxLength ?? 60, 60) })
}

const MASS_ASSIGNMENT_FIELDS = ['id', 'ownerId', 'status', 'score', 'role', 'isPlatformAdmin', 'organisationId', 'submittedAt', 'contentHash', 'version', 'createdAt']

/** Anything at all, aimed at parsers, validators and query builders. */
export function hostileArbitrary(schema: JsonSchema): fc.Arbitrary<unknown> {
  const deep = fc.integer({ min: 50, max: 2_000 }).map((depth) => {
    let value: unknown = 'leaf'
    for (let i = 0; i < depth; i++) value = { a: value }
    return value
  })
  const extraField = validArbitrary(schema).chain((valid) =>
    fc.tuple(fc.constantFrom(...MASS_ASSIGNMENT_FIELDS), fc.oneof(fc.jsonValue({ maxDepth: 1 }), hostileString)).map(([key, value]) =>
      valid && typeof valid === 'object' && !Array.isArray(valid) ? { ...valid, [key]: value } : { [key]: value },
    ),
  )
  const protoPollution = fc.constantFrom(JSON.parse('{"__proto__": {"isPlatformAdmin": true}}'), JSON.parse('{"constructor": {"prototype": {"polluted": 1}}}'))
  const wrongTypes = fc.oneof(fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.string(), { maxLength: 3 }), hostileString)
  const fieldWithHostile = validArbitrary(schema).chain((valid) => {
    if (!valid || typeof valid !== 'object' || Array.isArray(valid)) return fc.constant(valid)
    const keys = Object.keys(valid)
    if (keys.length === 0) return fc.constant(valid)
    return fc.tuple(fc.constantFrom(...keys), fc.oneof(hostileString, wrongTypes, fc.double(), fc.constant(Number.MAX_SAFE_INTEGER * 10))).map(([key, value]) => ({ ...valid, [key]: value }))
  })
  return fc.oneof(
    { weight: 3, arbitrary: fieldWithHostile },
    { weight: 2, arbitrary: extraField },
    { weight: 1, arbitrary: wrongTypes },
    { weight: 1, arbitrary: deep },
    { weight: 1, arbitrary: protoPollution },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  )
}

/** Path and query parameter values: real ids where we have them, else valid and hostile strings. */
export function parameterArbitrary(schema: JsonSchema, knownIds: string[]): fc.Arbitrary<string> {
  const valid = validArbitrary(schema).map((v) => String(v))
  const arbs: fc.Arbitrary<string>[] = [valid, hostileString, fc.string({ maxLength: 40 })]
  if (knownIds.length > 0) arbs.push(fc.constantFrom(...knownIds))
  return fc.oneof(...arbs)
}

/**
 * Response schemas as the serializer is fastest with them, the JSON written for valid values unchanged.
 *
 * fast-json-stringify writes an `anyOf` by running an Ajv validation of each branch against the value
 * until one passes: a nullable date-time (`anyOf: [{type: 'string', format: 'date-time'}, {type: 'null'}]`)
 * costs a date-time format check, a status (a union of string literals) a const check per branch — per
 * field of every item of a page. The catalogue's page paid ~5 % of its CPU there (bench 1a/1b, round 12).
 * The two shapes TypeBox gives our contracts have equivalents the serializer writes without validating:
 *   - `anyOf: [S, {type: 'null'}]` with S a single-typed schema  →  S with `nullable: true`;
 *   - `anyOf` of string literals (and possibly null)             →  `{type: 'string', enum}` (nullable).
 * Only the serializer sees these: the contracts, request validation and the OpenAPI document keep the
 * unions. A value outside the union is then written as it is instead of failing the response, which is
 * what the serializer does for every other keyword (maxLength, format, enum) already.
 */
type Schema = Record<string | symbol, unknown>

const isSchema = (value: unknown): value is Schema => typeof value === 'object' && value !== null && !Array.isArray(value)

/** Keywords that only describe; a schema with nothing else besides its `type` or `const` is plain. */
const ANNOTATIONS = new Set(['type', 'const', 'description', 'title', 'examples', 'default', 'deprecated', 'readOnly', 'writeOnly'])
const onlyAnnotations = (schema: Schema) => Object.keys(schema).every((key) => ANNOTATIONS.has(key))

const isNull = (schema: unknown) => isSchema(schema) && schema.type === 'null' && onlyAnnotations(schema)
const isStringLiteral = (schema: unknown) =>
  isSchema(schema) && typeof schema.const === 'string' && (schema.type === undefined || schema.type === 'string') && onlyAnnotations(schema)

/** One type, and nothing that makes the serializer validate (a combinator, a reference, a const). */
const COMBINATORS = ['anyOf', 'oneOf', 'allOf', 'not', 'if', '$ref', 'const', 'nullable']
const isSingleTyped = (schema: unknown): schema is Schema =>
  isSchema(schema) && typeof schema.type === 'string' && schema.type !== 'null' && COMBINATORS.every((key) => schema[key] === undefined)

function simplifyUnion(schema: Schema): Schema {
  const branches = schema.anyOf
  if (!Array.isArray(branches) || branches.length === 0) return schema
  const { anyOf: _anyOf, ...siblings } = schema
  const others = branches.filter((branch) => !isNull(branch))
  const nullable = others.length < branches.length ? { nullable: true } : {}
  if (others.length > 0 && others.every(isStringLiteral)) {
    return { ...siblings, type: 'string', enum: others.map((branch) => (branch as Schema).const), ...nullable }
  }
  const [only] = others
  if (others.length === 1 && 'nullable' in nullable && isSingleTyped(only)) return { ...only, ...siblings, nullable: true }
  return schema
}

const SUBSCHEMA = ['items', 'additionalProperties', 'not', 'if', 'then', 'else', 'contains']
const SUBSCHEMA_LISTS = ['anyOf', 'oneOf', 'allOf', 'prefixItems', 'items']
const SUBSCHEMA_MAPS = ['properties', 'patternProperties', '$defs', 'definitions']

// Route schemas share their parts (ChallengeSummary sits in several responses): each is rewritten once.
const rewritten = new WeakMap<Schema, Schema>()

/** The schema to hand the serializer. Never changes `schema` itself: validation and OpenAPI read it too. */
export function forSerialization<T>(schema: T): T {
  if (!isSchema(schema)) return schema
  const known = rewritten.get(schema)
  if (known) return known as T
  const out: Schema = { ...schema }
  for (const key of SUBSCHEMA) if (isSchema(schema[key])) out[key] = forSerialization(schema[key])
  for (const key of SUBSCHEMA_LISTS) {
    const list = schema[key]
    if (Array.isArray(list)) out[key] = list.map((item) => forSerialization(item))
  }
  for (const key of SUBSCHEMA_MAPS) {
    const map = schema[key]
    if (isSchema(map)) out[key] = Object.fromEntries(Object.entries(map).map(([name, item]) => [name, forSerialization(item)]))
  }
  const result = simplifyUnion(out)
  rewritten.set(schema, result)
  return result as T
}

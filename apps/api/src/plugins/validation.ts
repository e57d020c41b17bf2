import { Ajv, type Options } from 'ajv'
import addFormatsModule from 'ajv-formats'
import type { FastifySchemaCompiler } from 'fastify'

// ajv-formats ships CommonJS; under ESM its default export sits one level down.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule) as typeof addFormatsModule

const base: Options = {
  removeAdditional: false, // unknown fields are an error, never silently dropped
  useDefaults: true,
  allErrors: true,
  strict: false,
  allowUnionTypes: true,
}

/**
 * Bodies are validated strictly (no type coercion: "5" is not a number); query strings, params and
 * headers are text on the wire, so there scalar types are coerced.
 */
export function createValidatorCompiler(): FastifySchemaCompiler<unknown> {
  const strict = addFormats(new Ajv({ ...base, coerceTypes: false }))
  const coercing = addFormats(new Ajv({ ...base, coerceTypes: 'array' }))
  return ({ schema, httpPart }) => (httpPart === 'body' ? strict : coercing).compile(schema as object)
}

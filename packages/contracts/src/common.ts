import { Type, type Static, type TObject, type TProperties, type ObjectOptions } from '@sinclair/typebox'

/** Request bodies reject unknown fields: mass assignment must fail loudly, never be dropped silently. */
export const StrictObject = <T extends TProperties>(properties: T, options: ObjectOptions = {}): TObject<T> =>
  Type.Object(properties, { additionalProperties: false, ...options })

export const Uuid = Type.String({ format: 'uuid' })
/** Date-times always carry a timezone (NLGov ADR: /core/date-time/timezone). */
export const DateTime = Type.String({ format: 'date-time' })
export const Email = Type.String({ format: 'email', minLength: 3, maxLength: 254 })
export const Locale = Type.Union([Type.Literal('nl'), Type.Literal('en')])
export type Locale = Static<typeof Locale>

export const ProblemFieldError = Type.Object({
  field: Type.String({ description: 'JSON pointer to the failing field, e.g. /email' }),
  code: Type.String(),
  message: Type.String(),
})

/** RFC 9457 problem details, the only error format of the API. */
export const Problem = Type.Object(
  {
    type: Type.String({ description: 'URI identifying the problem type' }),
    title: Type.String(),
    status: Type.Integer({ minimum: 400, maximum: 599 }),
    detail: Type.String(),
    instance: Type.Optional(Type.String()),
    code: Type.String({ description: 'Stable machine-readable code, e.g. auth.invalid_credentials' }),
    errors: Type.Optional(Type.Array(ProblemFieldError)),
    current: Type.Optional(Type.Unknown({ description: 'On a 409 version conflict: the current stored state' })),
  },
  { title: 'Problem' },
)
export type Problem = Static<typeof Problem>

export const Page = <T extends TObject>(item: T) =>
  Type.Object({ items: Type.Array(item), nextCursor: Type.Optional(Type.Union([Type.String(), Type.Null()])) })

export const IdParams = <K extends string>(...keys: K[]) =>
  StrictObject(Object.fromEntries(keys.map((k) => [k, Uuid])) as { [P in K]: typeof Uuid })

import { Type, type Static } from '@sinclair/typebox'

const MunicipalRole = Type.Union([Type.Literal('admin'), Type.Literal('challenge_manager'), Type.Literal('account_manager')], {
  description: 'The Opgave role in the municipality',
})
const Slug = Type.String({ pattern: '^[a-z0-9]+(?:-[a-z0-9]+)*$', maxLength: 100, description: 'The organisation’s slug' })
const Domain = Type.String({ pattern: '^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}$', description: 'A lower-case domain name' })

export const RoleMapping = Type.Object(
  {
    claimValue: Type.String({ minLength: 1, maxLength: 500, description: 'A value of the role claim, e.g. a group name or id' }),
    role: MunicipalRole,
  },
  { additionalProperties: false },
)

export const SsoConfig = Type.Object(
  {
    organisationId: Type.String({ format: 'uuid' }),
    issuerUrl: Type.String({ format: 'uri' }),
    clientId: Type.String(),
    clientSecretSet: Type.Boolean({ description: 'Whether a client secret is stored; the secret itself is never returned' }),
    scopes: Type.Array(Type.String()),
    roleClaim: Type.String(),
    roleMapping: Type.Array(RoleMapping),
    allowedDomains: Type.Array(Type.String()),
    enabled: Type.Boolean(),
    redirectUri: Type.String({ format: 'uri', description: 'Register this redirect URI at the identity provider' }),
    version: Type.Integer({ minimum: 1 }),
    updatedAt: Type.String({ format: 'date-time' }),
  },
  { additionalProperties: false },
)
export type SsoConfig = Static<typeof SsoConfig>

export const PutSsoConfigBody = Type.Object(
  {
    issuerUrl: Type.String({ format: 'uri', maxLength: 500, description: 'The issuer; https, or http on localhost for development' }),
    clientId: Type.String({ minLength: 1, maxLength: 500 }),
    clientSecret: Type.Optional(
      Type.String({ minLength: 1, maxLength: 2000, description: 'Leave out to keep the stored secret; required when none is stored' }),
    ),
    scopes: Type.Array(Type.String({ pattern: '^[\\x21\\x23-\\x5B\\x5D-\\x7E]+$', maxLength: 100 }), { maxItems: 20, uniqueItems: true, description: '`openid` is always added' }),
    roleClaim: Type.String({ minLength: 1, maxLength: 200, description: 'The claim holding groups or roles; dots reach nested claims' }),
    roleMapping: Type.Array(RoleMapping, { minItems: 1, maxItems: 100 }),
    allowedDomains: Type.Array(Domain, { minItems: 1, maxItems: 20, uniqueItems: true }),
    enabled: Type.Boolean(),
    version: Type.Optional(Type.Integer({ minimum: 1, description: 'The version you edited; required when a configuration exists' })),
  },
  { additionalProperties: false },
)
export type PutSsoConfigBody = Static<typeof PutSsoConfigBody>

export const SsoProvider = Type.Object(
  { slug: Type.String(), name: Type.String() },
  { additionalProperties: false, description: 'A municipality whose staff can log in with single sign-on' },
)

export const SlugParams = Type.Object({ orgSlug: Slug }, { additionalProperties: false })

export const LoginQuery = Type.Object(
  { redirect: Type.Optional(Type.String({ maxLength: 500, pattern: '^/(?![/\\\\])', description: 'Web app path to return to after login (not `//…`)' })) },
  { additionalProperties: false },
)

export const CallbackQuery = Type.Object(
  {
    code: Type.Optional(Type.String({ maxLength: 4000 })),
    state: Type.Optional(Type.String({ maxLength: 500 })),
    iss: Type.Optional(Type.String({ maxLength: 500 })),
    error: Type.Optional(Type.String({ maxLength: 200 })),
  },
  // Providers add their own parameters (error_description, session_state): passed on to the code exchange.
  { additionalProperties: true },
)

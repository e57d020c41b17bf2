import type { UiMessage } from '../../composables/messages'
import type { MunicipalRole, PutSsoConfigBody, SsoConfig } from './api'

export const MUNICIPAL_ROLES: readonly MunicipalRole[] = ['admin', 'challenge_manager', 'account_manager']

export interface RoleRow {
  claimValue: string
  /** A string because the select edits it; only MUNICIPAL_ROLES are sent. */
  role: string
}

const isMunicipalRole = (role: string): role is MunicipalRole => (MUNICIPAL_ROLES as readonly string[]).includes(role)

export interface SsoFormValues {
  enabled: boolean
  issuerUrl: string
  clientId: string
  clientSecret: string
  scopes: string
  roleClaim: string
  roleMapping: RoleRow[]
  allowedDomains: string
}

export type SsoFormField = 'issuerUrl' | 'clientId' | 'clientSecret' | 'scopes' | 'roleClaim' | 'roleMapping' | 'allowedDomains'

export const emptySsoForm = (): SsoFormValues => ({
  enabled: false,
  issuerUrl: '',
  clientId: '',
  clientSecret: '',
  scopes: 'openid email profile',
  roleClaim: 'groups',
  roleMapping: [{ claimValue: '', role: 'admin' }],
  allowedDomains: '',
})

/** The secret is never sent back by the API: the field starts empty and "empty" means "keep". */
export const toSsoForm = (config: SsoConfig): SsoFormValues => ({
  enabled: config.enabled,
  issuerUrl: config.issuerUrl,
  clientId: config.clientId,
  clientSecret: '',
  scopes: config.scopes.join(' '),
  roleClaim: config.roleClaim,
  roleMapping: config.roleMapping.map((m) => ({ ...m })),
  allowedDomains: config.allowedDomains.join(', '),
})

const words = (text: string) => text.split(/[\s,;]+/).filter(Boolean)

/** Form → request body, with the checks a person can fix before sending. */
export function toSsoBody(values: SsoFormValues, current: SsoConfig | null): { body: PutSsoConfigBody; errors: Partial<Record<SsoFormField, UiMessage>> } {
  const errors: Partial<Record<SsoFormField, UiMessage>> = {}
  const issuerUrl = values.issuerUrl.trim()
  if (!/^https?:\/\/\S+$/.test(issuerUrl)) errors.issuerUrl = { key: 'sso.settings.errors.issuerUrl' }
  if (values.clientId.trim() === '') errors.clientId = { key: 'validation.required', fieldKey: 'sso.settings.clientId' }
  if (values.clientSecret === '' && !current?.clientSecretSet) errors.clientSecret = { key: 'validation.required', fieldKey: 'sso.settings.clientSecret' }
  if (values.roleClaim.trim() === '') errors.roleClaim = { key: 'validation.required', fieldKey: 'sso.settings.roleClaim' }
  const roleMapping = values.roleMapping.flatMap((m) => (m.claimValue.trim() !== '' && isMunicipalRole(m.role) ? [{ claimValue: m.claimValue.trim(), role: m.role }] : []))
  if (roleMapping.length === 0) errors.roleMapping = { key: 'sso.settings.errors.roleMapping' }
  const allowedDomains = [...new Set(words(values.allowedDomains.toLowerCase()).map((d) => d.replace(/^@/, '')))]
  if (allowedDomains.length === 0) errors.allowedDomains = { key: 'sso.settings.errors.allowedDomains' }
  const body: PutSsoConfigBody = {
    issuerUrl,
    clientId: values.clientId.trim(),
    scopes: [...new Set(words(values.scopes))],
    roleClaim: values.roleClaim.trim(),
    roleMapping,
    allowedDomains,
    enabled: values.enabled,
    ...(values.clientSecret !== '' ? { clientSecret: values.clientSecret } : {}),
    ...(current ? { version: current.version } : {}),
  }
  return { body, errors }
}

const KNOWN = new Set(['not_found', 'state_invalid', 'access_denied', 'token_invalid', 'email_not_allowed', 'no_role', 'account_disabled', 'provider_unavailable'])

/** The message key for a problem code the API put in `?ssoError=`; unknown codes get a general message, none gets null. */
export function ssoErrorKey(code: unknown): string | null {
  if (typeof code !== 'string' || code === '') return null
  const name = code.replace(/^sso\./, '')
  return KNOWN.has(name) && code.startsWith('sso.') ? `sso.errors.${name}` : 'sso.errors.unknown'
}

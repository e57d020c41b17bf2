import * as oidc from 'openid-client'
import { ssoErrors } from './sso.errors'

/** Seconds an identity provider may take per request before the login fails with 502. */
const REQUEST_TIMEOUT_SECONDS = 10

export interface OidcClientSettings {
  issuerUrl: string
  clientId: string
  clientSecret: string
}

/** http is accepted only for an identity provider on this machine (development and tests). */
export function isAcceptableIssuerUrl(value: string): boolean {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    return false
  }
  if (url.search || url.hash || url.username || url.password) return false
  if (url.protocol === 'https:') return true
  return url.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname)
}

/**
 * Discovers the provider (`.well-known/openid-configuration`) and returns a client that checks ID
 * token signatures against the provider's JWKS (not only TLS), besides issuer, audience, expiry and nonce.
 */
export async function discover(settings: OidcClientSettings): Promise<oidc.Configuration> {
  const issuer = new URL(settings.issuerUrl)
  const execute = issuer.protocol === 'http:' ? [oidc.allowInsecureRequests] : []
  try {
    const probe = await oidc.discovery(issuer, settings.clientId, undefined, undefined, { execute, timeout: REQUEST_TIMEOUT_SECONDS })
    const methods = probe.serverMetadata().token_endpoint_auth_methods_supported
    // client_secret_basic is the OIDC default; use post only when the provider says it lacks basic.
    const auth = !methods || methods.includes('client_secret_basic') ? oidc.ClientSecretBasic(settings.clientSecret) : oidc.ClientSecretPost(settings.clientSecret)
    const config = new oidc.Configuration(probe.serverMetadata(), settings.clientId, undefined, auth)
    oidc.enableNonRepudiationChecks(config)
    if (issuer.protocol === 'http:') oidc.allowInsecureRequests(config)
    config.timeout = REQUEST_TIMEOUT_SECONDS
    return config
  } catch (error) {
    throw ssoErrors.providerUnavailable(`Discovery at ${issuer.origin} failed: ${describe(error)}`)
  }
}

export interface LoginChecks {
  state: string
  nonce: string
  codeVerifier: string
}

export function newLoginChecks(): LoginChecks {
  return { state: oidc.randomState(), nonce: oidc.randomNonce(), codeVerifier: oidc.randomPKCECodeVerifier() }
}

export async function authorizationUrl(config: oidc.Configuration, checks: LoginChecks, redirectUri: string, scopes: readonly string[]): Promise<URL> {
  const scope = ['openid', ...scopes.filter((s) => s !== 'openid')].join(' ')
  return oidc.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri,
    scope,
    state: checks.state,
    nonce: checks.nonce,
    code_challenge: await oidc.calculatePKCECodeChallenge(checks.codeVerifier),
    code_challenge_method: 'S256',
  })
}

/**
 * Exchanges the code (with the PKCE verifier) and validates the ID token; then adds the userinfo
 * claims, since many providers put groups and email only there. ID token claims win on conflict.
 */
export async function exchangeCode(config: oidc.Configuration, callbackUrl: URL, checks: LoginChecks): Promise<Record<string, unknown>> {
  let tokens: Awaited<ReturnType<typeof oidc.authorizationCodeGrant>>
  try {
    tokens = await oidc.authorizationCodeGrant(config, callbackUrl, {
      pkceCodeVerifier: checks.codeVerifier,
      expectedState: checks.state,
      expectedNonce: checks.nonce,
      idTokenExpected: true,
    })
  } catch (error) {
    throw classify(error)
  }
  const idClaims = tokens.claims()
  if (!idClaims) throw ssoErrors.tokenInvalid('No ID token was returned.')
  let userinfo: Record<string, unknown> = {}
  if (config.serverMetadata().userinfo_endpoint && tokens.access_token) {
    try {
      userinfo = await oidc.fetchUserInfo(config, tokens.access_token, idClaims.sub)
    } catch (error) {
      throw classify(error)
    }
  }
  return { ...userinfo, ...idClaims }
}

/** Maps library errors to problems: the provider said no, its answer failed a check, or it could not be reached. */
function classify(error: unknown) {
  if (error instanceof oidc.AuthorizationResponseError) {
    return error.error === 'access_denied' ? ssoErrors.accessDenied('Consent was refused or the login was cancelled.') : ssoErrors.tokenInvalid(`The provider answered ${error.error}.`)
  }
  if (error instanceof oidc.ResponseBodyError) return ssoErrors.tokenInvalid(`The provider refused the code: ${error.error}.`)
  if (error instanceof oidc.ClientError && error.code === 'OAUTH_RESPONSE_IS_NOT_CONFORM') return ssoErrors.providerUnavailable('The provider answered with an error status.')
  if (error instanceof oidc.ClientError) return ssoErrors.tokenInvalid(`The provider’s answer failed a check (${error.code ?? 'invalid'}).`)
  return ssoErrors.providerUnavailable(`The provider could not be reached: ${describe(error)}`)
}

const describe = (error: unknown) => (error instanceof Error ? (error.cause instanceof Error ? `${error.message} (${error.cause.message})` : error.message) : 'unknown error')

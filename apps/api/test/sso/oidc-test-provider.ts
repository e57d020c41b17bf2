// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- the web e2e imports this file too and must see the module declaration
/// <reference path="./oidc-provider.d.ts" />
import { createPrivateKey, generateKeyPairSync, sign, type JsonWebKey } from 'node:crypto'
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import Provider from 'oidc-provider'

/** An account at the test identity provider; `groups` is the claim the municipality maps to roles. */
export interface TestAccount {
  sub: string
  email: string
  emailVerified?: boolean
  name: string
  groups: string[]
}

export interface TestProvider {
  issuer: string
  clientId: string
  clientSecret: string
  accounts: Map<string, TestAccount>
  /** The account the next login interaction signs in as. */
  loginAs: string
  /** Refuse consent at the next interaction (the provider answers error=access_denied). */
  denyConsent: boolean
  /** Rewrites the ID token in token responses, as an attacker in between or a broken provider would. */
  transformIdToken: ((idToken: string) => string) | null
  /** Signs a JWT with the provider's own key (for tokens that are well signed but wrong in content). */
  signWithProviderKey(header: Record<string, unknown>, payload: Record<string, unknown>): string
  close(): Promise<void>
}

const listen = (server: Server) =>
  new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)))

const readBody = async (req: IncomingMessage) => {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks)
}

/**
 * A real OpenID Connect provider (node-oidc-provider) on a free localhost port, behind a small
 * forwarding front so tests can alter its token responses. Interactions (login, consent) are
 * answered programmatically with the provider's own interaction API: no HTML forms to scrape.
 */
export async function startTestProvider(options: { redirectUri: string }): Promise<TestProvider> {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
  const jwk = { ...(privateKey.export({ format: 'jwk' }) as JsonWebKey), kid: 'test-key', alg: 'RS256', use: 'sig' }
  const front = createServer()
  const frontPort = await listen(front)
  const issuer = `http://127.0.0.1:${frontPort}`
  const state: TestProvider = {
    issuer,
    clientId: 'opgave-test',
    clientSecret: 'a-client-secret-of-sufficient-length-0123456789',
    accounts: new Map(),
    loginAs: '',
    denyConsent: false,
    transformIdToken: null,
    signWithProviderKey(header, payload) {
      const input = `${Buffer.from(JSON.stringify(header)).toString('base64url')}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}`
      return `${input}.${sign('sha256', Buffer.from(input), createPrivateKey({ key: jwk, format: 'jwk' })).toString('base64url')}`
    },
    close: async () => {
      await new Promise((r) => front.close(r))
      await new Promise((r) => inner.close(r))
    },
  }

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: state.clientId,
        client_secret: state.clientSecret,
        redirect_uris: [options.redirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    jwks: { keys: [jwk] },
    cookies: { keys: ['test-cookie-signing-key'] },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'], groups: ['groups'] },
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
    pkce: { required: () => true },
    findAccount: (_ctx: unknown, id: string) => {
      const account = state.accounts.get(id)
      if (!account) return undefined
      return {
        accountId: id,
        claims: async () => ({ sub: account.sub, email: account.email, email_verified: account.emailVerified ?? true, name: account.name, groups: account.groups }),
      }
    },
  })

  const inner = createServer(provider.callback())
  const innerPort = await listen(inner)

  async function interaction(req: IncomingMessage, res: ServerResponse) {
    const details = await provider.interactionDetails(req, res)
    if (state.denyConsent) {
      return provider.interactionFinished(req, res, { error: 'access_denied', error_description: 'The user refused.' }, { mergeWithLastSubmission: false })
    }
    if (details.prompt.name === 'login') {
      const account = state.accounts.get(state.loginAs)
      if (!account) throw new Error(`no test account ${state.loginAs}`)
      return provider.interactionFinished(req, res, { login: { accountId: account.sub } }, { mergeWithLastSubmission: false })
    }
    const accountId = details.session!.accountId!
    const grant = details.grantId ? (await provider.Grant.find(details.grantId))! : new provider.Grant({ accountId, clientId: String(details.params.client_id) })
    const missing = details.prompt.details as { missingOIDCScope?: string[]; missingOIDCClaims?: string[]; missingResourceScopes?: Record<string, string[]> }
    if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '))
    if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims)
    for (const [indicator, scopes] of Object.entries(missing.missingResourceScopes ?? {})) grant.addResourceScope(indicator, scopes.join(' '))
    return provider.interactionFinished(req, res, { consent: { grantId: await grant.save() } }, { mergeWithLastSubmission: true })
  }

  /** Forwards to the provider (Host kept, so its URLs name the front); token responses pass through `transformIdToken`. */
  async function forward(req: IncomingMessage, res: ServerResponse) {
    const body = await readBody(req)
    const answer = await new Promise<IncomingMessage>((resolve, reject) => {
      const out = request({ host: '127.0.0.1', port: innerPort, method: req.method, path: req.url, headers: req.headers }, resolve)
      out.on('error', reject)
      out.end(body)
    })
    let payload = await readBody(answer)
    const headers = { ...answer.headers }
    if (req.url?.startsWith('/token') && answer.statusCode === 200 && state.transformIdToken) {
      const json = JSON.parse(payload.toString('utf8')) as { id_token?: string }
      if (json.id_token) json.id_token = state.transformIdToken(json.id_token)
      payload = Buffer.from(JSON.stringify(json))
      headers['content-length'] = String(payload.length)
    }
    res.writeHead(answer.statusCode ?? 502, headers).end(payload)
  }

  front.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const handle = req.url?.startsWith('/interaction/') ? interaction(req, res) : forward(req, res)
    handle.catch((error: unknown) => {
      res.writeHead(500, { 'content-type': 'text/plain' }).end(String(error))
    })
  })
  return state
}

/** A browser's cookie jar, just enough for the provider's session and interaction cookies. */
export class CookieJar {
  private readonly cookies = new Map<string, string>()
  store(setCookie: string[]) {
    for (const line of setCookie) {
      const [pair, ...attributes] = line.split(';')
      const eq = pair!.indexOf('=')
      const name = pair!.slice(0, eq).trim()
      const value = pair!.slice(eq + 1).trim()
      const expired = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a)) || attributes.some((a) => /^\s*expires=Thu, 01 Jan 1970/i.test(a))
      if (expired || value === '') this.cookies.delete(name)
      else this.cookies.set(name, value)
    }
  }
  header() {
    return [...this.cookies].map(([n, v]) => `${n}=${v}`).join('; ')
  }
}

/**
 * Plays the browser at the provider: follows redirects from the authorization URL (through the login
 * and consent interactions) until the provider sends the browser back to `callbackPrefix`.
 */
export async function browseToCallback(authorizationUrl: string, callbackPrefix: string, jar = new CookieJar()): Promise<URL> {
  let url = authorizationUrl
  for (let hop = 0; hop < 15; hop++) {
    if (url.startsWith(callbackPrefix)) return new URL(url)
    const res = await fetch(url, { redirect: 'manual', headers: { cookie: jar.header() } })
    jar.store(res.headers.getSetCookie())
    const location = res.headers.get('location')
    if (res.status < 300 || res.status >= 400 || !location) throw new Error(`provider stopped at ${url}: ${res.status} ${(await res.text()).slice(0, 300)}`)
    await res.arrayBuffer().catch(() => undefined)
    url = new URL(location, url).href
  }
  throw new Error('too many redirects at the provider')
}

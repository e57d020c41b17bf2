import request from 'supertest'
import type { TestContext } from './test-app'

export const STRONG_PASSWORD = 'fiets-molen-kaas-42'

/** A stack-trace or SQL leak in any response body fails the test that made the request. */
export function assertNoInternals(body: unknown) {
  const text = typeof body === 'string' ? body : JSON.stringify(body ?? '')
  if (/\bat .+\.(ts|js):\d+|node_modules|SQLSTATE|syntax error at or near|violates .* constraint|relation ".*" does not exist/i.test(text)) {
    throw new Error(`response leaks internals: ${text.slice(0, 300)}`)
  }
}

export function http(ctx: TestContext) {
  return request(ctx.app.server)
}

export async function registerUser(ctx: TestContext, email: string, name = 'Test Gebruiker') {
  const res = await http(ctx).post('/api/v1/auth/register').send({ email, password: STRONG_PASSWORD, name })
  if (res.status !== 201) throw new Error(`register failed: ${res.status} ${JSON.stringify(res.body)}`)
  return { token: res.body.accessToken as string, user: res.body.user as { id: string; email: string }, cookie: refreshCookie(res.headers['set-cookie']) }
}

export function refreshCookie(setCookie: string | string[] | undefined): string {
  const list = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : []
  const found = list.find((c) => c.startsWith('opgave_refresh='))
  if (!found) throw new Error('no refresh cookie set')
  return found.split(';')[0]!
}

export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` })

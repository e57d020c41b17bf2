import { describe, expect, it } from 'vitest'
import { resolveAccess, safeRedirect } from './route-access'

const anonymous = { isLoggedIn: false, isPlatformAdmin: false }
const user = { isLoggedIn: true, isPlatformAdmin: false }
const admin = { isLoggedIn: true, isPlatformAdmin: true }

describe('resolveAccess', () => {
  it('lets everyone see public pages', () => {
    expect(resolveAccess({}, anonymous)).toBe('allow')
    expect(resolveAccess({}, user)).toBe('allow')
  })

  it('sends anonymous visitors of protected pages to log in', () => {
    expect(resolveAccess({ requiresAuth: true }, anonymous)).toBe('login')
    expect(resolveAccess({ requiresPlatformAdmin: true }, anonymous)).toBe('login')
  })

  it('hides platform admin pages from other users', () => {
    expect(resolveAccess({ requiresPlatformAdmin: true }, user)).toBe('not-found')
    expect(resolveAccess({ requiresPlatformAdmin: true }, admin)).toBe('allow')
  })

  it('sends logged-in users away from log-in and register pages', () => {
    expect(resolveAccess({ guestOnly: true }, user)).toBe('leave')
    expect(resolveAccess({ guestOnly: true }, anonymous)).toBe('allow')
  })
})

describe('safeRedirect', () => {
  it.each([
    ['/uitnodigingen/abc', '/uitnodigingen/abc'],
    ['/profiel?tab=1', '/profiel?tab=1'],
    ['https://evil.example', '/organisaties'],
    ['//evil.example', '/organisaties'],
    ['/\\evil.example', '/organisaties'],
    [undefined, '/organisaties'],
    [['/a', '/b'], '/organisaties'],
  ])('%s → %s', (value, expected) => {
    expect(safeRedirect(value)).toBe(expected)
  })
})

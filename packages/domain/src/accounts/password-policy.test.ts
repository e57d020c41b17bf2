import { describe, expect, it } from 'vitest'
import { checkPassword } from './password-policy'

describe('checkPassword', () => {
  it.each([
    ['short', 'too_short'],
    ['123456789', 'too_short'],
    ['1234567890', 'too_common'],
    ['Password123', 'too_common'],
    ['wachtwoord1', 'too_common'],
    ['aaaaaaaaaaaa', 'repetitive'],
    ['abababababab', 'repetitive'],
    ['x'.repeat(201), 'too_long'],
  ])('refuses %s as %s', (password, problem) => {
    expect(checkPassword(password)).toBe(problem)
  })

  it('refuses a password built on the email address', () => {
    expect(checkPassword('jansen-geheim-2026', { email: 'jansen@example.nl' })).toBe('contains_email')
  })

  it('accepts a long, uncommon passphrase', () => {
    expect(checkPassword('paard-nietje-batterij')).toBeNull()
    expect(checkPassword('Opgave-demo-2026')).toBeNull()
  })
})

import { describe, expect, it } from 'vitest'
import { claimValues, emailDomainAllowed, mappedRole, membershipChange } from './sso.mapping'
import type { RoleMappingEntry } from './sso.table'

const mapping: RoleMappingEntry[] = [
  { claimValue: 'beheer', role: 'admin' },
  { claimValue: 'opgaven', role: 'challenge_manager' },
  { claimValue: 'accounts', role: 'account_manager' },
]

describe('claimValues', () => {
  it('reads arrays, space-separated strings and nested claims', () => {
    expect(claimValues({ groups: ['a', 'b', 3] }, 'groups')).toEqual(['a', 'b'])
    expect(claimValues({ roles: 'a b  c' }, 'roles')).toEqual(['a', 'b', 'c'])
    expect(claimValues({ realm_access: { roles: ['x'] } }, 'realm_access.roles')).toEqual(['x'])
    expect(claimValues({ 'https://example.nl/groups': ['y'] }, 'https://example.nl/groups')).toEqual(['y'])
  })
  it('yields nothing for absent or odd claims', () => {
    expect(claimValues({}, 'groups')).toEqual([])
    expect(claimValues({ groups: { a: 1 } }, 'groups')).toEqual([])
    expect(claimValues({ a: ['x'] }, 'a.b')).toEqual([])
  })
})

describe('mappedRole', () => {
  it('grants the strongest mapped role', () => {
    expect(mappedRole(['accounts', 'beheer'], mapping)).toBe('admin')
    expect(mappedRole(['accounts', 'opgaven'], mapping)).toBe('challenge_manager')
    expect(mappedRole(['accounts'], mapping)).toBe('account_manager')
  })
  it('grants nothing for unmapped values', () => {
    expect(mappedRole(['medewerkers'], mapping)).toBeNull()
    expect(mappedRole([], mapping)).toBeNull()
  })
})

describe('membershipChange', () => {
  it('creates, changes and removes roles the mapping manages', () => {
    expect(membershipChange(null, 'admin', mapping)).toEqual({ kind: 'create', role: 'admin' })
    expect(membershipChange('account_manager', 'admin', mapping)).toEqual({ kind: 'change', role: 'admin' })
    expect(membershipChange('admin', null, mapping)).toEqual({ kind: 'remove' })
    expect(membershipChange('admin', 'admin', mapping)).toEqual({ kind: 'none' })
    expect(membershipChange(null, null, mapping)).toEqual({ kind: 'none' })
  })
  it('leaves a role the mapping cannot grant (given by hand) alone', () => {
    const onlyAccounts: RoleMappingEntry[] = [{ claimValue: 'accounts', role: 'account_manager' }]
    expect(membershipChange('admin', null, onlyAccounts)).toEqual({ kind: 'none' })
    expect(membershipChange('admin', 'account_manager', onlyAccounts)).toEqual({ kind: 'none' })
    expect(membershipChange('account_manager', null, onlyAccounts)).toEqual({ kind: 'remove' })
  })
})

describe('emailDomainAllowed', () => {
  it('accepts listed domains and their subdomains, case-insensitively', () => {
    expect(emailDomainAllowed('a@testdam.nl', ['testdam.nl'])).toBe(true)
    expect(emailDomainAllowed('a@Afdeling.Testdam.NL', ['testdam.nl'])).toBe(true)
  })
  it('refuses look-alikes, other domains and an empty list', () => {
    expect(emailDomainAllowed('a@eviltestdam.nl', ['testdam.nl'])).toBe(false)
    expect(emailDomainAllowed('a@testdam.nl.evil.com', ['testdam.nl'])).toBe(false)
    expect(emailDomainAllowed('a@testdam.nl', [])).toBe(false)
    expect(emailDomainAllowed('testdam.nl', ['testdam.nl'])).toBe(false)
  })
})

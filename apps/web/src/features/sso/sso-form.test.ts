import { describe, expect, it } from 'vitest'
import type { SsoConfig } from './api'
import { emptySsoForm, toSsoBody, toSsoForm } from './sso-form'

const stored: SsoConfig = {
  organisationId: '00000000-0000-4000-8000-000000000001',
  issuerUrl: 'https://login.testdam.nl',
  clientId: 'opgave',
  clientSecretSet: true,
  scopes: ['openid', 'email', 'groups'],
  roleClaim: 'groups',
  roleMapping: [{ claimValue: 'beheer', role: 'admin' }],
  allowedDomains: ['testdam.nl', 'afdeling.testdam.nl'],
  enabled: true,
  redirectUri: 'https://opgave.example.nl/api/v1/sso/callback',
  version: 3,
  updatedAt: '2026-11-22T10:00:00.000Z',
}

describe('SSO settings form', () => {
  it('round-trips a stored configuration, keeping the secret when the field stays empty', () => {
    const { body, errors } = toSsoBody(toSsoForm(stored), stored)
    expect(errors).toEqual({})
    expect(body).toEqual({
      issuerUrl: 'https://login.testdam.nl',
      clientId: 'opgave',
      scopes: ['openid', 'email', 'groups'],
      roleClaim: 'groups',
      roleMapping: [{ claimValue: 'beheer', role: 'admin' }],
      allowedDomains: ['testdam.nl', 'afdeling.testdam.nl'],
      enabled: true,
      version: 3,
    })
  })

  it('cleans lists and sends a new secret', () => {
    const values = { ...toSsoForm(stored), clientSecret: 's3cret', allowedDomains: '@Testdam.nl;  testdam.nl, x.nl', scopes: 'openid  email,email' }
    const { body } = toSsoBody(values, stored)
    expect(body.allowedDomains).toEqual(['testdam.nl', 'x.nl'])
    expect(body.scopes).toEqual(['openid', 'email'])
    expect(body.clientSecret).toBe('s3cret')
  })

  it('names each field a new configuration still needs', () => {
    const { errors } = toSsoBody(emptySsoForm(), null)
    expect(Object.keys(errors).sort()).toEqual(['allowedDomains', 'clientId', 'clientSecret', 'issuerUrl', 'roleMapping'])
  })
})

import { describe, expect, it } from 'vitest'
import { isEligibleForArt282, isLegalForm, isSafeWebsiteUrl, isValidKvkNumber, isValidLabourMarketPercent } from './enterprise-profile'

describe('Art. 2.82 eligibility', () => {
  it('starts exactly at 30 %', () => {
    expect(isEligibleForArt282(29)).toBe(false)
    expect(isEligibleForArt282(30)).toBe(true)
    expect(isEligibleForArt282(45)).toBe(true)
    expect(isEligibleForArt282(100)).toBe(true)
  })
  it('never qualifies an unknown or impossible share', () => {
    expect(isEligibleForArt282(null)).toBe(false)
    expect(isEligibleForArt282(undefined)).toBe(false)
    expect(isEligibleForArt282(101)).toBe(false)
    expect(isEligibleForArt282(30.5)).toBe(false)
    expect(isEligibleForArt282(Number.NaN)).toBe(false)
  })
  it('accepts whole percentages from 0 to 100 as declarations', () => {
    expect([0, 5, 100].every(isValidLabourMarketPercent)).toBe(true)
    expect([-1, 101, 2.5, '30'].some(isValidLabourMarketPercent)).toBe(false)
  })
})

describe('KvK number', () => {
  it('is exactly eight digits', () => {
    expect(isValidKvkNumber('12345678')).toBe(true)
    expect(isValidKvkNumber('01234567')).toBe(true)
    for (const bad of ['1234567', '123456789', '1234567a', ' 12345678', 12345678, null]) expect(isValidKvkNumber(bad)).toBe(false)
  })
})

describe('website URL', () => {
  it('accepts http and https only', () => {
    expect(isSafeWebsiteUrl('https://groenwerkt.nl')).toBe(true)
    expect(isSafeWebsiteUrl('http://www.example.org/over-ons?x=1')).toBe(true)
    for (const bad of ['javascript:alert(1)', 'data:text/html,hi', 'ftp://example.org', 'groenwerkt.nl', 'https://localhost', 'https://user:pw@example.org', '']) {
      expect(isSafeWebsiteUrl(bad), bad).toBe(false)
    }
  })
})

describe('legal form', () => {
  it('knows the Dutch legal forms', () => {
    expect(isLegalForm('bv')).toBe(true)
    expect(isLegalForm('gmbh')).toBe(false)
  })
})

import { describe, expect, it } from 'vitest'
import { toProfileBody, type ProfileFormValues } from './profile-form'

const base: ProfileFormValues = {
  name: 'GroenWerkt',
  kvkNumber: '',
  legalForm: '',
  isSocialEnterprise: true,
  distanceToLabourMarketPercent: '45',
  sdgGoals: [10, 8],
  region: ' ',
  lookingForPartners: false,
  website: '',
  description: ' Groen ',
}

describe('profile form', () => {
  it('turns typed text into the PATCH body, empty text into null', () => {
    const { body, errors } = toProfileBody(base)
    expect(errors).toEqual({})
    expect(body).toMatchObject({ kvkNumber: null, legalForm: null, distanceToLabourMarketPercent: 45, sdgGoals: [8, 10], region: null, website: null, description: 'Groen' })
    expect(toProfileBody({ ...base, distanceToLabourMarketPercent: '' }).body.distanceToLabourMarketPercent).toBeNull()
  })
  it('names the fields to fix before a round trip', () => {
    const { errors } = toProfileBody({ ...base, kvkNumber: '123', distanceToLabourMarketPercent: '101', website: 'javascript:alert(1)' })
    expect(Object.keys(errors).sort()).toEqual(['distanceToLabourMarketPercent', 'kvkNumber', 'website'])
    expect(toProfileBody({ ...base, distanceToLabourMarketPercent: '33.5' }).errors.distanceToLabourMarketPercent).toBeDefined()
  })
})

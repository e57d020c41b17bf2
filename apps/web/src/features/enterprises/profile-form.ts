import type { UiMessage } from '../../composables/messages'
import { LEGAL_FORMS, type EnterpriseProfile, type UpdateEnterpriseProfileBody } from './api'

/** The profile form keeps text as typed; this turns it into the PATCH body, or names the fields to fix. */
export interface ProfileFormValues {
  name: string
  kvkNumber: string
  /** '' for none; otherwise one of LEGAL_FORMS (a select's value is a plain string). */
  legalForm: string
  isSocialEnterprise: boolean
  distanceToLabourMarketPercent: string
  sdgGoals: number[]
  region: string
  lookingForPartners: boolean
  website: string
  description: string
}

export type ProfileField = 'name' | 'kvkNumber' | 'legalForm' | 'distanceToLabourMarketPercent' | 'region' | 'website' | 'description'

export function toFormValues(p: EnterpriseProfile): ProfileFormValues {
  return {
    name: p.name,
    kvkNumber: p.kvkNumber ?? '',
    legalForm: p.legalForm ?? '',
    isSocialEnterprise: p.isSocialEnterprise,
    distanceToLabourMarketPercent: p.distanceToLabourMarketPercent === null ? '' : String(p.distanceToLabourMarketPercent),
    sdgGoals: [...p.sdgGoals],
    region: p.region ?? '',
    lookingForPartners: p.lookingForPartners,
    website: p.website ?? '',
    description: p.description,
  }
}

export function toProfileBody(v: ProfileFormValues): { body: UpdateEnterpriseProfileBody; errors: Partial<Record<ProfileField, UiMessage>> } {
  const errors: Partial<Record<ProfileField, UiMessage>> = {}
  const name = v.name.trim()
  if (name.length < 2) errors.name = { key: 'validation.required', fieldKey: 'enterprises.profile.name' }
  const kvk = v.kvkNumber.trim()
  if (kvk !== '' && !/^\d{8}$/.test(kvk)) errors.kvkNumber = { key: 'validation.kvkNumber' }
  const percentText = v.distanceToLabourMarketPercent.trim()
  const percent = percentText === '' ? null : Number(percentText)
  if (percent !== null && (!/^\d{1,3}$/.test(percentText) || percent > 100)) errors.distanceToLabourMarketPercent = { key: 'enterprises.validation.percent' }
  const legalForm = LEGAL_FORMS.find((f) => f === v.legalForm) ?? null
  if (v.legalForm !== '' && legalForm === null) errors.legalForm = { key: 'validation.required', fieldKey: 'enterprises.profile.legalForm' }
  const website = v.website.trim()
  if (website !== '' && !/^https?:\/\/[^\s/]+\.[^\s]+$/i.test(website)) errors.website = { key: 'enterprises.validation.website' }
  return {
    errors,
    body: {
      name,
      kvkNumber: kvk === '' ? null : kvk,
      legalForm,
      isSocialEnterprise: v.isSocialEnterprise,
      distanceToLabourMarketPercent: percent,
      sdgGoals: [...v.sdgGoals].sort((a, b) => a - b),
      region: v.region.trim() === '' ? null : v.region.trim(),
      lookingForPartners: v.lookingForPartners,
      website: website === '' ? null : website,
      description: v.description.trim(),
    },
  }
}

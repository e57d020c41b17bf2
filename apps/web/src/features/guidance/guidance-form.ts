import type { UiMessage } from '../../composables/messages'
import type { CreateGuidancePageBody, GuidanceAudience, GuidanceLanguage, GuidancePage } from './api'
import { SLUG_PATTERN } from './guidance-html'

/** The API's limits (guidance.schemas.ts). */
export const GUIDANCE_LIMITS = { slug: 80, title: 160, summary: 500, markdown: 50_000 } as const

export const GUIDANCE_AUDIENCES: readonly GuidanceAudience[] = ['entrepreneurs', 'civil_servants', 'everyone']
export const GUIDANCE_LANGUAGES: readonly GuidanceLanguage[] = ['nl', 'en']

export interface GuidanceFormValues {
  title: string
  slug: string
  summary: string
  /** Select values are strings; toGuidanceBody checks them. */
  audience: string
  language: string
  markdown: string
}

export type GuidanceField = keyof GuidanceFormValues
export const GUIDANCE_FIELDS: readonly GuidanceField[] = ['title', 'slug', 'summary', 'audience', 'language', 'markdown']

export const emptyGuidanceForm = (): GuidanceFormValues => ({ title: '', slug: '', summary: '', audience: 'entrepreneurs', language: 'nl', markdown: '' })

export const toGuidanceForm = (p: GuidancePage): GuidanceFormValues => ({ title: p.title, slug: p.slug, summary: p.summary, audience: p.audience, language: p.language, markdown: p.markdown })

/** Whether the form differs from what was saved. */
export const isGuidanceDirty = (values: GuidanceFormValues, saved: GuidanceFormValues) => GUIDANCE_FIELDS.some((f) => values[f] !== saved[f])

const tooLong = (field: 'title' | 'summary' | 'markdown'): UiMessage => ({ key: 'validation.maxLength', fieldKey: `guidance.editor.fields.${field}`, params: { max: GUIDANCE_LIMITS[field] } })

/** Checks the form as the API would and builds the body; errors are named per field. */
export function toGuidanceBody(v: GuidanceFormValues): { body: CreateGuidancePageBody; errors: Partial<Record<GuidanceField, UiMessage>> } {
  const errors: Partial<Record<GuidanceField, UiMessage>> = {}
  const title = v.title.trim()
  const slug = v.slug.trim()
  if (!title) errors.title = { key: 'validation.required', fieldKey: 'guidance.editor.fields.title' }
  else if (title.length > GUIDANCE_LIMITS.title) errors.title = tooLong('title')
  if (!slug) errors.slug = { key: 'validation.required', fieldKey: 'guidance.editor.fields.slug' }
  else if (slug.length > GUIDANCE_LIMITS.slug || !SLUG_PATTERN.test(slug)) errors.slug = { key: 'guidance.editor.slugInvalid' }
  if (v.summary.trim().length > GUIDANCE_LIMITS.summary) errors.summary = tooLong('summary')
  if (v.markdown.length > GUIDANCE_LIMITS.markdown) errors.markdown = tooLong('markdown')
  const audience = GUIDANCE_AUDIENCES.find((a) => a === v.audience)
  const language = GUIDANCE_LANGUAGES.find((l) => l === v.language)
  if (!audience) errors.audience = { key: 'validation.required', fieldKey: 'guidance.editor.fields.audience' }
  if (!language) errors.language = { key: 'validation.required', fieldKey: 'guidance.editor.fields.language' }
  const body = { title, slug, summary: v.summary.trim(), audience: audience ?? ('everyone' as GuidanceAudience), language: language ?? ('nl' as GuidanceLanguage), markdown: v.markdown }
  return { body, errors }
}

import { Type, type Static } from '@sinclair/typebox'
import { DateTime, StrictObject, Uuid } from '@opgave/contracts'

/** Limits of a guidance page; the web form shows the same ones. */
export const GUIDANCE_LIMITS = { slug: 80, title: 160, summary: 500, markdown: 50_000 } as const

export const GuidanceSlug = Type.String({ minLength: 1, maxLength: GUIDANCE_LIMITS.slug, pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', description: 'URL name: lowercase a–z, 0–9 and single hyphens; unique within the municipality' })
export const GuidanceAudience = Type.Union([Type.Literal('entrepreneurs'), Type.Literal('civil_servants'), Type.Literal('everyone')])
export const GuidanceLanguage = Type.Union([Type.Literal('nl'), Type.Literal('en')], { description: 'The language the page is written in (pages are not translated)' })
export const GuidanceStatus = Type.Union([Type.Literal('draft'), Type.Literal('published')])
const Title = Type.String({ minLength: 1, maxLength: GUIDANCE_LIMITS.title, pattern: '\\S' })
const Summary = Type.String({ maxLength: GUIDANCE_LIMITS.summary, description: 'One or two sentences for the index (plain text)' })
const Markdown = Type.String({ maxLength: GUIDANCE_LIMITS.markdown, description: 'The page in Markdown (CommonMark; raw HTML is shown as text, images are not supported)' })
const Version = Type.Integer({ minimum: 1, description: 'The version this write started from (optimistic concurrency)' })

export const GuidanceHeading = Type.Object({ id: Type.String(), level: Type.Integer({ minimum: 2, maximum: 6 }), text: Type.String() })
export const RenderedGuidance = Type.Object({
  html: Type.String({ description: 'Safe HTML rendered from the Markdown: no raw HTML, only http(s), mailto, tel and relative links' }),
  headings: Type.Array(GuidanceHeading, { description: 'Headings with their ids, for a table of contents' }),
})

const MunicipalityRef = Type.Object({ id: Uuid, name: Type.String(), slug: Type.String() })

/** A published page in the public index. */
export const GuidancePageSummary = Type.Object({
  slug: Type.String(),
  title: Type.String(),
  summary: Type.String(),
  audience: GuidanceAudience,
  language: GuidanceLanguage,
  publishedAt: DateTime,
  updatedAt: DateTime,
})
export type GuidancePageSummary = Static<typeof GuidancePageSummary>

export const GuidanceIndex = Type.Object({ municipality: MunicipalityRef, items: Type.Array(GuidancePageSummary) })
export type GuidanceIndex = Static<typeof GuidanceIndex>

/** A published page as the public reads it: rendered, without its Markdown. */
export const PublicGuidancePage = Type.Object({ municipality: MunicipalityRef, page: Type.Intersect([GuidancePageSummary, RenderedGuidance]) })
export type PublicGuidancePage = Static<typeof PublicGuidancePage>

/** A page as its municipality's staff edit it. */
export const GuidancePage = Type.Object({
  id: Uuid,
  municipalityId: Uuid,
  slug: Type.String(),
  title: Type.String(),
  summary: Type.String(),
  audience: GuidanceAudience,
  language: GuidanceLanguage,
  markdown: Type.String(),
  status: GuidanceStatus,
  publishedAt: Type.Union([DateTime, Type.Null()]),
  updatedAt: DateTime,
  version: Type.Integer(),
})
export type GuidancePage = Static<typeof GuidancePage>

export const CreateGuidancePageBody = StrictObject({
  slug: GuidanceSlug,
  title: Title,
  summary: Type.Optional(Summary),
  audience: GuidanceAudience,
  language: Type.Optional(GuidanceLanguage),
  markdown: Markdown,
})
export type CreateGuidancePageBody = Static<typeof CreateGuidancePageBody>

export const UpdateGuidancePageBody = StrictObject({
  slug: Type.Optional(GuidanceSlug),
  title: Type.Optional(Title),
  summary: Type.Optional(Summary),
  audience: Type.Optional(GuidanceAudience),
  language: Type.Optional(GuidanceLanguage),
  markdown: Type.Optional(Markdown),
  version: Version,
})
export type UpdateGuidancePageBody = Static<typeof UpdateGuidancePageBody>

export const GuidanceVersionBody = StrictObject({ version: Version })
export const GuidancePreviewBody = StrictObject({ markdown: Markdown })

export const GuidanceSlugParams = StrictObject({ slug: Type.String({ pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', maxLength: 120 }), pageSlug: GuidanceSlug })

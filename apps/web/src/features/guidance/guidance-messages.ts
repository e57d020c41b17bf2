import { isProblem } from '../../api/problem'
import { messageFromProblem, type UiMessage } from '../../composables/messages'

/** Guidance's own wording for the API's `guidance.*` codes (kept under the feature's i18n key); anything else as usual. */
const OWN: Record<string, string> = {
  'guidance.not_found': 'guidance.apiErrors.notFound',
  'guidance.forbidden': 'guidance.apiErrors.forbidden',
  'guidance.invalid_transition': 'guidance.apiErrors.invalidTransition',
  'guidance.slug_taken': 'guidance.editor.slugTaken',
  'guidance.markdown_empty': 'guidance.apiErrors.markdownEmpty',
  'municipalities.not_found': 'guidance.apiErrors.notFound',
}

export function guidanceMessage(body: unknown): UiMessage {
  if (isProblem(body)) {
    const code = body.errors?.[0]?.code ?? body.code
    const key = code === undefined ? undefined : OWN[code]
    if (key) return { key, fallback: body.errors?.[0]?.message ?? body.detail ?? body.title }
  }
  return messageFromProblem(body)
}

/** The field a guidance problem names, when the editor has its own wording for it. */
export function guidanceFieldError(body: unknown): { field: 'slug' | 'markdown'; message: UiMessage } | null {
  if (!isProblem(body)) return null
  const error = body.errors?.find((e) => e.code === 'guidance.slug_taken' || e.code === 'guidance.markdown_empty')
  if (!error?.code) return null
  return { field: error.code === 'guidance.slug_taken' ? 'slug' : 'markdown', message: { key: OWN[error.code]! } }
}

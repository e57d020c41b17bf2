import { isProblem, type ProblemFieldError } from '../api/problem'

/**
 * A message kept as a translation key (with the key of the field label it names) rather than as text,
 * so errors already on screen follow a language switch.
 */
export type UiMessage =
  | { key: string; params?: Record<string, string | number>; fieldKey?: string; fallback?: string }
  | { text: string }

export interface Translator {
  t(key: string, params?: Record<string, unknown>): string
  te(key: string): boolean
}

export function renderMessage({ t, te }: Translator, message: UiMessage): string {
  if ('text' in message) return message.text
  if (message.fallback !== undefined && !te(message.key)) return message.fallback
  const field = message.fieldKey === undefined ? undefined : t(message.fieldKey)
  return t(message.key, field === undefined ? message.params : { ...message.params, field })
}

/** API errors carry a stable code; show our own wording when we have one, the server's message otherwise. */
export function messageFromApiError(error: ProblemFieldError): UiMessage {
  if (error.code === undefined || error.code === '') return { text: error.message }
  return { key: `apiErrors.${error.code}`, fallback: error.message }
}

/** The message for a whole failed request: our wording for its code, else its detail, else a generic one. */
export function messageFromProblem(body: unknown): UiMessage {
  if (!isProblem(body)) return { key: 'common.unknownError' }
  const text = body.detail ?? body.title
  if (body.code === undefined || body.code === '') return { text }
  return { key: `apiErrors.${body.code}`, fallback: text }
}

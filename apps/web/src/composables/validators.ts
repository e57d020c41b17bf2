import type { UiMessage } from './messages'

/** A rule returns the message to show, or null when the value is fine. */
export type Rule = (value: string) => UiMessage | null

export const required =
  (fieldKey: string): Rule =>
  (value) =>
    value.trim() === '' ? { key: 'validation.required', fieldKey } : null

// Deliberately loose: the server decides; this only catches obvious typos before a round trip.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

export const email: Rule = (value) =>
  value.trim() === '' || EMAIL.test(value.trim()) ? null : { key: 'validation.email' }

export const minLength =
  (min: number, fieldKey: string): Rule =>
  (value) =>
    value === '' || value.length >= min ? null : { key: 'validation.minLength', fieldKey, params: { min } }

export const maxLength =
  (max: number, fieldKey: string): Rule =>
  (value) =>
    value.length <= max ? null : { key: 'validation.maxLength', fieldKey, params: { max } }

export const kvkNumber: Rule = (value) =>
  value.trim() === '' || /^\d{8}$/.test(value.trim()) ? null : { key: 'validation.kvkNumber' }

export type Rules<F extends string> = Partial<Record<F, Rule[]>>

/** The first failing rule per field, in the order the rules are listed. */
export function validate<F extends string>(
  values: Record<F, string>,
  rules: Rules<F>,
): Partial<Record<F, UiMessage>> {
  const errors: Partial<Record<F, UiMessage>> = {}
  for (const field of Object.keys(rules) as F[]) {
    for (const rule of rules[field] ?? []) {
      const message = rule(values[field])
      if (message !== null) {
        errors[field] = message
        break
      }
    }
  }
  return errors
}

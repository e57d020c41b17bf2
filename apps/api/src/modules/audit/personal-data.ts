/** Keys that hold contact details of a person wherever they appear. */
const CONTACT_KEY = /^(e-?mail|.*Email|phone|.*Phone|contactName|contactPerson|displayName|fullName|userName|askedByName)$/
/** Entities whose `name` is a person's name (elsewhere `name` names an organisation, round or criterion). */
const PERSON_ENTITIES = new Set(['user', 'jury_member', 'invitation', 'membership', 'account_manager'])

export const PERSONAL_DATA_MARK = '[persoonsgegevens niet gelogd]'

/**
 * The audit log is append-only, so anything personal written into it could never be erased when a user
 * asks (AVG art. 17). This safety net replaces contact details in before/after snapshots by a mark, so the
 * log still shows *that* they changed (the mark differs from null) but not what they were.
 */
export function withoutPersonalData(value: unknown, entityType: string): unknown {
  if (Array.isArray(value)) return value.map((item) => withoutPersonalData(item, entityType))
  if (value === null || typeof value !== 'object' || value instanceof Date) return value
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).map(([key, inner]) => {
      const personal = CONTACT_KEY.test(key) || (key === 'name' && PERSON_ENTITIES.has(entityType))
      if (personal) return [key, inner === null || inner === undefined ? inner : PERSONAL_DATA_MARK]
      return [key, withoutPersonalData(inner, entityType)]
    }),
  )
}

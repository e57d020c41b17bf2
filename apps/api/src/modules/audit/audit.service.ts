import type { DbOrTx } from '../../db/client'
import { auditEvents } from './audit.table'
import { withoutPersonalData } from './personal-data'

export interface AuditEvent {
  actorId: string | null
  action: string
  entityType: string
  entityId: string
  organisationId?: string | null
  before?: unknown
  after?: unknown
}

/**
 * The one way to record a state change; call it with the transaction that made the change.
 * Record ids and non-personal facts only (no names, emails, free text about people): the log is
 * append-only, so anonymising a user (AVG) must leave nothing personal behind in it; contact details
 * that slip into a snapshot anyway are masked here (`withoutPersonalData`).
 */
export async function recordAudit(tx: DbOrTx, event: AuditEvent): Promise<void> {
  await tx.insert(auditEvents).values({
    actorId: event.actorId,
    action: event.action,
    entityType: event.entityType,
    entityId: event.entityId,
    organisationId: event.organisationId ?? null,
    before: withoutPersonalData(event.before ?? null, event.entityType),
    after: withoutPersonalData(event.after ?? null, event.entityType),
  })
}

import type { InboxQuestion, MyQuestion, PublicQaItem } from '@opgave/contracts'
import { questionStatus } from '@opgave/domain'
import type { QuestionRow } from './questions.table'

const iso = (d: Date | null) => (d ? d.toISOString() : null)

/**
 * The one place a published question becomes public: number, wording and answer only.
 * No asker, no enterprise, no ids that could lead back to them.
 */
export function toPublicQaItem(row: QuestionRow): PublicQaItem {
  return { number: row.number!, question: row.publicText ?? row.text, answer: row.answer ?? '', publishedAt: row.publishedAt!.toISOString(), notaVersion: row.notaVersion! }
}

export function toInboxQuestion(row: QuestionRow, extra: { askedByName: string | null; enterpriseName: string }): InboxQuestion {
  return {
    id: row.id,
    challengeId: row.challengeId,
    text: row.text,
    publicText: row.publicText,
    answer: row.answer,
    status: questionStatus(row),
    askedAt: row.createdAt.toISOString(),
    askedByName: extra.askedByName,
    enterpriseId: row.enterpriseId,
    enterpriseName: extra.enterpriseName,
    mergedIntoId: row.mergedIntoId,
    number: row.number,
    publishedAt: iso(row.publishedAt),
    notaVersion: row.notaVersion,
    answeredAt: iso(row.answeredAt),
    version: row.version,
  }
}

/**
 * The asking enterprise's view. The answer shows only once it is published to everyone (equal
 * information: the asker learns nothing before the other bidders). A merged question shows the
 * published question that answers it.
 */
export function toMyQuestion(row: QuestionRow, extra: { challengeTitle: string; enterpriseName: string; target: QuestionRow | null }): MyQuestion {
  const answeredBy = row.mergedIntoId ? extra.target : row
  const published = answeredBy?.publishedAt ? answeredBy : null
  return {
    id: row.id,
    challengeId: row.challengeId,
    challengeTitle: extra.challengeTitle,
    enterpriseId: row.enterpriseId,
    enterpriseName: extra.enterpriseName,
    text: row.text,
    status: questionStatus(row),
    askedAt: row.createdAt.toISOString(),
    number: row.mergedIntoId ? null : row.number,
    publicText: row.mergedIntoId ? null : row.publishedAt ? (row.publicText ?? row.text) : null,
    answer: published?.answer ?? null,
    publishedAt: iso(published?.publishedAt ?? null),
    notaVersion: published?.notaVersion ?? null,
    answeredByNumber: row.mergedIntoId && published ? published.number : null,
  }
}

import { and, asc, eq, inArray, isNotNull, isNull, lte, max, sql } from 'drizzle-orm'
import type { AnswerQuestionBody, AskQuestionBody, InboxQuestion, MergeQuestionBody, MyQuestion, NotaVersion, NotaVersionSummary, PublicQa } from '@opgave/contracts'
import { isQuestionWindowOpen, mergeProblem, planPublication, type PublicationProblemCode } from '@opgave/domain'
import type { Database, DbOrTx } from '../../db/client'
import { commonProblems } from '../../lib/problem'
import type { Actor } from '../../plugins/auth'
import { recordAudit } from '../audit/audit.service'
import { challengeStatusAt, loadChallengeForUpdate, notifyFollowersAndApplicants } from '../challenges/challenges.service'
import { challenges, type ChallengeRow } from '../challenges/challenges.table'
import { enterpriseErrors } from '../enterprises/enterprises.errors'
import { organisations } from '../organisations/organisations.table'
import { enqueueEmail } from '../outbox/outbox.service'
import { users } from '../users/users.table'
import { authorizeQuestionManagement, loadQuestionForManagement, loadVisibleChallenge, lockQuestions, myEnterpriseIds } from './questions.access'
import { questionErrors } from './questions.errors'
import { notaVersions, questions, type QuestionRow } from './questions.table'
import { toInboxQuestion, toMyQuestion, toPublicQaItem } from './questions.views'

export interface QuestionDeps {
  db: Database
  now: () => Date
  publicUrl: string
}

function questionsOpen(challenge: ChallengeRow, now: Date): boolean {
  if (!challenge.questionsDeadline || !challenge.submissionDeadline) return false
  return isQuestionWindowOpen({ status: challengeStatusAt(challenge, now), submissionDeadline: challenge.submissionDeadline, questionsDeadline: challenge.questionsDeadline }, now)
}

/** Adds the challenge title, enterprise name and (for merged ones) the answering question. */
async function toMyQuestions(db: DbOrTx, rows: QuestionRow[]): Promise<MyQuestion[]> {
  if (rows.length === 0) return []
  const challengeIds = [...new Set(rows.map((r) => r.challengeId))]
  const enterpriseIds = [...new Set(rows.map((r) => r.enterpriseId))]
  const targetIds = [...new Set(rows.flatMap((r) => (r.mergedIntoId ? [r.mergedIntoId] : [])))]
  const [titles, names, targets] = await Promise.all([
    db.select({ id: challenges.id, title: challenges.title }).from(challenges).where(inArray(challenges.id, challengeIds)),
    db.select({ id: organisations.id, name: organisations.name }).from(organisations).where(inArray(organisations.id, enterpriseIds)),
    targetIds.length ? db.select().from(questions).where(inArray(questions.id, targetIds)) : Promise.resolve([] as QuestionRow[]),
  ])
  const title = new Map(titles.map((t) => [t.id, t.title]))
  const name = new Map(names.map((n) => [n.id, n.name]))
  const target = new Map(targets.map((t) => [t.id, t]))
  return rows.map((r) =>
    toMyQuestion(r, { challengeTitle: title.get(r.challengeId) ?? '', enterpriseName: name.get(r.enterpriseId) ?? '', target: r.mergedIntoId ? (target.get(r.mergedIntoId) ?? null) : null }),
  )
}

export async function askQuestion({ db, now, publicUrl }: QuestionDeps, actor: Actor, challengeId: string, body: AskQuestionBody): Promise<MyQuestion> {
  return db.transaction(async (tx) => {
    const challenge = await loadVisibleChallenge(tx, actor, challengeId)
    // Asking is only ever on behalf of an enterprise the caller belongs to; others' ids are unknown (404).
    if (!(await myEnterpriseIds(tx, actor)).includes(body.enterpriseId)) {
      throw enterpriseErrors.notFound('You are not a member of this enterprise.', [{ field: '/enterpriseId', code: 'enterprises.not_found', message: 'Choose an enterprise you belong to.' }])
    }
    const at = now()
    if (!questionsOpen(challenge, at)) {
      throw questionErrors.deadlinePassed(
        challenge.questionsDeadline ? `Questions could be asked until ${challenge.questionsDeadline.toISOString()}.` : 'This challenge does not take questions.',
      )
    }
    const [row] = await tx
      .insert(questions)
      .values({ challengeId, enterpriseId: body.enterpriseId, askedBy: actor.userId, text: body.text.trim(), createdAt: at, updatedAt: at })
      .returning()
    await recordAudit(tx, { actorId: actor.userId, action: 'question.asked', entityType: 'question', entityId: row!.id, organisationId: body.enterpriseId, after: row })
    // The challenge's contact person hears of it at once; the mail names no asker, like everything outside the inbox.
    if (challenge.contactEmail) {
      await enqueueEmail(tx, {
        to: challenge.contactEmail,
        subject: `Nieuwe vraag over ${challenge.title}`,
        text: `Er is een nieuwe vraag gesteld over "${challenge.title}". Beantwoord en publiceer hem in de vragen-inbox:\n\n${publicUrl.replace(/\/$/, '')}/gemeente/uitdagingen/${challengeId}/vragen`,
      })
    }
    return (await toMyQuestions(tx, [row!]))[0]!
  })
}

/** The caller's enterprises' questions, optionally on one challenge, newest first. */
export async function listMyQuestions({ db }: QuestionDeps, actor: Actor, challengeId?: string): Promise<MyQuestion[]> {
  if (challengeId) await loadVisibleChallenge(db, actor, challengeId)
  const enterpriseIds = await myEnterpriseIds(db, actor)
  if (enterpriseIds.length === 0) return []
  const rows = await db
    .select()
    .from(questions)
    .where(and(inArray(questions.enterpriseId, enterpriseIds), challengeId ? eq(questions.challengeId, challengeId) : undefined))
    .orderBy(sql`${questions.createdAt} desc`, asc(questions.id))
  return toMyQuestions(db, rows)
}

export async function listInbox({ db }: QuestionDeps, actor: Actor, challengeId: string): Promise<InboxQuestion[]> {
  await authorizeQuestionManagement(db, actor, challengeId)
  const rows = await db
    .select({ q: questions, askedByName: users.name, enterpriseName: organisations.name })
    .from(questions)
    .innerJoin(organisations, eq(organisations.id, questions.enterpriseId))
    .leftJoin(users, eq(users.id, questions.askedBy))
    .where(eq(questions.challengeId, challengeId))
    .orderBy(asc(questions.createdAt), asc(questions.id))
  return rows.map((r) => toInboxQuestion(r.q, { askedByName: r.askedByName, enterpriseName: r.enterpriseName }))
}

async function inboxView(tx: DbOrTx, row: QuestionRow): Promise<InboxQuestion> {
  const [extra] = await tx
    .select({ askedByName: users.name, enterpriseName: organisations.name })
    .from(questions)
    .innerJoin(organisations, eq(organisations.id, questions.enterpriseId))
    .leftJoin(users, eq(users.id, questions.askedBy))
    .where(eq(questions.id, row.id))
  return toInboxQuestion(row, { askedByName: extra?.askedByName ?? null, enterpriseName: extra?.enterpriseName ?? '' })
}

/** Drafts or changes the answer (and the anonymised public wording) until publication. */
export async function answerQuestion({ db, now }: QuestionDeps, actor: Actor, questionId: string, body: AnswerQuestionBody): Promise<InboxQuestion> {
  return db.transaction(async (tx) => {
    const { question } = await loadQuestionForManagement(tx, actor, questionId)
    if (question.version !== body.version) throw commonProblems.staleVersion(await inboxView(tx, question))
    // A published answer is part of what every bidder relied on: corrections go out as a new question and answer.
    if (question.publishedAt) throw questionErrors.alreadyPublished('Published answers cannot change; publish a correction as a new answer.')
    if (question.mergedIntoId) throw questionErrors.merged('This question is answered by the question it was merged into.')
    const at = now()
    const [row] = await tx
      .update(questions)
      .set({
        answer: body.answer.trim(),
        ...(body.publicText !== undefined ? { publicText: body.publicText?.trim() ?? null } : {}),
        answeredAt: at,
        answeredBy: actor.userId,
        version: question.version + 1,
        updatedAt: at,
      })
      .where(eq(questions.id, questionId))
      .returning()
    await recordAudit(tx, { actorId: actor.userId, action: 'question.answered', entityType: 'question', entityId: questionId, organisationId: question.enterpriseId, before: question, after: row })
    return inboxView(tx, row!)
  })
}

const mergeMessages: Record<string, string> = {
  'questions.merge_into_self': 'A question cannot be merged into itself.',
  'questions.other_challenge': 'Both questions must be about the same challenge.',
  'questions.already_published': 'A published question cannot be merged.',
  'questions.merge_target_merged': 'The target was itself merged; merge into the question it points to.',
}

/** Marks a duplicate: it shares the target's answer and number and is not published on its own. */
export async function mergeQuestion({ db, now }: QuestionDeps, actor: Actor, questionId: string, body: MergeQuestionBody): Promise<InboxQuestion> {
  return db.transaction(async (tx) => {
    const { question } = await loadQuestionForManagement(tx, actor, questionId)
    if (question.version !== body.version) throw commonProblems.staleVersion(await inboxView(tx, question))
    const [target] = await lockQuestions(tx, [body.intoQuestionId])
    if (!target || target.challengeId !== question.challengeId) {
      throw questionErrors.notFound('The target question does not exist on this challenge.', [{ field: '/intoQuestionId', code: 'questions.not_found', message: 'Unknown question.' }])
    }
    const problem = mergeProblem(question, target)
    if (problem) throw questionErrors.notMergeable(mergeMessages[problem], [{ field: '/intoQuestionId', code: problem, message: mergeMessages[problem]! }])
    const at = now()
    // Questions merged into this one follow it, so no chain ever forms.
    await tx.update(questions).set({ mergedIntoId: target.id, updatedAt: at, version: sql`${questions.version} + 1` }).where(eq(questions.mergedIntoId, question.id))
    const [row] = await tx
      .update(questions)
      .set({ mergedIntoId: target.id, version: question.version + 1, updatedAt: at })
      .where(eq(questions.id, questionId))
      .returning()
    await recordAudit(tx, { actorId: actor.userId, action: 'question.merged', entityType: 'question', entityId: questionId, organisationId: question.enterpriseId, before: question, after: row })
    return inboxView(tx, row!)
  })
}

const publishMessages: Record<PublicationProblemCode, string> = {
  'questions.unknown': 'Not a question of this challenge.',
  'questions.duplicate': 'Selected twice.',
  'questions.not_answered': 'Answer the question before publishing it.',
  'questions.merged': 'Merged questions are published through the question they were merged into.',
  'questions.already_published': 'Already published.',
}

/**
 * Publishes the selected answered questions to everyone at once, in one transaction: numbers
 * continue per challenge and the nota van inlichtingen gets a new version. The challenge row is
 * locked so two publications cannot hand out the same number or version.
 */
export async function publishQuestions({ db, now, publicUrl }: QuestionDeps, actor: Actor, challengeId: string, questionIds: string[]): Promise<NotaVersionSummary> {
  return db.transaction(async (tx) => {
    await authorizeQuestionManagement(tx, actor, challengeId)
    const challenge = await loadChallengeForUpdate(tx, challengeId)
    const known = await tx.select().from(questions).where(eq(questions.challengeId, challengeId)).for('update')
    const [highest] = await tx.select({ n: max(questions.number) }).from(questions).where(eq(questions.challengeId, challengeId))
    const plan = planPublication(
      questionIds,
      known.map((q) => ({ ...q, askedAt: q.createdAt })),
      highest?.n ?? 0,
    )
    if (plan.problems.length > 0) {
      throw questionErrors.notPublishable(
        'Nothing was published.',
        plan.problems.map((p) => ({ field: `/questionIds/${p.index}`, code: p.code, message: publishMessages[p.code] })),
      )
    }
    const [latest] = await tx.select({ v: max(notaVersions.version) }).from(notaVersions).where(eq(notaVersions.challengeId, challengeId))
    const version = (latest?.v ?? 0) + 1
    const at = now()
    for (const [id, number] of plan.numbers) {
      const q = known.find((k) => k.id === id)!
      await tx
        .update(questions)
        .set({ number, notaVersion: version, publishedAt: at, publicText: q.publicText ?? q.text, version: q.version + 1, updatedAt: at })
        .where(eq(questions.id, id))
    }
    await tx.insert(notaVersions).values({ challengeId, version, publishedAt: at, publishedBy: actor.userId, questionCount: plan.numbers.size })
    await recordAudit(tx, {
      actorId: actor.userId,
      action: 'questions.published',
      entityType: 'challenge',
      entityId: challengeId,
      organisationId: challenge.municipalityId,
      after: { notaVersion: version, numbers: Object.fromEntries(plan.numbers) },
    })
    const link = `${publicUrl.replace(/\/$/, '')}/uitdagingen/${challengeId}/vragen`
    await notifyFollowersAndApplicants(
      tx,
      challengeId,
      `Nieuwe antwoorden: ${challenge.title}`,
      `Er ${plan.numbers.size === 1 ? 'is 1 nieuw antwoord' : `zijn ${plan.numbers.size} nieuwe antwoorden`} gepubliceerd in versie ${version} van de nota van inlichtingen bij "${challenge.title}".\n\nLees ze op ${link}`,
    )
    await notifyAskers(tx, challengeId, [...plan.numbers.keys()], challenge.title, link)
    return { version, publishedAt: at.toISOString(), questionCount: plan.numbers.size }
  })
}

/** The people who asked the published questions (or duplicates merged into them) hear that their answer is out. */
async function notifyAskers(tx: DbOrTx, challengeId: string, publishedIds: string[], title: string, link: string) {
  const rows = await tx
    .selectDistinct({ email: users.email })
    .from(questions)
    .innerJoin(users, eq(users.id, questions.askedBy))
    .where(and(eq(questions.challengeId, challengeId), isNull(users.disabledAt), sql`(${inArray(questions.id, publishedIds)} or ${inArray(questions.mergedIntoId, publishedIds)})`))
  for (const r of rows) {
    await enqueueEmail(tx, { to: r.email, subject: `Uw vraag is beantwoord: ${title}`, text: `Het antwoord op uw vraag over "${title}" staat nu in de nota van inlichtingen, voor alle inschrijvers tegelijk.\n\n${link}` })
  }
}

async function publishedRows(db: DbOrTx, challengeId: string, upToVersion?: number) {
  return db
    .select()
    .from(questions)
    .where(and(eq(questions.challengeId, challengeId), isNotNull(questions.publishedAt), isNull(questions.mergedIntoId), upToVersion ? lte(questions.notaVersion, upToVersion) : undefined))
    .orderBy(asc(questions.number))
}

export async function publicQa({ db, now }: QuestionDeps, actor: Actor | null, challengeId: string): Promise<PublicQa> {
  const challenge = await loadVisibleChallenge(db, actor, challengeId)
  const rows = await publishedRows(db, challengeId)
  const [latest] = await db.select({ v: max(notaVersions.version) }).from(notaVersions).where(eq(notaVersions.challengeId, challengeId))
  return {
    items: rows.map(toPublicQaItem),
    latestVersion: latest?.v ?? null,
    questionsDeadline: challenge.questionsDeadline?.toISOString() ?? null,
    questionsOpen: questionsOpen(challenge, now()),
  }
}

export async function listNotaVersions({ db }: QuestionDeps, actor: Actor | null, challengeId: string): Promise<NotaVersionSummary[]> {
  await loadVisibleChallenge(db, actor, challengeId)
  const rows = await db.select().from(notaVersions).where(eq(notaVersions.challengeId, challengeId)).orderBy(asc(notaVersions.version))
  return rows.map((r) => ({ version: r.version, publishedAt: r.publishedAt.toISOString(), questionCount: r.questionCount }))
}

/** One version of the nota: every question published up to and including it. */
export async function getNotaVersion({ db }: QuestionDeps, actor: Actor | null, challengeId: string, version: number): Promise<NotaVersion> {
  const challenge = await loadVisibleChallenge(db, actor, challengeId)
  const [nota] = await db.select().from(notaVersions).where(and(eq(notaVersions.challengeId, challengeId), eq(notaVersions.version, version)))
  if (!nota) throw questionErrors.notaVersionNotFound()
  const [municipality] = await db.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, challenge.municipalityId))
  const rows = await publishedRows(db, challengeId, version)
  return {
    challengeId,
    challengeTitle: challenge.title,
    municipalityName: municipality?.name ?? '',
    version,
    publishedAt: nota.publishedAt.toISOString(),
    items: rows.map(toPublicQaItem),
  }
}

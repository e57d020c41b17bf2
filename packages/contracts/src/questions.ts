import { Type, type Static } from '@sinclair/typebox'
import { DateTime, StrictObject, Uuid } from './common'

/**
 * Questions and answers (nota van inlichtingen). Three views of one question:
 * - the asker's enterprise sees its own question and status (`MyQuestion`), the answer only once published;
 * - municipality staff see everything, including who asked (`InboxQuestion`);
 * - everyone sees the published Q&A without any trace of the asker (`PublicQaItem`).
 */
export const QuestionStatus = Type.Union([Type.Literal('open'), Type.Literal('answered'), Type.Literal('merged'), Type.Literal('published')])
export type QuestionStatus = Static<typeof QuestionStatus>

export const QuestionText = Type.String({ minLength: 5, maxLength: 4000 })
export const AnswerText = Type.String({ minLength: 1, maxLength: 10000 })

export const AskQuestionBody = StrictObject({ enterpriseId: Uuid, text: QuestionText })
export type AskQuestionBody = Static<typeof AskQuestionBody>

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()])

export const MyQuestion = Type.Object({
  id: Uuid,
  challengeId: Uuid,
  challengeTitle: Type.String(),
  enterpriseId: Uuid,
  enterpriseName: Type.String(),
  text: Type.String(),
  status: QuestionStatus,
  askedAt: DateTime,
  /** Set once the answer is public: every bidder gets it at the same moment. */
  number: Nullable(Type.Integer()),
  publicText: Nullable(Type.String()),
  answer: Nullable(Type.String()),
  publishedAt: Nullable(DateTime),
  notaVersion: Nullable(Type.Integer()),
  /** For a merged question: the number of the published question that answers it (null until published). */
  answeredByNumber: Nullable(Type.Integer()),
})
export type MyQuestion = Static<typeof MyQuestion>

export const InboxQuestion = Type.Object({
  id: Uuid,
  challengeId: Uuid,
  text: Type.String(),
  publicText: Nullable(Type.String()),
  answer: Nullable(Type.String()),
  status: QuestionStatus,
  askedAt: DateTime,
  askedByName: Nullable(Type.String({ description: 'Null when the asker deleted their account' })),
  enterpriseId: Uuid,
  enterpriseName: Type.String(),
  mergedIntoId: Nullable(Uuid),
  number: Nullable(Type.Integer()),
  publishedAt: Nullable(DateTime),
  notaVersion: Nullable(Type.Integer()),
  answeredAt: Nullable(DateTime),
  version: Type.Integer(),
})
export type InboxQuestion = Static<typeof InboxQuestion>

export const AnswerQuestionBody = StrictObject({
  answer: AnswerText,
  publicText: Type.Optional(Type.Union([QuestionText, Type.Null()], { description: 'Anonymised wording published instead of the asker’s text; null to publish the text as asked' })),
  version: Type.Integer({ minimum: 1 }),
})
export type AnswerQuestionBody = Static<typeof AnswerQuestionBody>

export const MergeQuestionBody = StrictObject({ intoQuestionId: Uuid, version: Type.Integer({ minimum: 1 }) })
export type MergeQuestionBody = Static<typeof MergeQuestionBody>

export const PublishQuestionsBody = StrictObject({ questionIds: Type.Array(Uuid, { minItems: 1, maxItems: 500 }) })
export type PublishQuestionsBody = Static<typeof PublishQuestionsBody>

export const PublicQaItem = Type.Object({
  number: Type.Integer(),
  question: Type.String(),
  answer: Type.String(),
  publishedAt: DateTime,
  notaVersion: Type.Integer(),
})
export type PublicQaItem = Static<typeof PublicQaItem>

export const NotaVersionSummary = Type.Object({ version: Type.Integer(), publishedAt: DateTime, questionCount: Type.Integer({ description: 'Questions first published in this version' }) })
export type NotaVersionSummary = Static<typeof NotaVersionSummary>

export const NotaVersion = Type.Object({
  challengeId: Uuid,
  challengeTitle: Type.String(),
  municipalityName: Type.String(),
  version: Type.Integer(),
  publishedAt: DateTime,
  /** Every question published up to and including this version. */
  items: Type.Array(PublicQaItem),
})
export type NotaVersion = Static<typeof NotaVersion>

export const PublicQa = Type.Object({ items: Type.Array(PublicQaItem), latestVersion: Nullable(Type.Integer()), questionsDeadline: Nullable(DateTime), questionsOpen: Type.Boolean() })
export type PublicQa = Static<typeof PublicQa>

export const NotaVersionParams = StrictObject({ challengeId: Uuid, version: Type.Integer({ minimum: 1 }) })

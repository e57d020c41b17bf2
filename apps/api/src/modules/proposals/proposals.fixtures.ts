import { eq } from 'drizzle-orm'
import type { TestContext } from '../../../test/test-app'
import { bearer, http, registerUser } from '../../../test/http'
import { writeZip } from '../../lib/zip'
import { challenges } from '../challenges/challenges.table'
import { memberships, organisations } from '../organisations/organisations.table'

/** Test fixtures: organisations, people and challenges written straight to the database. */
export type TestUser = Awaited<ReturnType<typeof registerUser>>

export async function makeOrganisation(ctx: TestContext, values: Partial<typeof organisations.$inferInsert> & { kind: 'municipality' | 'enterprise'; name: string }) {
  const [row] = await ctx.database.db
    .insert(organisations)
    .values({ slug: values.name.toLowerCase().replace(/[^a-z0-9]+/g, '-'), ...values })
    .returning()
  return row!
}

export async function addMember(ctx: TestContext, organisationId: string, user: TestUser, role: 'admin' | 'challenge_manager' | 'account_manager' | 'owner' | 'member') {
  await ctx.database.db.insert(memberships).values({ organisationId, userId: user.user.id, role })
}

let challengeCounter = 0
export async function makeChallenge(ctx: TestContext, municipalityId: string, values: Partial<typeof challenges.$inferInsert> = {}) {
  challengeCounter += 1
  const deadline = values.submissionDeadline ?? new Date(ctx.clock.now.getTime() + 7 * 86_400_000)
  const [row] = await ctx.database.db
    .insert(challenges)
    .values({
      municipalityId,
      slug: `opgave-${challengeCounter}`,
      title: `Opgave ${challengeCounter}`,
      status: 'published',
      publishedAt: new Date(ctx.clock.now.getTime() - 86_400_000),
      questionsDeadline: new Date(deadline.getTime() - 86_400_000),
      submissionDeadline: deadline,
      sdgGoals: [8],
      ...values,
    })
    .returning()
  return row!
}

export async function setEnterpriseProfile(ctx: TestContext, id: string, values: Partial<typeof organisations.$inferInsert>) {
  await ctx.database.db.update(organisations).set(values).where(eq(organisations.id, id))
}

export const completeContent = {
  summary: 'Een repair café in elke wijk.',
  approach: 'Wekelijkse inloop met vrijwilligers en werkervaringsplekken.',
  team: 'Twee coördinatoren en tien vrijwilligers.',
  requestedBudget: 45_000.5,
  plannedImpact: [{ sdgTarget: '8.5', indicators: [{ name: 'Werkervaringsplekken', baseline: 0, target: 6, unit: 'plekken' }] }],
  socialReturn: { hours: 2400, jobs: 3, targetGroup: 'Mensen met een afstand tot de arbeidsmarkt' },
}

export async function startProposal(ctx: TestContext, user: TestUser, challengeId: string, enterpriseId: string, title = 'Repair café') {
  const res = await http(ctx).post(`/api/v1/challenges/${challengeId}/proposals`).set(bearer(user.token)).send({ enterpriseId, title })
  if (res.status !== 201) throw new Error(`create failed: ${res.status} ${JSON.stringify(res.body)}`)
  return res.body as { id: string; version: number }
}

export async function fillProposal(ctx: TestContext, user: TestUser, proposal: { id: string; version: number }) {
  const res = await http(ctx).patch(`/api/v1/proposals/${proposal.id}`).set(bearer(user.token)).send({ version: proposal.version, ...completeContent })
  if (res.status !== 200) throw new Error(`fill failed: ${res.status} ${JSON.stringify(res.body)}`)
  return res.body as { id: string; version: number }
}

export const PDF_BYTES = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n', 'latin1')

/** A zip whose entries carry these names (each a tiny XML file): what the upload check reads to tell DOCX from XLSX. */
export function makeZip(names: string[]): Buffer {
  return writeZip(names.map((name) => ({ name, data: Buffer.from('<xml/>') })))
}

/**
 * Builds the multipart body by hand: HTTP clients "helpfully" strip path parts from file names,
 * and the tests must send exactly what an attacker would.
 */
export function multipartFile(bytes: Buffer, filename: string, contentType: string) {
  const boundary = `----opgave${Math.random().toString(16).slice(2)}`
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename.replaceAll('"', '%22')}"\r\nContent-Type: ${contentType}\r\n\r\n`
  return { body: Buffer.concat([Buffer.from(head, 'utf8'), bytes, Buffer.from(`\r\n--${boundary}--\r\n`)]), contentType: `multipart/form-data; boundary=${boundary}` }
}

export function upload(ctx: TestContext, user: TestUser, proposalId: string, bytes: Buffer, filename: string, contentType = 'application/pdf') {
  const form = multipartFile(bytes, filename, contentType)
  return http(ctx).post(`/api/v1/proposals/${proposalId}/documents`).set(bearer(user.token)).set('Content-Type', form.contentType).send(form.body)
}

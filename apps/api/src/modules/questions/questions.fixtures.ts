import { and, eq } from 'drizzle-orm'
import type { TestContext } from '../../../test/test-app'
import { bearer, http, registerUser } from '../../../test/http'
import { challengeFollowers, challenges } from '../challenges/challenges.table'
import { memberships, organisations } from '../organisations/organisations.table'

export type TestUser = Awaited<ReturnType<typeof registerUser>>
type Role = 'admin' | 'challenge_manager' | 'account_manager' | 'owner' | 'member'

/** Municipalities are created by platform admins; tests insert them directly with their staff. */
export async function makeMunicipality(ctx: TestContext, name: string, slug: string, staff: [TestUser, Role][] = []): Promise<string> {
  const [row] = await ctx.database.db.insert(organisations).values({ kind: 'municipality', name, slug }).returning({ id: organisations.id })
  for (const [user, role] of staff) await addMember(ctx, row!.id, user, role)
  return row!.id
}

export async function addMember(ctx: TestContext, organisationId: string, user: TestUser, role: Role) {
  await ctx.database.db.insert(memberships).values({ organisationId, userId: user.user.id, role })
}

export async function setRole(ctx: TestContext, organisationId: string, user: TestUser, role: Role) {
  await ctx.database.db.update(memberships).set({ role }).where(and(eq(memberships.organisationId, organisationId), eq(memberships.userId, user.user.id)))
}

export async function makeEnterprise(ctx: TestContext, owner: TestUser, name: string): Promise<string> {
  const res = await http(ctx).post('/api/v1/organisations').set(bearer(owner.token)).send({ kind: 'enterprise', name })
  if (res.status !== 201) throw new Error(`enterprise: ${res.status} ${JSON.stringify(res.body)}`)
  return res.body.id as string
}

const DAY = 24 * 60 * 60 * 1000

/**
 * A challenge row as the challenges module would leave it after publication. Inserted directly so
 * these tests exercise Q&A rules only, independent of the challenge editor.
 */
export async function makeChallenge(
  ctx: TestContext,
  municipalityId: string,
  options: { title?: string; status?: 'draft' | 'published'; questionsDeadline?: Date; submissionDeadline?: Date; contactEmail?: string } = {},
): Promise<string> {
  const now = ctx.clock.now
  const published = (options.status ?? 'published') === 'published'
  const [row] = await ctx.database.db
    .insert(challenges)
    .values({
      municipalityId,
      slug: `c-${Math.random().toString(36).slice(2, 10)}`,
      title: options.title ?? 'Eenzaamheid onder ouderen',
      contactEmail: options.contactEmail ?? null,
      status: published ? 'published' : 'draft',
      publishedAt: published ? new Date(now.getTime() - DAY) : null,
      publishAt: new Date(now.getTime() - DAY),
      questionsDeadline: options.questionsDeadline ?? new Date(now.getTime() + 10 * DAY),
      submissionDeadline: options.submissionDeadline ?? new Date(now.getTime() + 20 * DAY),
    })
    .returning({ id: challenges.id })
  return row!.id
}

export async function follow(ctx: TestContext, challengeId: string, user: TestUser) {
  await ctx.database.db.insert(challengeFollowers).values({ challengeId, userId: user.user.id })
}

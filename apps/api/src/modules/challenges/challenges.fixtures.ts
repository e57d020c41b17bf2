import { eq } from 'drizzle-orm'
import type { TestContext } from '../../../test/test-app'
import { bearer, http, registerUser } from '../../../test/http'
import { memberships, organisations } from '../organisations/organisations.table'
import { users } from '../users/users.table'

export type TestUser = Awaited<ReturnType<typeof registerUser>>

/** Test-only: a municipality with an admin, a challenge manager and an account manager (rows inserted directly). */
export async function createMunicipality(ctx: TestContext, slug: string) {
  const [municipality] = await ctx.database.db.insert(organisations).values({ kind: 'municipality', name: `Gemeente ${slug}`, slug }).returning()
  const staff = async (role: 'admin' | 'challenge_manager' | 'account_manager') => {
    const user = await registerUser(ctx, `${role}@${slug}.nl`, `${role} ${slug}`)
    await ctx.database.db.insert(memberships).values({ organisationId: municipality!.id, userId: user.user.id, role })
    return user
  }
  return { id: municipality!.id, slug, admin: await staff('admin'), manager: await staff('challenge_manager'), accountManager: await staff('account_manager') }
}

export async function makePlatformAdmin(ctx: TestContext, user: TestUser) {
  await ctx.database.db.update(users).set({ isPlatformAdmin: true }).where(eq(users.id, user.user.id))
}

export const hours = (n: number) => n * 3_600_000

/** A complete body relative to the test clock: publishable as it stands. */
export function completeChallenge(now: Date, overrides: Record<string, unknown> = {}) {
  const at = (h: number) => new Date(now.getTime() + hours(h)).toISOString()
  return {
    title: 'Eenzaamheid onder ouderen in de wijk',
    summary: 'Help ons eenzame ouderen te bereiken.',
    problemStatement: 'Veel **ouderen** in onze wijken zijn eenzaam.',
    desiredOutcome: 'Minder eenzaamheid, meer ontmoeting.',
    sdgGoals: [3, 10],
    sdgTargets: ['3.4', '10.2'],
    eligibleEnterpriseKinds: ['social_enterprise'],
    eligibleRegions: ['Utrecht'],
    reservedArt282: false,
    socialReturnPercent: 5,
    budgetLines: [
      { portfolio: 'Sociaal domein', amount: 40000 },
      { portfolio: 'Wonen', amount: 10000.5 },
    ],
    contractKind: 'pilot_contract',
    contractValue: 50000.5,
    contactName: 'Okke Opgaven',
    contactEmail: 'opgaven@gemeente.nl',
    questionsDeadline: at(24 * 14),
    submissionDeadline: at(24 * 30),
    decisionAt: at(24 * 60),
    ...overrides,
  }
}

export async function createDraft(ctx: TestContext, municipalityId: string, token: string, body: Record<string, unknown>) {
  const res = await http(ctx).post(`/api/v1/municipalities/${municipalityId}/challenges`).set(bearer(token)).send(body)
  if (res.status !== 201) throw new Error(`create failed: ${res.status} ${JSON.stringify(res.body)}`)
  return res.body as { id: string; version: number }
}

export async function transition(ctx: TestContext, id: string, token: string, step: string, version: number) {
  return http(ctx).post(`/api/v1/challenges/${id}/${step}`).set(bearer(token)).send({ version })
}

export async function createPublished(ctx: TestContext, municipalityId: string, token: string, body: Record<string, unknown>) {
  const draft = await createDraft(ctx, municipalityId, token, body)
  const res = await transition(ctx, draft.id, token, 'publish', draft.version)
  if (res.status !== 200) throw new Error(`publish failed: ${res.status} ${JSON.stringify(res.body)}`)
  return res.body as { id: string; version: number; status: string; submissionDeadline: string }
}

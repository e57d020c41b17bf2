import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestContext } from '../../../test/test-app'
import { bearer, http, registerUser } from '../../../test/http'
import { createClosedChallenge, createEnterprise, createMunicipality, type TestUser } from '../jury/jury.fixtures'
import { emailOutbox } from '../outbox/outbox.table'
import { memberships } from '../organisations/organisations.table'
import { proposalPartners, proposals } from '../proposals/proposals.table'
import { users } from '../users/users.table'
import { AUDIENCE_FOOTER, challengeAudience, notifyFollowersAndApplicants } from './challenges.followers'
import { challengeFollowers } from './challenges.table'

describe('who hears of a change to a challenge: followers and applicants', () => {
  let ctx: TestContext
  let challengeId: string
  const people: Record<string, TestUser> = {}

  beforeAll(async () => {
    ctx = await createTestApp()
    const db = ctx.database.db
    for (const name of ['manager', 'follower', 'lead', 'colleague', 'partner', 'invitedPartner', 'withdrawn', 'disabled', 'bystander']) {
      people[name] = await registerUser(ctx, `${name.toLowerCase()}@example.nl`, name)
    }
    const municipality = await createMunicipality(ctx, people.manager!)
    challengeId = (await createClosedChallenge(ctx, municipality.id)).id
    const lead = await createEnterprise(ctx, people.lead!, 'Leidende BV')
    await db.insert(memberships).values({ organisationId: lead.id, userId: people.colleague!.user.id, role: 'member' })
    const partner = await createEnterprise(ctx, people.partner!, 'Partner BV')
    const invited = await createEnterprise(ctx, people.invitedPartner!, 'Nog niet BV')
    const gone = await createEnterprise(ctx, people.withdrawn!, 'Teruggetrokken BV')
    const disabled = await createEnterprise(ctx, people.disabled!, 'Uitgeschakeld BV')
    const draft = (await db.insert(proposals).values({ challengeId, leadEnterpriseId: lead.id, title: 'Concept' }).returning())[0]!
    await db.insert(proposalPartners).values([
      { proposalId: draft.id, enterpriseId: partner.id, status: 'accepted' },
      { proposalId: draft.id, enterpriseId: invited.id, status: 'invited' },
    ])
    await db.insert(proposals).values([
      { challengeId, leadEnterpriseId: gone.id, title: 'Ingetrokken', status: 'withdrawn' },
      { challengeId, leadEnterpriseId: disabled.id, title: 'Van een uitgeschakeld account', status: 'submitted' },
    ])
    await db.update(users).set({ disabledAt: new Date() }).where(eq(users.id, people.disabled!.user.id))
    // The lead also follows: still one mail.
    await db.insert(challengeFollowers).values([
      { challengeId, userId: people.follower!.user.id },
      { challengeId, userId: people.lead!.user.id },
    ])
  })
  afterAll(() => ctx.close())

  it('is the followers and the members of every lead and accepted partner of a live proposal, each address once', async () => {
    expect(await challengeAudience(ctx.database.db, challengeId)).toEqual(['colleague@example.nl', 'follower@example.nl', 'lead@example.nl', 'partner@example.nl'])
  })

  it('gets the mail with a line saying why, in the transaction of the change', async () => {
    await ctx.database.db.transaction(async (tx) => {
      expect(await notifyFollowersAndApplicants(tx, challengeId, 'Uitdaging gewijzigd: Groene daken', 'De uitdaging "Groene daken" is gewijzigd.')).toBe(4)
    })
    const mails = (await ctx.database.db.select().from(emailOutbox)).filter((m) => m.subject === 'Uitdaging gewijzigd: Groene daken')
    expect(mails.map((m) => m.to).sort()).toEqual(['colleague@example.nl', 'follower@example.nl', 'lead@example.nl', 'partner@example.nl'])
    expect(mails[0]!.text).toBe(`De uitdaging "Groene daken" is gewijzigd.\n\n${AUDIENCE_FOOTER}`)
  })

  it('reaches an applicant who never followed when the municipality adds a criterion', async () => {
    const round = await http(ctx).post(`/api/v1/challenges/${challengeId}/rounds`).set(bearer(people.manager!.token)).send({ kind: 'written', name: 'Ronde 1' })
    expect(round.status).toBe(201)
    const criterion = await http(ctx).post(`/api/v1/jury-rounds/${round.body.id}/criteria`).set(bearer(people.manager!.token)).send({ name: 'Impact', weight: 1 })
    expect(criterion.status).toBe(201)
    const mails = (await ctx.database.db.select().from(emailOutbox)).filter((m) => m.subject === 'Beoordeling gewijzigd: Groene daken')
    expect(mails.map((m) => m.to).sort()).toEqual(['colleague@example.nl', 'follower@example.nl', 'lead@example.nl', 'partner@example.nl'])
  })
})

import { createHash } from 'node:crypto'
import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { desc, eq, sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { canonicalJson } from '@opgave/domain'
import { createTestApp, type TestContext } from '../../../test/test-app'
import { assertNoInternals, bearer, http, registerUser } from '../../../test/http'
import { auditEvents } from '../audit/audit.table'
import { emailOutbox } from '../outbox/outbox.table'
import { addMember, completeContent, fillProposal, makeChallenge, makeOrganisation, makeZip, PDF_BYTES, setEnterpriseProfile, startProposal, upload, type TestUser } from './proposals.fixtures'
import { proposalSubmissions } from './proposals.table'

const api = '/api/v1'
import { accountManagerAssignments } from '../enterprises/enterprises.table'

describe('proposals', () => {
  let ctx: TestContext
  let dataDir: string
  let staff: TestUser
  let leadOwner: TestUser
  let leadMember: TestUser
  let partnerOwner: TestUser
  let outsider: TestUser
  let municipalityId: string
  let lead: { id: string }
  let partner: { id: string }
  let other: { id: string }
  let t0: number
  const at = (hours: number) => new Date(t0 + hours * 3_600_000)

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'opgave-proposals-'))
    ctx = await createTestApp({ dataDir })
    // Sessions expire on the server clock too, so every scenario stays within hours of the real time.
    t0 = ctx.clock.now.getTime()
    staff = await registerUser(ctx, 'staff@gemeente.nl', 'Sanne Staf')
    leadOwner = await registerUser(ctx, 'owner@groenwerkt.nl', 'Gert Groen')
    leadMember = await registerUser(ctx, 'member@groenwerkt.nl', 'Mila Medewerker')
    partnerOwner = await registerUser(ctx, 'owner@devries.nl', 'Daan de Vries')
    outsider = await registerUser(ctx, 'owner@concurrent.nl', 'Olga Outsider')
    municipalityId = (await makeOrganisation(ctx, { kind: 'municipality', name: 'Gemeente Voorbeeldstad' })).id
    lead = await makeOrganisation(ctx, { kind: 'enterprise', name: 'GroenWerkt', isSocialEnterprise: true, distanceToLabourMarketPercent: 45, region: 'Utrecht' })
    partner = await makeOrganisation(ctx, { kind: 'enterprise', name: 'Bouwbedrijf De Vries', isSocialEnterprise: false, distanceToLabourMarketPercent: 5 })
    other = await makeOrganisation(ctx, { kind: 'enterprise', name: 'Concurrent BV', isSocialEnterprise: true, distanceToLabourMarketPercent: 60 })
    await addMember(ctx, municipalityId, staff, 'challenge_manager')
    await addMember(ctx, lead.id, leadOwner, 'owner')
    await addMember(ctx, lead.id, leadMember, 'member')
    await addMember(ctx, partner.id, partnerOwner, 'owner')
    await addMember(ctx, other.id, outsider, 'owner')
  })
  afterAll(async () => {
    await ctx.close()
    rmSync(dataDir, { recursive: true, force: true })
  })

  describe('drafts and optimistic concurrency', () => {
    it('a member starts a draft; one proposal per enterprise per challenge; audited', async () => {
      const challenge = await makeChallenge(ctx, municipalityId)
      const res = await http(ctx).post(`${api}/challenges/${challenge.id}/proposals`).set(bearer(leadMember.token)).send({ enterpriseId: lead.id, title: '  Repair café  ' })
      expect(res.status).toBe(201)
      expect(res.body).toMatchObject({ title: 'Repair café', status: 'draft', version: 1, myAccess: 'lead', canEdit: true, canSubmit: true, leadEnterprise: { id: lead.id, name: 'GroenWerkt' }, partners: [], documents: [], receipt: null })
      const again = await http(ctx).post(`${api}/challenges/${challenge.id}/proposals`).set(bearer(leadOwner.token)).send({ enterpriseId: lead.id, title: 'Nog een' })
      expect(again.status).toBe(409)
      expect(again.body).toMatchObject({ code: 'proposals.already_exists', current: { id: res.body.id } })
      const events = await ctx.database.db.select().from(auditEvents).where(eq(auditEvents.entityId, res.body.id))
      expect(events.map((e) => e.action)).toEqual(['proposal.created'])
    })

    it('refuses an enterprise the caller does not belong to, unknown challenges and unpublished ones', async () => {
      const challenge = await makeChallenge(ctx, municipalityId)
      const notMine = await http(ctx).post(`${api}/challenges/${challenge.id}/proposals`).set(bearer(outsider.token)).send({ enterpriseId: lead.id, title: 'Kaping' })
      expect(notMine.status).toBe(404)
      const unknown = await http(ctx).post(`${api}/challenges/00000000-0000-4000-8000-000000000000/proposals`).set(bearer(leadOwner.token)).send({ enterpriseId: lead.id, title: 'x' })
      expect(unknown.status).toBe(404)
      const draft = await makeChallenge(ctx, municipalityId, { status: 'draft', publishedAt: null })
      const hidden = await http(ctx).post(`${api}/challenges/${draft.id}/proposals`).set(bearer(leadOwner.token)).send({ enterpriseId: lead.id, title: 'x' })
      expect(hidden.status).toBe(404)
      const asMunicipality = await http(ctx).post(`${api}/challenges/${challenge.id}/proposals`).set(bearer(staff.token)).send({ enterpriseId: municipalityId, title: 'x' })
      expect(asMunicipality.status).toBe(400)
      expect(asMunicipality.body.errors[0].field).toBe('/enterpriseId')
      const extra = await http(ctx).post(`${api}/challenges/${challenge.id}/proposals`).set(bearer(leadOwner.token)).send({ enterpriseId: lead.id, title: 'x', status: 'submitted' })
      expect(extra.status).toBe(400)
    })

    it('two clients saving from the same version: one wins, the other gets 409 with the current proposal and changes nothing', async () => {
      const challenge = await makeChallenge(ctx, municipalityId)
      const draft = await startProposal(ctx, leadOwner, challenge.id, lead.id)
      const first = await http(ctx).patch(`${api}/proposals/${draft.id}`).set(bearer(leadOwner.token)).send({ version: 1, summary: 'Versie van Gert' })
      const second = await http(ctx).patch(`${api}/proposals/${draft.id}`).set(bearer(leadMember.token)).send({ version: 1, summary: 'Versie van Mila' })
      expect(first.status).toBe(200)
      expect(first.body).toMatchObject({ version: 2, summary: 'Versie van Gert' })
      expect(second.status).toBe(409)
      expect(second.body).toMatchObject({ code: 'resource.version_conflict', current: { id: draft.id, version: 2, summary: 'Versie van Gert' } })
      const now = await http(ctx).get(`${api}/proposals/${draft.id}`).set(bearer(leadMember.token))
      expect(now.body).toMatchObject({ version: 2, summary: 'Versie van Gert' })
    })

    it('concurrent saves race for one version: exactly one succeeds', async () => {
      const challenge = await makeChallenge(ctx, municipalityId)
      const draft = await startProposal(ctx, leadOwner, challenge.id, lead.id)
      const results = await Promise.all(['A', 'B', 'C'].map((v) => http(ctx).patch(`${api}/proposals/${draft.id}`).set(bearer(leadOwner.token)).send({ version: 1, team: v })))
      expect(results.map((r) => r.status).sort()).toEqual([200, 409, 409])
    })

    it('validates money to whole cents and SDG targets against the catalogue and the challenge, naming the field', async () => {
      const challenge = await makeChallenge(ctx, municipalityId, { sdgGoals: [8], sdgTargets: ['1.2'] })
      const draft = await startProposal(ctx, leadOwner, challenge.id, lead.id)
      const cents = await http(ctx).patch(`${api}/proposals/${draft.id}`).set(bearer(leadOwner.token)).send({ version: 1, requestedBudget: 10.005 })
      expect(cents.status).toBe(400)
      expect(cents.body.errors).toEqual([expect.objectContaining({ field: '/requestedBudget', code: 'proposals.budget_precision' })])
      const targets = await http(ctx).patch(`${api}/proposals/${draft.id}`).set(bearer(leadOwner.token)).send({
        version: 1,
        plannedImpact: [
          { sdgTarget: '8.5', indicators: [] },
          { sdgTarget: '1.2', indicators: [] },
          { sdgTarget: '99.9', indicators: [] },
          { sdgTarget: '13.1', indicators: [] },
        ],
      })
      expect(targets.status).toBe(400)
      expect(targets.body.errors.map((e: { field: string; code: string }) => `${e.field} ${e.code}`)).toEqual(['/plannedImpact/2/sdgTarget proposals.unknown_target', '/plannedImpact/3/sdgTarget proposals.outside_challenge'])
      const ok = await http(ctx).patch(`${api}/proposals/${draft.id}`).set(bearer(leadOwner.token)).send({ version: 1, requestedBudget: 1234.56 })
      expect(ok.body).toMatchObject({ version: 2, requestedBudget: 1234.56 })
      const missingVersion = await http(ctx).patch(`${api}/proposals/${draft.id}`).set(bearer(leadOwner.token)).send({ summary: 'x' })
      expect(missingVersion.status).toBe(400)
    })
  })

  describe('consortium', () => {
    it('the lead invites by enterprise id; the partner is emailed, accepts, then reads and edits but cannot submit or withdraw', async () => {
      const challenge = await makeChallenge(ctx, municipalityId)
      const draft = await startProposal(ctx, leadOwner, challenge.id, lead.id, 'Samen bouwen')
      const beforeInvite = await http(ctx).get(`${api}/proposals/${draft.id}`).set(bearer(partnerOwner.token))
      expect(beforeInvite.status).toBe(404)

      const byPartner = await http(ctx).post(`${api}/proposals/${draft.id}/partners`).set(bearer(partnerOwner.token)).send({ enterpriseId: partner.id })
      expect(byPartner.status).toBe(404)
      const invited = await http(ctx).post(`${api}/proposals/${draft.id}/partners`).set(bearer(leadMember.token)).send({ enterpriseId: partner.id })
      expect(invited.status).toBe(201)
      expect(invited.body.partners).toEqual([expect.objectContaining({ enterpriseId: partner.id, name: 'Bouwbedrijf De Vries', status: 'invited' })])
      const [mail] = await ctx.database.db.select().from(emailOutbox).where(eq(emailOutbox.to, 'owner@devries.nl')).orderBy(desc(emailOutbox.createdAt)).limit(1)
      expect(mail?.text).toContain(`/voorstellen/${draft.id}`)
      const twice = await http(ctx).post(`${api}/proposals/${draft.id}/partners`).set(bearer(leadOwner.token)).send({ enterpriseId: partner.id })
      expect(twice.status).toBe(409)
      const self = await http(ctx).post(`${api}/proposals/${draft.id}/partners`).set(bearer(leadOwner.token)).send({ enterpriseId: lead.id })
      expect(self.status).toBe(400)

      const asInvited = await http(ctx).get(`${api}/proposals/${draft.id}`).set(bearer(partnerOwner.token))
      expect(asInvited.body).toMatchObject({ myAccess: 'invited', canEdit: false })
      const editBeforeAccept = await http(ctx).patch(`${api}/proposals/${draft.id}`).set(bearer(partnerOwner.token)).send({ version: 1, team: 'x' })
      expect(editBeforeAccept.status).toBe(403)
      const acceptForOther = await http(ctx).post(`${api}/proposals/${draft.id}/partners/${partner.id}/accept`).set(bearer(outsider.token))
      expect(acceptForOther.status).toBe(404)

      const accepted = await http(ctx).post(`${api}/proposals/${draft.id}/partners/${partner.id}/accept`).set(bearer(partnerOwner.token))
      expect(accepted.status).toBe(200)
      expect(accepted.body).toMatchObject({ myAccess: 'partner', canEdit: true, canSubmit: false })
      const edit = await http(ctx).patch(`${api}/proposals/${draft.id}`).set(bearer(partnerOwner.token)).send({ version: accepted.body.version, team: 'De Vries levert twee vakmensen' })
      expect(edit.status).toBe(200)
      expect((await http(ctx).get(`${api}/proposals/${draft.id}`).set(bearer(leadOwner.token))).body.team).toBe('De Vries levert twee vakmensen')
      expect((await http(ctx).post(`${api}/proposals/${draft.id}/submit`).set(bearer(partnerOwner.token)).send({ version: edit.body.version })).status).toBe(403)
      expect((await http(ctx).post(`${api}/proposals/${draft.id}/withdraw`).set(bearer(partnerOwner.token)).send({ version: edit.body.version })).status).toBe(403)
      expect((await http(ctx).delete(`${api}/proposals/${draft.id}/partners/${partner.id}`).set(bearer(partnerOwner.token))).status).toBe(403)

      const mine = await http(ctx).get(`${api}/me/proposals`).set(bearer(partnerOwner.token))
      expect(mine.body.items).toEqual([expect.objectContaining({ id: draft.id, myAccess: 'partner', myEnterprise: { id: partner.id, name: 'Bouwbedrijf De Vries' }, leadEnterprise: { id: lead.id, name: 'GroenWerkt' } })])

      const removed = await http(ctx).delete(`${api}/proposals/${draft.id}/partners/${partner.id}`).set(bearer(leadOwner.token))
      expect(removed.status).toBe(204)
      expect((await http(ctx).get(`${api}/proposals/${draft.id}`).set(bearer(partnerOwner.token))).status).toBe(404)
      const actions = (await ctx.database.db.select().from(auditEvents).where(eq(auditEvents.entityId, draft.id))).map((e) => e.action)
      expect(actions).toEqual(expect.arrayContaining(['proposal.partner_invited', 'proposal.partner_accepted', 'proposal.partner_removed']))
    })

    it('a partner may decline, after which it no longer sees the proposal', async () => {
      const challenge = await makeChallenge(ctx, municipalityId)
      const draft = await startProposal(ctx, leadOwner, challenge.id, lead.id)
      await http(ctx).post(`${api}/proposals/${draft.id}/partners`).set(bearer(leadOwner.token)).send({ enterpriseId: partner.id })
      expect((await http(ctx).post(`${api}/proposals/${draft.id}/partners/${partner.id}/decline`).set(bearer(partnerOwner.token))).status).toBe(204)
      expect((await http(ctx).get(`${api}/proposals/${draft.id}`).set(bearer(partnerOwner.token))).status).toBe(404)
      const asLead = await http(ctx).get(`${api}/proposals/${draft.id}`).set(bearer(leadOwner.token))
      expect(asLead.body.partners[0]).toMatchObject({ status: 'declined' })
    })
  })

  describe('submission', () => {
    it('lists every missing field at once', async () => {
      const challenge = await makeChallenge(ctx, municipalityId, { socialReturnPercent: 5 })
      const draft = await startProposal(ctx, leadOwner, challenge.id, lead.id)
      const res = await http(ctx).post(`${api}/proposals/${draft.id}/submit`).set(bearer(leadOwner.token)).send({ version: 1 })
      expect(res.status).toBe(422)
      expect(res.body.code).toBe('proposals.incomplete')
      expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['/summary', '/approach', '/team', '/requestedBudget', '/plannedImpact', '/socialReturn'])
    })

    it('refuses under Art. 2.82 when the lead declares less than 30 %, explaining the rule', async () => {
      const challenge = await makeChallenge(ctx, municipalityId, { reservedArt282: true })
      const draft = await fillProposal(ctx, partnerOwner, await startProposal(ctx, partnerOwner, challenge.id, partner.id))
      const res = await http(ctx).post(`${api}/proposals/${draft.id}/submit`).set(bearer(partnerOwner.token)).send({ version: draft.version })
      expect(res.status).toBe(422)
      expect(res.body.code).toBe('proposals.not_eligible_art_2_82')
      expect(res.body.detail).toMatch(/Article 2\.82/)
      expect(res.body.detail).toMatch(/at least 30%/)
      expect(res.body.detail).toMatch(/declares 5%/)
      expect(res.body.errors[0]).toMatchObject({ field: '/distanceToLabourMarketPercent', code: 'proposals.not_eligible_art_2_82' })
      expect((await http(ctx).get(`${api}/proposals/${draft.id}`).set(bearer(partnerOwner.token))).body.status).toBe('draft')

      await setEnterpriseProfile(ctx, partner.id, { distanceToLabourMarketPercent: 30 })
      const ok = await http(ctx).post(`${api}/proposals/${draft.id}/submit`).set(bearer(partnerOwner.token)).send({ version: draft.version })
      expect(ok.status).toBe(200)
      await setEnterpriseProfile(ctx, partner.id, { distanceToLabourMarketPercent: 5 })
    })

    it('checks enterprise kinds and regions of the lead', async () => {
      const smeOnly = await makeChallenge(ctx, municipalityId, { eligibleEnterpriseKinds: ['sme'] })
      const a = await fillProposal(ctx, leadOwner, await startProposal(ctx, leadOwner, smeOnly.id, lead.id))
      const kind = await http(ctx).post(`${api}/proposals/${a.id}/submit`).set(bearer(leadOwner.token)).send({ version: a.version })
      expect(kind.body.code).toBe('proposals.not_eligible_enterprise_kind')
      const gelderland = await makeChallenge(ctx, municipalityId, { eligibleRegions: ['Gelderland'] })
      const b = await fillProposal(ctx, leadOwner, await startProposal(ctx, leadOwner, gelderland.id, lead.id))
      const region = await http(ctx).post(`${api}/proposals/${b.id}/submit`).set(bearer(leadOwner.token)).send({ version: b.version })
      expect(region.body.code).toBe('proposals.not_eligible_region')
    })

    it('stamps server time and the SHA-256 of the canonical snapshot, emails the receipt; withdraw and re-submit give a new receipt', async () => {
      const challenge = await makeChallenge(ctx, municipalityId, { socialReturnPercent: 5 })
      let draft = await fillProposal(ctx, leadOwner, await startProposal(ctx, leadOwner, challenge.id, lead.id, 'Repair café Noord'))
      const doc = await upload(ctx, leadMember, draft.id, PDF_BYTES, 'plan van aanpak.pdf')
      expect(doc.status).toBe(201)
      await http(ctx).post(`${api}/proposals/${draft.id}/partners`).set(bearer(leadOwner.token)).send({ enterpriseId: partner.id })
      await http(ctx).post(`${api}/proposals/${draft.id}/partners/${partner.id}/accept`).set(bearer(partnerOwner.token))

      const res = await http(ctx).post(`${api}/proposals/${draft.id}/submit`).set(bearer(leadMember.token)).send({ version: draft.version })
      expect(res.status).toBe(200)
      expect(res.body.submittedAt).toBe(ctx.clock.now.toISOString())
      const [stored] = await ctx.database.db.select().from(proposalSubmissions).where(eq(proposalSubmissions.id, res.body.submissionId))
      expect(stored!.contentHash).toBe(res.body.contentHash)
      expect(createHash('sha256').update(canonicalJson(stored!.snapshot)).digest('hex')).toBe(res.body.contentHash)
      expect(stored!.snapshot).toMatchObject({
        proposalId: draft.id,
        submittedAt: res.body.submittedAt,
        title: 'Repair café Noord',
        requestedBudgetCents: 4_500_050,
        plannedImpact: completeContent.plannedImpact,
        socialReturn: completeContent.socialReturn,
        leadEnterprise: { id: lead.id, name: 'GroenWerkt' },
        partners: [{ id: partner.id, name: 'Bouwbedrijf De Vries' }],
        documents: [{ id: doc.body.id, sha256: createHash('sha256').update(PDF_BYTES).digest('hex'), name: 'plan van aanpak.pdf', mediaType: 'application/pdf', sizeBytes: PDF_BYTES.length }],
      })
      const [mail] = await ctx.database.db.select().from(emailOutbox).where(eq(emailOutbox.to, 'member@groenwerkt.nl')).orderBy(desc(emailOutbox.createdAt)).limit(1)
      expect(mail?.text).toContain(res.body.contentHash)
      expect(mail?.text).toContain(res.body.submittedAt)

      const view = await http(ctx).get(`${api}/proposals/${draft.id}`).set(bearer(leadOwner.token))
      expect(view.body).toMatchObject({ status: 'submitted', canEdit: false, receipt: res.body })
      draft = view.body
      const frozen = await http(ctx).patch(`${api}/proposals/${draft.id}`).set(bearer(leadOwner.token)).send({ version: draft.version, title: 'Stiekem aangepast' })
      expect(frozen.status).toBe(409)
      expect(frozen.body.code).toBe('proposals.invalid_transition')
      expect((await upload(ctx, leadOwner, draft.id, PDF_BYTES, 'extra.pdf')).status).toBe(409)

      const stale = await http(ctx).post(`${api}/proposals/${draft.id}/withdraw`).set(bearer(leadOwner.token)).send({ version: draft.version - 1 })
      expect(stale.status).toBe(409)
      expect(stale.body.code).toBe('resource.version_conflict')
      const withdrawn = await http(ctx).post(`${api}/proposals/${draft.id}/withdraw`).set(bearer(leadOwner.token)).send({ version: draft.version })
      expect(withdrawn.body).toMatchObject({ status: 'withdrawn', canEdit: true })
      const edited = await http(ctx).patch(`${api}/proposals/${draft.id}`).set(bearer(leadOwner.token)).send({ version: withdrawn.body.version, title: 'Repair café Noord en Oost' })
      ctx.clock.now = new Date(ctx.clock.now.getTime() + 60_000)
      const again = await http(ctx).post(`${api}/proposals/${draft.id}/submit`).set(bearer(leadOwner.token)).send({ version: edited.body.version })
      expect(again.status).toBe(200)
      expect(again.body.submissionId).not.toBe(res.body.submissionId)
      expect(again.body.contentHash).not.toBe(res.body.contentHash)
      expect(again.body.submittedAt).toBe(ctx.clock.now.toISOString())
      const actions = (await ctx.database.db.select().from(auditEvents).where(eq(auditEvents.entityId, draft.id))).map((e) => e.action)
      expect(actions.filter((a) => a === 'proposal.submitted')).toHaveLength(2)
      expect(actions).toContain('proposal.withdrawn')
    })
    it('keeps submissions immutable in the database itself: no content update, no delete', async () => {
      const [stored] = await ctx.database.db.select().from(proposalSubmissions).limit(1)
      await expect(ctx.database.db.execute(sql`update proposal_submissions set content_hash = 'forged' where id = ${stored!.id}`)).rejects.toThrow()
      await expect(ctx.database.db.execute(sql`update proposal_submissions set snapshot = '{}'::jsonb where id = ${stored!.id}`)).rejects.toThrow()
      await expect(ctx.database.db.execute(sql`delete from proposal_submissions where id = ${stored!.id}`)).rejects.toThrow()
      const [after] = await ctx.database.db.select().from(proposalSubmissions).where(eq(proposalSubmissions.id, stored!.id))
      expect(after).toEqual(stored)
    })
  })

  describe('the deadline, on the server clock', () => {
    let deadline: Date

    /** A submitted proposal with an accepted partner and a document, plus a second document to delete. */
    async function scenario() {
      ctx.clock.now = at(1)
      deadline = at(2)
      const challenge = await makeChallenge(ctx, municipalityId, { submissionDeadline: deadline })
      const draft = await fillProposal(ctx, leadOwner, await startProposal(ctx, leadOwner, challenge.id, lead.id))
      await http(ctx).post(`${api}/proposals/${draft.id}/partners`).set(bearer(leadOwner.token)).send({ enterpriseId: partner.id })
      await http(ctx).post(`${api}/proposals/${draft.id}/partners/${partner.id}/accept`).set(bearer(partnerOwner.token))
      await http(ctx).post(`${api}/proposals/${draft.id}/partners`).set(bearer(leadOwner.token)).send({ enterpriseId: other.id })
      const doc = await upload(ctx, leadOwner, draft.id, PDF_BYTES, 'bijlage.pdf')
      return { challenge, proposalId: draft.id, version: draft.version, documentId: doc.body.id as string }
    }

    const writes = (s: { proposalId: string; version: number; documentId: string }) => [
      (u: TestUser) => http(ctx).patch(`${api}/proposals/${s.proposalId}`).set(bearer(u.token)).send({ version: s.version, summary: 'te laat' }),
      (u: TestUser) => upload(ctx, u, s.proposalId, PDF_BYTES, 'te-laat.pdf'),
      (u: TestUser) => http(ctx).delete(`${api}/documents/${s.documentId}`).set(bearer(u.token)),
      (u: TestUser) => http(ctx).post(`${api}/proposals/${s.proposalId}/partners`).set(bearer(u.token)).send({ enterpriseId: other.id }),
      (u: TestUser) => http(ctx).post(`${api}/proposals/${s.proposalId}/partners/${partner.id}/accept`).set(bearer(u.token)),
      (u: TestUser) => http(ctx).post(`${api}/proposals/${s.proposalId}/partners/${partner.id}/decline`).set(bearer(u.token)),
      (u: TestUser) => http(ctx).delete(`${api}/proposals/${s.proposalId}/partners/${partner.id}`).set(bearer(u.token)),
      (u: TestUser) => http(ctx).post(`${api}/proposals/${s.proposalId}/submit`).set(bearer(u.token)).send({ version: s.version }),
      (u: TestUser) => http(ctx).post(`${api}/proposals/${s.proposalId}/withdraw`).set(bearer(u.token)).send({ version: s.version }),
    ]

    it('1 ms before the deadline an edit is still accepted', async () => {
      const s = await scenario()
      ctx.clock.now = new Date(deadline.getTime() - 1)
      const res = await http(ctx).patch(`${api}/proposals/${s.proposalId}`).set(bearer(leadOwner.token)).send({ version: s.version, summary: 'net op tijd' })
      expect(res.status).toBe(200)
      const submit = await http(ctx).post(`${api}/proposals/${s.proposalId}/submit`).set(bearer(leadOwner.token)).send({ version: res.body.version })
      expect(submit.status).toBe(200)
    })

    for (const [label, offset] of [['exactly at', 0], ['an hour after', 3_600_000]] as const) {
      it(`${label} the deadline every write by every role is refused with proposals.deadline_passed, and nothing changes`, async () => {
        const s = await scenario()
        const submitted = await http(ctx).post(`${api}/proposals/${s.proposalId}/submit`).set(bearer(leadOwner.token)).send({ version: s.version })
        expect(submitted.status).toBe(200)
        const before = (await http(ctx).get(`${api}/proposals/${s.proposalId}`).set(bearer(leadOwner.token))).body
        ctx.clock.now = new Date(deadline.getTime() + offset)
        const roles: [string, TestUser][] = [['lead owner', leadOwner], ['lead member', leadMember], ['partner', partnerOwner], ['municipality staff', staff]]
        for (const [role, user] of roles) {
          for (const [i, write] of writes({ ...s, version: before.version }).entries()) {
            const res = await write(user)
            assertNoInternals(res.body)
            expect({ role, write: i, status: res.status, code: res.body.code }).toEqual({ role, write: i, status: 409, code: 'proposals.deadline_passed' })
          }
        }
        const invitedOutsider = await http(ctx).post(`${api}/proposals/${s.proposalId}/partners/${other.id}/accept`).set(bearer(outsider.token))
        expect(invitedOutsider.body.code).toBe('proposals.deadline_passed')
        const create = await http(ctx).post(`${api}/challenges/${s.challenge.id}/proposals`).set(bearer(outsider.token)).send({ enterpriseId: other.id, title: 'Te laat' })
        expect(create.body.code).toBe('proposals.deadline_passed')
        const after = (await http(ctx).get(`${api}/proposals/${s.proposalId}`).set(bearer(leadOwner.token))).body
        expect({ ...after, canSubmit: before.canSubmit, canEdit: before.canEdit, challenge: before.challenge }).toEqual(before)
        expect(after).toMatchObject({ canEdit: false, canSubmit: false })
      })
    }

    it('a draft stays invisible to the municipality after the deadline (404, not 409)', async () => {
      const s = await scenario()
      ctx.clock.now = new Date(deadline.getTime() + 1)
      expect((await http(ctx).get(`${api}/proposals/${s.proposalId}`).set(bearer(staff.token))).status).toBe(404)
      expect((await http(ctx).patch(`${api}/proposals/${s.proposalId}`).set(bearer(staff.token)).send({ version: s.version, summary: 'x' })).status).toBe(404)
    })
  })

  describe('municipality view', () => {
    it('counts only before the deadline; after it the latest submissions with enterprise names; drafts and withdrawn never', async () => {
      ctx.clock.now = at(5)
      const deadline = at(6)
      const challenge = await makeChallenge(ctx, municipalityId, { submissionDeadline: deadline })
      const submitted = await fillProposal(ctx, leadOwner, await startProposal(ctx, leadOwner, challenge.id, lead.id))
      const doc = await upload(ctx, leadOwner, submitted.id, PDF_BYTES, 'begroting.pdf')
      const receipt = (await http(ctx).post(`${api}/proposals/${submitted.id}/submit`).set(bearer(leadOwner.token)).send({ version: submitted.version })).body
      await startProposal(ctx, partnerOwner, challenge.id, partner.id, 'Concept De Vries')
      const withdrawn = await fillProposal(ctx, outsider, await startProposal(ctx, outsider, challenge.id, other.id))
      await http(ctx).post(`${api}/proposals/${withdrawn.id}/submit`).set(bearer(outsider.token)).send({ version: withdrawn.version })
      await http(ctx).post(`${api}/proposals/${withdrawn.id}/withdraw`).set(bearer(outsider.token)).send({ version: withdrawn.version + 1 })

      const before = await http(ctx).get(`${api}/challenges/${challenge.id}/proposals`).set(bearer(staff.token))
      expect(before.status).toBe(200)
      expect(before.body).toEqual({ challengeId: challenge.id, submissionDeadline: deadline.toISOString(), deadlinePassed: false, submittedCount: 1, draftCount: 2, items: [] })
      expect((await http(ctx).get(`${api}/proposals/${submitted.id}`).set(bearer(staff.token))).status).toBe(404)
      expect((await http(ctx).get(`${api}/documents/${doc.body.id}`).set(bearer(staff.token))).status).toBe(404)
      expect((await http(ctx).get(`${api}/challenges/${challenge.id}/proposals`).set(bearer(leadOwner.token))).status).toBe(403)

      ctx.clock.now = deadline
      const after = await http(ctx).get(`${api}/challenges/${challenge.id}/proposals`).set(bearer(staff.token))
      expect(after.body).toMatchObject({ deadlinePassed: true, submittedCount: 1, draftCount: 2 })
      expect(after.body.items).toHaveLength(1)
      const [item] = after.body.items
      expect(item).toMatchObject({ proposalId: submitted.id, contentHash: receipt.contentHash, submittedAt: receipt.submittedAt, leadEnterprise: { id: lead.id, name: 'GroenWerkt' } })
      expect(createHash('sha256').update(canonicalJson(item.snapshot)).digest('hex')).toBe(receipt.contentHash)
      const asStaff = await http(ctx).get(`${api}/proposals/${submitted.id}`).set(bearer(staff.token))
      expect(asStaff.body).toMatchObject({ myAccess: 'staff', canEdit: false, canSubmit: false })
      const file = await http(ctx).get(`${api}/documents/${doc.body.id}`).set(bearer(staff.token))
      expect(file.status).toBe(200)
      expect((await http(ctx).get(`${api}/proposals/${withdrawn.id}`).set(bearer(staff.token))).status).toBe(404)
    })

    it("an account manager sees only the proposals of the enterprises they manage", async () => {
      ctx.clock.now = at(5)
      const deadline = at(6)
      const challenge = await makeChallenge(ctx, municipalityId, { submissionDeadline: deadline })
      const submitted = await fillProposal(ctx, leadOwner, await startProposal(ctx, leadOwner, challenge.id, lead.id))
      await http(ctx).post(`${api}/proposals/${submitted.id}/submit`).set(bearer(leadOwner.token)).send({ version: submitted.version })
      const manager = await registerUser(ctx, `am-${Date.now()}@gemeente.nl`, 'Anouk Accountmanager')
      await addMember(ctx, municipalityId, manager, 'account_manager')
      await ctx.database.db.insert(accountManagerAssignments).values({ municipalityId, enterpriseId: other.id, userId: manager.user.id })
      ctx.clock.now = deadline

      const notMine = await http(ctx).get(`${api}/challenges/${challenge.id}/proposals`).set(bearer(manager.token))
      expect(notMine.status).toBe(200)
      expect(notMine.body).toMatchObject({ submittedCount: 1, items: [] })
      expect((await http(ctx).get(`${api}/proposals/${submitted.id}`).set(bearer(manager.token))).status).toBe(404)

      await ctx.database.db.insert(accountManagerAssignments).values({ municipalityId, enterpriseId: lead.id, userId: manager.user.id })
      const mine = await http(ctx).get(`${api}/challenges/${challenge.id}/proposals`).set(bearer(manager.token))
      expect(mine.body.items.map((i: { proposalId: string }) => i.proposalId)).toEqual([submitted.id])
      expect((await http(ctx).get(`${api}/proposals/${submitted.id}`).set(bearer(manager.token))).body).toMatchObject({ myAccess: 'staff' })
      // The challenge manager still sees every proposal.
      expect((await http(ctx).get(`${api}/challenges/${challenge.id}/proposals`).set(bearer(staff.token))).body.items).toHaveLength(1)
    })
  })

  describe('no endpoint reveals another enterprise’s draft', () => {
    it('answers 404 to an outsider everywhere and lists nothing', async () => {
      ctx.clock.now = at(7)
      const challenge = await makeChallenge(ctx, municipalityId)
      const draft = await fillProposal(ctx, leadOwner, await startProposal(ctx, leadOwner, challenge.id, lead.id, 'Geheim plan'))
      const doc = (await upload(ctx, leadOwner, draft.id, PDF_BYTES, 'geheim.pdf')).body
      const calls = [
        http(ctx).get(`${api}/proposals/${draft.id}`).set(bearer(outsider.token)),
        http(ctx).patch(`${api}/proposals/${draft.id}`).set(bearer(outsider.token)).send({ version: draft.version, title: 'x' }),
        http(ctx).post(`${api}/proposals/${draft.id}/submit`).set(bearer(outsider.token)).send({ version: draft.version }),
        http(ctx).post(`${api}/proposals/${draft.id}/withdraw`).set(bearer(outsider.token)).send({ version: draft.version }),
        http(ctx).post(`${api}/proposals/${draft.id}/partners`).set(bearer(outsider.token)).send({ enterpriseId: other.id }),
        http(ctx).post(`${api}/proposals/${draft.id}/partners/${other.id}/accept`).set(bearer(outsider.token)),
        http(ctx).delete(`${api}/proposals/${draft.id}/partners/${partner.id}`).set(bearer(outsider.token)),
        upload(ctx, outsider, draft.id, PDF_BYTES, 'x.pdf'),
        http(ctx).get(`${api}/documents/${doc.id}`).set(bearer(outsider.token)),
        http(ctx).get(`${api}/documents/${doc.id}`),
        http(ctx).delete(`${api}/documents/${doc.id}`).set(bearer(outsider.token)),
        http(ctx).get(`${api}/proposals/${draft.id}`).set(bearer(staff.token)),
      ]
      for (const res of await Promise.all(calls)) {
        expect(res.status).toBe(404)
        expect(JSON.stringify(res.body)).not.toContain('Geheim plan')
      }
      const mine = await http(ctx).get(`${api}/me/proposals`).set(bearer(outsider.token))
      expect(mine.body.items.map((p: { id: string }) => p.id)).not.toContain(draft.id)
      expect((await http(ctx).get(`${api}/proposals/${draft.id}`))).toMatchObject({ status: 401 })
    })
  })

  describe('documents', () => {
    let proposalId: string
    beforeAll(async () => {
      ctx.clock.now = at(7)
      const challenge = await makeChallenge(ctx, municipalityId)
      proposalId = (await startProposal(ctx, leadOwner, challenge.id, lead.id)).id
    })

    it('accepts a real PDF and serves it as an attachment with a safe name and nosniff', async () => {
      const res = await upload(ctx, leadOwner, proposalId, PDF_BYTES, 'Plan van aanpak — €.pdf', 'text/html')
      expect(res.status).toBe(201)
      expect(res.body).toMatchObject({ name: 'Plan van aanpak — €.pdf', mediaType: 'application/pdf', sizeBytes: PDF_BYTES.length, sha256: createHash('sha256').update(PDF_BYTES).digest('hex') })
      const file = await http(ctx).get(`${api}/documents/${res.body.id}`).set(bearer(leadOwner.token)).buffer(true).parse((r, cb) => {
        const chunks: Buffer[] = []
        r.on('data', (c: Buffer) => chunks.push(c))
        r.on('end', () => cb(null, Buffer.concat(chunks)))
      })
      expect(file.status).toBe(200)
      expect(file.headers['content-type']).toBe('application/pdf')
      expect(file.headers['x-content-type-options']).toBe('nosniff')
      expect(file.headers['content-disposition']).toBe(`attachment; filename="Plan van aanpak _ _.pdf"; filename*=UTF-8''Plan%20van%20aanpak%20%E2%80%94%20%E2%82%AC.pdf`)
      expect(Buffer.compare(file.body as Buffer, PDF_BYTES)).toBe(0)
      const proposal = await http(ctx).get(`${api}/proposals/${proposalId}`).set(bearer(leadOwner.token))
      expect(proposal.body.documents.map((d: { id: string }) => d.id)).toContain(res.body.id)
    })

    it('detects DOCX, XLSX, PNG and JPEG by content', async () => {
      const cases: [Buffer, string, string][] = [
        [makeZip(['[Content_Types].xml', 'word/document.xml']), 'brief.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
        [makeZip(['[Content_Types].xml', 'xl/workbook.xml']), 'begroting.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
        [Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]), 'logo.png', 'image/png'],
        [Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]), 'foto', 'image/jpeg'],
      ]
      for (const [bytes, name, mediaType] of cases) {
        const res = await upload(ctx, leadOwner, proposalId, bytes, name, 'application/octet-stream')
        expect(res.status).toBe(201)
        expect(res.body.mediaType).toBe(mediaType)
      }
      const named = await http(ctx).get(`${api}/proposals/${proposalId}`).set(bearer(leadOwner.token))
      expect(named.body.documents.map((d: { name: string }) => d.name)).toContain('foto.jpg')
    })

    it('refuses wrong magic bytes, HTML posing as PDF, SVG and plain zips with 415', async () => {
      const bad: [Buffer, string][] = [
        [Buffer.from('just some text, not a pdf'), 'notitie.pdf'],
        [Buffer.from('<!DOCTYPE html><html><script>alert(document.cookie)</script></html>'), 'offerte.pdf'],
        [Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>'), 'logo.png'],
        [makeZip(['payload.exe']), 'archief.docx'],
      ]
      for (const [bytes, name] of bad) {
        const res = await upload(ctx, leadOwner, proposalId, bytes, name)
        expect(res.status).toBe(415)
        expect(res.body.code).toBe('documents.unsupported_type')
      }
    })

    it('refuses path traversal names without writing anything', async () => {
      const stored = () => readdirSync(join(dataDir, 'uploads')).length
      const filesBefore = stored()
      for (const name of ['../../etc/passwd.pdf', '..\\..\\boot.pdf', 'sub/dir.pdf']) {
        const res = await upload(ctx, leadOwner, proposalId, PDF_BYTES, name)
        expect(res.status).toBe(400)
        expect(res.body).toMatchObject({ code: 'documents.invalid_name', errors: [{ field: '/file', code: 'documents.name_path' }] })
      }
      expect(stored()).toBe(filesBefore)
      expect(readdirSync(dataDir)).toEqual(['uploads'])
    })

    it('refuses files over 10 MiB with 413 and a request without a file with 400', async () => {
      const big = Buffer.alloc(10 * 1024 * 1024 + 1, 0x20)
      PDF_BYTES.copy(big)
      const res = await upload(ctx, leadOwner, proposalId, big, 'groot.pdf')
      expect(res.status).toBe(413)
      expect(res.body.code).toBe('documents.too_large')
      const fiveMiB = Buffer.alloc(5 * 1024 * 1024, 0x20)
      PDF_BYTES.copy(fiveMiB)
      expect((await upload(ctx, leadOwner, proposalId, fiveMiB, 'scan.pdf')).status).toBe(201)
      const none = await http(ctx).post(`${api}/proposals/${proposalId}/documents`).set(bearer(leadOwner.token)).send({ file: 'x' })
      expect(none.status).toBe(400)
    })

    it('deletes a document while the proposal is a draft; the file is gone', async () => {
      const res = await upload(ctx, leadOwner, proposalId, PDF_BYTES, 'weg.pdf')
      expect((await http(ctx).delete(`${api}/documents/${res.body.id}`).set(bearer(leadMember.token))).status).toBe(204)
      expect((await http(ctx).get(`${api}/documents/${res.body.id}`).set(bearer(leadOwner.token))).status).toBe(404)
      const events = await ctx.database.db.select().from(auditEvents).where(eq(auditEvents.entityId, res.body.id))
      expect(events.map((e) => e.action).sort()).toEqual(['proposal.document_added', 'proposal.document_removed'])
    })
  })
})

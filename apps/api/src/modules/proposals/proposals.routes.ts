import { join } from 'node:path'
import { Type } from '@sinclair/typebox'
import { ChallengeProposals, CreateProposalBody, IdParams, InvitePartnerBody, Proposal, ProposalSummary, SubmissionReceipt, UpdateProposalBody, VersionBody } from '@opgave/contracts'
import type { App } from '../../lib/typed-app'
import { bearerAuth, problemResponses } from '../../lib/route-schema'
import { requireActor } from '../../plugins/auth'
import { documentRoutes } from '../documents/documents.routes'
import { createDocumentStorage } from '../documents/documents.storage'
import { listChallengeProposals } from './proposals.municipality'
import { invitePartner, removePartner, respondToInvitation } from './proposals.partners'
import { createDraft, getProposal, listMyProposals, submitProposal, updateProposal, withdrawProposal } from './proposals.service'

const tags = ['proposals']

export interface ProposalRouteOptions {
  now: () => Date
  publicUrl: string
  /** Where uploaded files go: `${DATA_DIR}/uploads` in production, a temporary folder in tests. */
  dataDir: string
}

/**
 * Proposals, their consortium and documents. Every route needs a signed-in user except document
 * downloads of public challenges; object-level rights, the server clock and versions are checked
 * in the services, inside the transaction that makes the change.
 */
export async function proposalRoutes(app: App, opts: ProposalRouteOptions) {
  const deps = { db: app.db, now: opts.now }
  await app.register(documentRoutes, { now: opts.now, storage: createDocumentStorage(join(opts.dataDir, 'uploads')) })

  await app.register(async (api: App) => {
    api.addHook('onRequest', api.authenticate)
    const write409 = 'A write after the submission deadline is refused with `proposals.deadline_passed`, whoever asks; a stale `version` with `resource.version_conflict` carrying `current`.'

    api.post(
      '/challenges/:challengeId/proposals',
      {
        schema: {
          tags,
          operationId: 'createProposal',
          summary: 'Start a draft proposal for one of my enterprises (one per enterprise per challenge; while the challenge is open)',
          security: bearerAuth,
          params: IdParams('challengeId'),
          body: CreateProposalBody,
          response: { 201: Proposal, ...problemResponses(401, 404, 409) },
        },
      },
      async (request, reply) => reply.status(201).send(await createDraft(deps, requireActor(request), request.params.challengeId, request.body)),
    )

    api.get(
      '/challenges/:challengeId/proposals',
      {
        schema: {
          tags,
          operationId: 'listChallengeProposals',
          summary: 'The municipality’s view: counts before the submission deadline, the submitted proposals after it',
          description: 'Staff of the challenge’s municipality only. Before the deadline `items` is empty and `deadlinePassed` false; drafts and withdrawn proposals are never listed.',
          security: bearerAuth,
          params: IdParams('challengeId'),
          response: { 200: ChallengeProposals, ...problemResponses(401, 403, 404) },
        },
      },
      async (request) => listChallengeProposals(deps, requireActor(request), request.params.challengeId),
    )

    api.get(
      '/me/proposals',
      { schema: { tags, operationId: 'listMyProposals', summary: 'Drafts and submissions of all my enterprises, as lead or partner', security: bearerAuth, response: { 200: Type.Object({ items: Type.Array(ProposalSummary) }), ...problemResponses(401) } } },
      async (request) => ({ items: await listMyProposals(deps, requireActor(request)) }),
    )

    api.get(
      '/proposals/:proposalId',
      { schema: { tags, operationId: 'getProposal', summary: 'One proposal (lead, partners; staff after the deadline if submitted)', security: bearerAuth, params: IdParams('proposalId'), response: { 200: Proposal, ...problemResponses(401, 404) } } },
      async (request) => getProposal(deps, requireActor(request), request.params.proposalId),
    )

    api.patch(
      '/proposals/:proposalId',
      {
        schema: {
          tags,
          operationId: 'updateProposal',
          summary: 'Save draft content (lead and accepted partners)',
          description: write409,
          security: bearerAuth,
          params: IdParams('proposalId'),
          body: UpdateProposalBody,
          response: { 200: Proposal, ...problemResponses(401, 403, 404, 409) },
        },
      },
      async (request) => updateProposal(deps, requireActor(request), request.params.proposalId, request.body),
    )

    api.post(
      '/proposals/:proposalId/submit',
      {
        schema: {
          tags,
          operationId: 'submitProposal',
          summary: 'Submit (lead only): checks completeness and eligibility, stamps server time and content hash, emails the receipt',
          description: `422 \`proposals.incomplete\` lists every missing field; 422 \`proposals.not_eligible_art_2_82\` (or \`…_enterprise_kind\`, \`…_region\`) explains the rule. ${write409}`,
          security: bearerAuth,
          params: IdParams('proposalId'),
          body: VersionBody,
          response: { 200: SubmissionReceipt, ...problemResponses(401, 403, 404, 409, 422) },
        },
      },
      async (request) => submitProposal(deps, requireActor(request), request.params.proposalId, request.body.version),
    )

    api.post(
      '/proposals/:proposalId/withdraw',
      {
        schema: {
          tags,
          operationId: 'withdrawProposal',
          summary: 'Withdraw a submitted proposal before the deadline (lead only); it can be edited and submitted again',
          description: write409,
          security: bearerAuth,
          params: IdParams('proposalId'),
          body: VersionBody,
          response: { 200: Proposal, ...problemResponses(401, 403, 404, 409) },
        },
      },
      async (request) => withdrawProposal(deps, requireActor(request), request.params.proposalId, request.body.version),
    )

    api.post(
      '/proposals/:proposalId/partners',
      {
        schema: {
          tags,
          operationId: 'invitePartner',
          summary: 'Invite an enterprise as consortium partner (lead only); its owners are emailed',
          security: bearerAuth,
          params: IdParams('proposalId'),
          body: InvitePartnerBody,
          response: { 201: Proposal, ...problemResponses(401, 403, 404, 409) },
        },
      },
      async (request, reply) => reply.status(201).send(await invitePartner({ ...deps, publicUrl: opts.publicUrl }, requireActor(request), request.params.proposalId, request.body.enterpriseId)),
    )

    api.post(
      '/proposals/:proposalId/partners/:enterpriseId/accept',
      {
        schema: {
          tags,
          operationId: 'acceptPartnerInvitation',
          summary: 'Accept an invitation on behalf of the invited enterprise (its members)',
          security: bearerAuth,
          params: IdParams('proposalId', 'enterpriseId'),
          response: { 200: Proposal, ...problemResponses(401, 403, 404, 409) },
        },
      },
      async (request) => (await respondToInvitation(deps, requireActor(request), request.params.proposalId, request.params.enterpriseId, 'accept'))!,
    )

    api.post(
      '/proposals/:proposalId/partners/:enterpriseId/decline',
      {
        schema: {
          tags,
          operationId: 'declinePartnerInvitation',
          summary: 'Decline an invitation, or leave the consortium (members of the partner enterprise)',
          security: bearerAuth,
          params: IdParams('proposalId', 'enterpriseId'),
          response: { 204: Type.Null({ description: 'Declined' }), ...problemResponses(401, 403, 404, 409) },
        },
      },
      async (request, reply) => {
        await respondToInvitation(deps, requireActor(request), request.params.proposalId, request.params.enterpriseId, 'decline')
        return reply.status(204).send(null)
      },
    )

    api.delete(
      '/proposals/:proposalId/partners/:enterpriseId',
      {
        schema: {
          tags,
          operationId: 'removePartner',
          summary: 'Remove a partner or withdraw an invitation (lead only)',
          security: bearerAuth,
          params: IdParams('proposalId', 'enterpriseId'),
          response: { 204: Type.Null({ description: 'Removed' }), ...problemResponses(401, 403, 404, 409) },
        },
      },
      async (request, reply) => {
        await removePartner(deps, requireActor(request), request.params.proposalId, request.params.enterpriseId)
        return reply.status(204).send(null)
      },
    )
  })
}

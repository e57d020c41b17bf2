import { juryDecisions } from '../../src/modules/jury/jury.table'
import { challenges } from '../../src/modules/challenges/challenges.table'
import { proposals } from '../../src/modules/proposals/proposals.table'
import { questions } from '../../src/modules/questions/questions.table'
import { routekaartEntries } from '../../src/modules/enterprises/enterprises.table'
import { ssoConfigs } from '../../src/modules/sso/sso.table'
import { pilotReports } from '../../src/modules/pilot-reports/pilot-reports.table'
import { juryCriteria, juryMembers, juryRounds, juryScorecards } from '../../src/modules/jury/jury.table'
import { STRONG_PASSWORD } from '../http'
import { row, type Row } from './matrix-runner'
import * as fresh from './fresh-targets'
import { postPilotReport } from './world'
import { freshMeeting } from '../../src/modules/meetings/meetings.fixtures'

/**
 * The authorization matrix: every operation of the OpenAPI document × the twelve identities.
 * Outcomes: ok = allowed (2xx) · 401 = must log in · 403 = known but not allowed · 404 = may not know it exists
 * · 400 = refused as a bad request: a capability the matrix cannot hold (SSO state), or a body naming an
 *   organisation the caller does not belong to (answered with the field, like any invalid input).
 * Columns: anonymous; entrepreneur of enterprise A (lead of the proposals); of B (competitor); owner of P (A's
 * consortium partner); juror assigned to A's proposal; juror assigned elsewhere; juror conflicted with A's
 * proposal; jury chair; challenge manager of X; account manager of X (for A); admin of Y; platform admin.
 * Path parameters point at A's objects in the world of world.ts (`at` picks the challenge: open, draft, jury, done).
 * Adding a route? Add one line: row('METHOD /path', '<12 outcomes>', { at, params, body, fresh, prepare }) —
 * see RowOptions in matrix-runner.ts. `MATRIX_OBSERVE=1` prints what the API answered, to compare with the policy.
 */
// prettier-ignore
export const MATRIX: Row[] = [
//                                                                    anon entA entB part jur  una  con  chr  mgrX amX  admY plat
  // --- health, auth, me ---
  row('GET    /health',                                              'ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok'),
  row('GET    /health/ready',                                        'ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok'),
  row('POST   /auth/register',                                       'ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok', { body: (_w, c) => ({ email: `nieuw${c.seq}@example.nl`, password: STRONG_PASSWORD, name: 'Nieuw' }) }),
  row('POST   /auth/login',                                          'ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok', { body: (w) => ({ email: w.outsider.email, password: STRONG_PASSWORD }) }),
  row('POST   /auth/refresh',                                        '401  ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok', { cookie: true }),
  row('POST   /auth/logout',                                         'ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok', { cookie: true }),
  row('GET    /me',                                                  '401  ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok'),
  row('PATCH  /me',                                                  '401  ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok', { body: () => ({ locale: 'nl' }) }),
  row('DELETE /me',                                                  '401  ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok', { body: () => ({ password: STRONG_PASSWORD }), prepare: (w, ctx) => fresh.secondManagers(w, ctx) }),
  row('GET    /me/data-export',                                      '401  ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok'),
  // --- organisations, members, invitations ---
  row('GET    /organisations',                                       '401  ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok'),
  row('POST   /organisations',                                       '401  ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok', { body: (_w, c) => ({ kind: 'enterprise', name: `Nieuwe onderneming ${c.seq}` }) }),
  row('GET    /organisations/{organisationId}',                      '401  ok   404  404  404  404  404  404  404  404  404  ok'),
  row('PATCH  /organisations/{organisationId}',                      '401  ok   404  404  404  404  404  404  404  404  404  ok', { body: () => ({ kvkNumber: '12345678' }) }),
  row('GET    /organisations/{organisationId}/members',              '401  ok   404  404  404  404  404  404  404  404  404  ok'),
  row('PATCH  /organisations/{organisationId}/members/{userId}',     '401  ok   404  404  404  404  404  404  404  404  404  ok', { body: () => ({ role: 'member' }) }),
  row('DELETE /organisations/{organisationId}/members/{userId}',     '401  ok   404  404  404  404  404  404  404  404  404  ok', { fresh: (w, ctx) => fresh.freshColleague(w, ctx) }),
  row('GET    /organisations/{organisationId}/invitations',          '401  ok   404  404  404  404  404  404  404  404  404  ok'),
  row('POST   /organisations/{organisationId}/invitations',          '401  ok   404  404  404  404  404  404  404  404  404  ok', { body: (_w, c) => ({ email: `gast${c.seq}@example.nl`, role: 'member' }) }),
  row('DELETE /organisations/{organisationId}/invitations/{invitationId}', '401  ok   404  404  404  404  404  404  404  404  404  ok', { fresh: (w, ctx) => fresh.freshOrgInvitation(w, ctx, 'A') }),
  row('GET    /invitations/{token}',                                 'ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok'),
  // An invitation link is a bearer token mailed to one address: only the account with that address may accept it.
  row('POST   /invitations/{token}/accept',                          '401  ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok', { fresh: (w, ctx, who) => fresh.freshOrgInvitation(w, ctx, 'new', who === 'anon' ? undefined : w.people[who].email) }),
  row('POST   /invitations/{token}/accept',                          '401  403  403  403  403  403  403  403  403  403  403  403', { variant: 'sent to another address', fresh: (w, ctx) => fresh.freshOrgInvitation(w, ctx, 'new') }),
  row('GET    /admin/outbox',                                        '401  403  403  403  403  403  403  403  403  403  403  ok'),
  row('GET    /admin/jobs',                                          '401  403  403  403  403  403  403  403  403  403  403  ok'),
  // --- single sign-on (municipality X has an enabled configuration; Y has none) ---
  row('GET    /sso/providers',                                       'ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok'),
  row('GET    /sso/callback',                                        '400  400  400  400  400  400  400  400  400  400  400  400'),
  row('GET    /sso/{orgSlug}',                                       'ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok', { params: (w) => ({ orgSlug: w.orgs.X.slug }) }),
  row('GET    /sso/{orgSlug}/login',                                 '404  404  404  404  404  404  404  404  404  404  404  404', { params: (w) => ({ orgSlug: w.orgs.Y.slug }) }),
  row('GET    /organisations/{organisationId}/sso',                  '401  404  404  404  404  404  404  404  403  403  404  ok', { params: (w) => ({ organisationId: w.orgs.X.id }) }),
  row('PUT    /organisations/{organisationId}/sso',                  '401  404  404  404  404  404  404  404  403  403  404  ok', { params: (w) => ({ organisationId: w.orgs.X.id }), body: async (w) => ({ issuerUrl: 'https://login.xanten.example', clientId: 'opgave', clientSecret: 'geheim-van-de-idp', scopes: ['email'], roleClaim: 'groups', roleMapping: [{ claimValue: 'opgave-beheer', role: 'admin' }], allowedDomains: ['xanten.nl'], enabled: true, version: (await w.versionOrNull(ssoConfigs, w.orgs.X.id)) ?? undefined }) }),
  row('DELETE /organisations/{organisationId}/sso',                  '401  404  404  404  404  404  404  404  403  403  404  ok', { params: (w) => ({ organisationId: w.orgs.X.id }), fresh: (w, ctx) => fresh.ensureSsoConfig(w, ctx) }),
  // --- impact and open data (public) ---
  row('GET    /impact',                                              'ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok'),
  row('GET    /open-data/challenges',                                'ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok'),
  row('GET    /open-data/questions',                                 'ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok'),
  row('GET    /open-data/results',                                   'ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok'),
  row('GET    /open-data/criteria',                                  'ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok'),
  row('GET    /open-data/impact',                                    'ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok'),
  // --- challenges ---
  row('GET    /challenges',                                          'ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok'),
  row('GET    /challenges/{challengeId}',                            '404  404  404  404  404  404  404  404  ok   ok   404  ok', { at: 'draft' }),
  row('GET    /challenges/{challengeId}/ics',                        '404  404  404  404  404  404  404  404  ok   ok   404  ok', { at: 'draft' }),
  row('GET    /challenges/{challengeId}/amendments',                 '404  404  404  404  404  404  404  404  ok   ok   404  ok', { at: 'draft' }),
  row('PATCH  /challenges/{challengeId}',                            '401  404  404  404  404  404  404  404  ok   403  404  ok', { at: 'draft', body: async (w) => ({ version: await w.version(challenges, w.draft.challenge.id), summary: 'Nieuwe samenvatting' }) }),
  row('GET    /municipalities/{municipalityId}/challenges',          '401  404  404  404  404  404  404  404  ok   ok   404  ok'),
  row('POST   /municipalities/{municipalityId}/challenges',          '401  404  404  404  404  404  404  404  ok   403  404  ok', { body: () => ({ title: 'Nieuwe opgave' }) }),
  row('POST   /challenges/{challengeId}/publish',                    '401  404  404  404  404  404  404  404  ok   403  404  ok', { at: 'draft', body: bodyVersionOfChallenge, fresh: (w, ctx) => fresh.freshPublishableDraft(w, ctx) }),
  row('POST   /challenges/{challengeId}/start-evaluation',           '401  403  403  403  403  403  403  403  ok   403  403  ok', { at: 'draft', body: bodyVersionOfChallenge, fresh: (w, ctx) => fresh.freshChallenge(w, ctx, 'closed') }),
  row('POST   /challenges/{challengeId}/decide',                     '401  403  403  403  403  403  403  403  ok   403  403  ok', { at: 'draft', body: bodyVersionOfChallenge, fresh: (w, ctx) => fresh.freshChallenge(w, ctx, 'in_evaluation') }),
  row('POST   /challenges/{challengeId}/publish-results',            '401  403  403  403  403  403  403  403  ok   403  403  ok', { at: 'draft', body: bodyVersionOfChallenge, fresh: (w, ctx) => fresh.freshChallenge(w, ctx, 'decided') }),
  row('POST   /challenges/{challengeId}/archive',                    '401  403  403  403  403  403  403  403  ok   403  403  ok', { at: 'draft', body: bodyVersionOfChallenge, fresh: (w, ctx) => fresh.freshChallenge(w, ctx, 'results_published') }),
  row('PUT    /challenges/{challengeId}/follow',                     '401  ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok'),
  row('DELETE /challenges/{challengeId}/follow',                     '401  ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok'),
  // --- questions and the nota ---
  row('GET    /challenges/{challengeId}/qa',                         'ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok'),
  row('GET    /challenges/{challengeId}/nota',                       'ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok'),
  row('GET    /challenges/{challengeId}/nota/{version}',             'ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok'),
  row('GET    /challenges/{challengeId}/nota/{version}/csv',         'ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok'),
  row('GET    /challenges/{challengeId}/nota/{version}/html',        'ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok'),
  row('POST   /challenges/{challengeId}/questions',                  '401  ok   404  404  404  404  404  404  404  404  404  404', { body: (w) => ({ enterpriseId: w.orgs.A.id, text: 'Mag een stichting ook inschrijven?' }) }),
  row('GET    /challenges/{challengeId}/questions',                  '401  404  404  404  404  404  404  404  ok   403  404  ok'),
  row('GET    /challenges/{challengeId}/questions/mine',             '401  ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok'),
  row('GET    /me/questions',                                        '401  ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok'),
  row('PUT    /questions/{questionId}/answer',                       '401  404  404  404  404  404  404  404  ok   403  404  ok', { body: async (w) => ({ answer: 'Ja, dat mag.', version: await w.version(questions, w.open.questionA.id) }) }),
  row('POST   /questions/{questionId}/merge',                        '401  404  404  404  404  404  404  404  ok   403  404  ok', { body: async (w) => ({ intoQuestionId: w.open.questionA2.id, version: await w.version(questions, w.open.questionA.id) }), fresh: (w, ctx) => fresh.freshQuestionPair(w, ctx) }),
  row('POST   /challenges/{challengeId}/questions/publish',          '401  404  404  404  404  404  404  404  ok   403  404  ok', { body: (_w, c) => ({ questionIds: [c.params.questionId] }), fresh: (w, ctx) => fresh.freshAnsweredQuestion(w, ctx) }),
  // --- enterprises, account management, routekaart ---
  row('GET    /municipalities/by-slug/{slug}/routekaart',            'ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok'),
  row('GET    /partners',                                            '401  ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok'),
  row('POST   /partners/{enterpriseId}/messages',                    '401  ok   400  400  400  400  400  400  400  400  400  400', { params: (w) => ({ enterpriseId: w.orgs.B.id }), body: (w) => ({ fromEnterpriseId: w.orgs.A.id, subject: 'Samenwerken?', message: 'Zullen we samen inschrijven?' }) }),
  row('GET    /challenges/{challengeId}/partner-suggestions',        '401  ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok'),
  row('GET    /enterprises',                                         '401  ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok'),
  row('GET    /enterprises/{enterpriseId}/profile',                  '401  ok   404  404  404  404  404  404  404  404  404  ok'),
  row('PATCH  /enterprises/{enterpriseId}/profile',                  '401  ok   404  404  404  404  404  404  404  404  404  ok', { body: () => ({ description: 'Wij maken daken groen.' }) }),
  row('GET    /enterprises/{enterpriseId}/contacts',                 '401  ok   404  404  404  404  404  404  404  404  404  ok'),
  row('GET    /me/managed-enterprises',                              '401  ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok'),
  row('GET    /municipalities/{municipalityId}/account-managers',    '401  404  404  404  404  404  404  404  ok   ok   404  ok'),
  row('PUT    /municipalities/{municipalityId}/account-managers/{enterpriseId}', '401  404  404  404  404  404  404  404  403  403  404  ok', { body: (w) => ({ userId: w.people.accountManagerX.id }) }),
  row('DELETE /municipalities/{municipalityId}/account-managers/{enterpriseId}', '401  404  404  404  404  404  404  404  403  403  404  ok', { fresh: async (w, ctx) => fresh.ensureAccountManager(w, ctx) }),
  row('POST   /municipalities/{municipalityId}/routekaart',          '401  404  404  404  404  404  404  404  403  403  404  ok', { body: () => ({ theme: 'Zorg', contactName: 'Zeger Zorg', roleOrDepartment: 'Sociaal domein' }) }),
  row('PATCH  /municipalities/{municipalityId}/routekaart/{entryId}', '401  404  404  404  404  404  404  404  403  403  404  ok', { body: async (w) => ({ theme: 'Werk en inkomen', version: await w.version(routekaartEntries, w.routekaart.id) }) }),
  row('DELETE /municipalities/{municipalityId}/routekaart/{entryId}', '401  404  404  404  404  404  404  404  403  403  404  ok', { fresh: (w, ctx) => fresh.freshRoutekaartEntry(w, ctx) }),
  // --- guidance pages (Markdown; staff of X write, account managers read drafts) ---
  row('GET    /municipalities/by-slug/{slug}/guidance',              'ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok'),
  row('GET    /municipalities/by-slug/{slug}/guidance/{pageSlug}',   'ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok', { fresh: (w, ctx) => fresh.freshGuidancePage(w, ctx, 'published') }),
  row('GET    /municipalities/{municipalityId}/guidance',            '401  404  404  404  404  404  404  404  ok   ok   404  ok'),
  row('POST   /municipalities/{municipalityId}/guidance',            '401  404  404  404  404  404  404  404  ok   403  404  ok', { body: (_w, c) => ({ slug: `nieuwe-gids-${c.seq}`, title: 'Nieuwe gids', audience: 'everyone', markdown: '## Welkom' }) }),
  row('POST   /municipalities/{municipalityId}/guidance/preview',    '401  404  404  404  404  404  404  404  ok   403  404  ok', { body: () => ({ markdown: '## Voorbeeld\n\n- een lijst' }) }),
  row('GET    /municipalities/{municipalityId}/guidance/{pageId}',   '401  404  404  404  404  404  404  404  ok   ok   404  ok', { fresh: (w, ctx) => fresh.freshGuidancePage(w, ctx, 'draft') }),
  row('PATCH  /municipalities/{municipalityId}/guidance/{pageId}',   '401  404  404  404  404  404  404  404  ok   403  404  ok', { body: () => ({ title: 'Bijgewerkte gids', version: 1 }), fresh: (w, ctx) => fresh.freshGuidancePage(w, ctx, 'draft') }),
  row('DELETE /municipalities/{municipalityId}/guidance/{pageId}',   '401  404  404  404  404  404  404  404  ok   403  404  ok', { fresh: (w, ctx) => fresh.freshGuidancePage(w, ctx, 'draft') }),
  row('POST   /municipalities/{municipalityId}/guidance/{pageId}/publish', '401  404  404  404  404  404  404  404  ok   403  404  ok', { body: () => ({ version: 1 }), fresh: (w, ctx) => fresh.freshGuidancePage(w, ctx, 'draft') }),
  row('POST   /municipalities/{municipalityId}/guidance/{pageId}/unpublish', '401  404  404  404  404  404  404  404  ok   403  404  ok', { body: () => ({ version: 1 }), fresh: (w, ctx) => fresh.freshGuidancePage(w, ctx, 'published') }),
  // --- proposals and documents ---
  row('POST   /proposals/{proposalId}/documents',                    '401  ok   404  ok   404  404  404  404  404  404  404  404', { upload: true }),
  row('GET    /documents/{documentId}',                              '404  ok   404  ok   404  404  404  404  404  404  404  404'),
  row('DELETE /documents/{documentId}',                              '401  ok   404  ok   404  404  404  404  404  404  404  404', { fresh: (w, ctx) => fresh.freshDocument(w, ctx) }),
  row('POST   /challenges/{challengeId}/proposals',                  '401  ok   404  404  404  404  404  404  404  404  404  404', { body: (w, c) => ({ enterpriseId: w.orgs.A.id, title: `Voorstel ${c.seq}` }), fresh: (w, ctx) => fresh.freshChallenge(w, ctx, 'published') }),
  row('GET    /challenges/{challengeId}/proposals',                  '401  403  403  403  403  403  403  403  ok   ok   403  ok', { at: 'jury' }),
  row('GET    /me/proposals',                                        '401  ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok'),
  row('GET    /proposals/{proposalId}',                              '401  ok   404  ok   404  404  404  404  404  404  404  404'),
  row('PATCH  /proposals/{proposalId}',                              '401  ok   404  ok   404  404  404  404  404  404  404  404', { body: async (w) => ({ version: await w.version(proposals, w.open.proposalA.id), summary: 'Bijgewerkt' }) }),
  row('POST   /proposals/{proposalId}/submit',                       '401  ok   404  403  404  404  404  404  404  404  404  404', { body: bodyVersionOfProposal, fresh: (w, ctx) => fresh.freshDraftProposal(w, ctx, 'accepted') }),
  row('POST   /proposals/{proposalId}/withdraw',                     '401  ok   404  403  404  404  404  404  404  404  404  404', { body: bodyVersionOfProposal, fresh: (w, ctx) => fresh.freshSubmittedProposal(w, ctx) }),
  row('POST   /proposals/{proposalId}/partners',                     '401  ok   404  403  404  404  404  404  404  404  404  404', { body: (w) => ({ enterpriseId: w.orgs.B.id }), fresh: (w, ctx) => fresh.freshDraftProposal(w, ctx, 'accepted') }),
  row('POST   /proposals/{proposalId}/partners/{enterpriseId}/accept',  '401  403  404  ok   404  404  404  404  404  404  404  404', { params: (w) => ({ proposalId: w.open.proposalAInvite.id, enterpriseId: w.orgs.P.id }), fresh: (w, ctx) => fresh.freshDraftProposal(w, ctx, 'invited') }),
  row('POST   /proposals/{proposalId}/partners/{enterpriseId}/decline', '401  403  404  ok   404  404  404  404  404  404  404  404', { params: (w) => ({ proposalId: w.open.proposalAInvite.id, enterpriseId: w.orgs.P.id }), fresh: (w, ctx) => fresh.freshDraftProposal(w, ctx, 'invited') }),
  row('DELETE /proposals/{proposalId}/partners/{enterpriseId}',      '401  ok   404  403  404  404  404  404  404  404  404  404', { params: (w) => ({ enterpriseId: w.orgs.P.id }), fresh: (w, ctx) => fresh.freshDraftProposal(w, ctx, 'accepted') }),
  // --- jury: setup ---
  // How proposals are judged: visible with the challenge (a draft's to its municipality's staff only).
  row('GET    /challenges/{challengeId}/assessment',                 '404  404  404  404  404  404  404  404  ok   ok   404  ok', { at: 'draft' }),
  row('GET    /challenges/{challengeId}/rounds',                     '401  404  404  404  ok   ok   ok   ok   ok   404  404  ok', { at: 'jury' }),
  row('POST   /challenges/{challengeId}/rounds',                     '401  404  404  404  403  403  403  ok   ok   404  404  ok', { at: 'jury', body: () => ({ kind: 'pitch', name: 'Extra ronde' }) }),
  row('GET    /jury-rounds/{roundId}',                               '401  404  404  404  ok   ok   ok   ok   ok   404  404  ok', { at: 'jury' }),
  row('PATCH  /jury-rounds/{roundId}',                               '401  404  404  404  403  403  403  ok   ok   404  404  ok', { at: 'jury', body: async (w) => ({ version: await w.version(juryRounds, w.jury.round.id), disagreementThreshold: 20 }) }),
  row('POST   /jury-rounds/{roundId}/criteria',                      '401  404  404  404  403  403  403  ok   ok   404  404  ok', { at: 'jury', params: (w) => ({ roundId: w.jury.pitchRound.id }), body: () => ({ name: 'Presentatie', weight: 1 }) }),
  row('PATCH  /jury-rounds/{roundId}/criteria/{criterionId}',        '401  404  404  404  403  403  403  ok   ok   404  404  ok', { at: 'jury', params: (w) => ({ roundId: w.jury.pitchRound.id, criterionId: w.jury.pitchCriterion.id }), body: async (w) => ({ version: await w.version(juryCriteria, w.jury.pitchCriterion.id), weight: 2 }) }),
  row('DELETE /jury-rounds/{roundId}/criteria/{criterionId}',        '401  404  404  404  403  403  403  ok   ok   404  404  ok', { at: 'jury', params: (w) => ({ roundId: w.jury.pitchRound.id, criterionId: w.jury.pitchCriterion.id }), fresh: (w, ctx) => fresh.freshPitchCriterion(w, ctx) }),
  row('GET    /challenges/{challengeId}/jury-members',               '401  404  404  404  403  403  403  ok   ok   404  404  ok', { at: 'jury' }),
  row('POST   /challenges/{challengeId}/jury-members',               '401  404  404  404  403  403  403  403  ok   404  404  ok', { at: 'jury', body: (_w, c) => ({ email: `nieuw-jurylid${c.seq}@example.nl` }) }),
  row('PATCH  /challenges/{challengeId}/jury-members/{memberId}',    '401  404  404  404  403  403  403  403  ok   404  404  ok', { at: 'jury', body: async (w) => ({ version: await w.version(juryMembers, w.jury.seats.juror.id), sdgExpertise: [11, 13] }) }),
  row('DELETE /challenges/{challengeId}/jury-members/{memberId}',    '401  404  404  404  403  403  403  403  ok   404  404  ok', { at: 'jury', fresh: (w, ctx) => fresh.freshJurySeat(w, ctx, w.jury.challenge.id) }),
  row('GET    /jury-seats',                                          '401  ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok'),
  row('GET    /jury-invitations/{token}',                            'ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok', { params: (w) => ({ token: w.juryInvitation.token }) }),
  row('POST   /jury-invitations/{token}/accept',                     '401  ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok', { fresh: (w, ctx, who) => fresh.freshJurySeat(w, ctx, undefined, who === 'anon' ? undefined : w.people[who].email) }),
  row('POST   /jury-invitations/{token}/accept',                     '401  403  403  403  403  403  403  403  403  403  403  403', { variant: 'sent to another address', fresh: (w, ctx) => fresh.freshJurySeat(w, ctx) }),
  row('GET    /challenges/{challengeId}/jury-conflicts',             '401  404  404  404  ok   ok   ok   ok   ok   404  404  ok', { at: 'jury' }),
  row('POST   /challenges/{challengeId}/jury-conflicts',             '401  404  404  404  ok   ok   ok   ok   403  404  404  403', { at: 'jury', body: (w) => ({ proposalId: w.jury.proposalB.id, reason: 'Ik ken de eigenaar' }) }),
  // --- jury: assignment, scoring, results, decision ---
  row('POST   /jury-rounds/{roundId}/assignment',                    '401  404  404  404  403  403  403  ok   403  404  404  403', { at: 'jury', prepare: (w, ctx) => fresh.roundInSetup(w, ctx) }),
  row('GET    /jury-rounds/{roundId}/assignments',                   '401  404  404  404  403  403  403  ok   ok   404  404  ok', { at: 'jury' }),
  row('PUT    /jury-rounds/{roundId}/assignments',                   '401  404  404  404  403  403  403  ok   403  404  404  403', { at: 'jury', prepare: (w, ctx) => fresh.roundScoringWithoutScores(w, ctx), body: (w) => ({ proposalId: w.jury.proposalB.id, removeMemberId: w.jury.seats.unassigned.id, addMemberId: w.jury.seats.chair.id }) }),
  row('POST   /jury-rounds/{roundId}/deliberation',                  '401  404  404  404  403  403  403  ok   403  404  404  403', { at: 'jury', prepare: async (w, ctx) => fresh.setRoundStatus(w, ctx, 'scoring') }),
  row('GET    /jury-rounds/{roundId}/progress',                      '401  404  404  404  403  403  403  ok   ok   404  404  ok', { at: 'jury' }),
  row('GET    /jury-rounds/{roundId}/my-proposals',                  '401  404  404  404  ok   ok   ok   ok   403  404  404  403', { at: 'jury' }),
  row('GET    /jury-rounds/{roundId}/proposals/{proposalId}',        '401  404  404  404  ok   404  404  404  403  404  404  403', { at: 'jury' }),
  row('GET    /jury-rounds/{roundId}/proposals/{proposalId}/scorecard', '401  404  404  404  ok   404  404  404  403  404  404  403', { at: 'jury' }),
  row('PUT    /jury-rounds/{roundId}/proposals/{proposalId}/scorecard', '401  404  404  404  ok   404  404  404  403  404  404  403', { at: 'jury', body: async (w) => ({ version: await w.version(juryScorecards, w.jury.draftCard.id), scores: { [w.jury.criterion.id]: { score: 8, comment: 'Goed' } } }) }),
  row('POST   /jury-rounds/{roundId}/proposals/{proposalId}/scorecard/submit', '401  404  404  404  ok   404  404  404  403  404  404  403', { at: 'jury', body: async (w) => ({ version: await w.version(juryScorecards, w.jury.draftCard.id) }) }),
  row('GET    /jury-rounds/{roundId}/proposals/{proposalId}/scorecards', '401  404  404  404  403  403  404  ok   ok   404  404  ok', { at: 'jury' }),
  row('POST   /jury-rounds/{roundId}/scorecards/{scorecardId}/reopen', '401  404  404  404  403  403  403  ok   403  404  404  403', { at: 'jury', body: () => ({ reason: 'Typefout in een score' }) }),
  row('POST   /jury-rounds/{roundId}/reminders',                     '401  404  404  404  403  403  403  ok   403  404  404  403', { at: 'jury', prepare: async (w, ctx) => fresh.setRoundStatus(w, ctx, 'scoring') }),
  row('GET    /jury-rounds/{roundId}/proposals/{proposalId}/documents/{documentId}', '401  404  404  404  ok   404  404  404  403  404  404  403', { at: 'jury' }),
  row('POST   /jury-rounds/{roundId}/results',                       '401  404  404  404  403  403  403  ok   403  404  404  403', { at: 'jury' }),
  row('GET    /jury-rounds/{roundId}/results',                       '401  404  404  404  403  403  403  ok   ok   404  404  ok', { at: 'jury' }),
  row('GET    /jury-rounds/{roundId}/results/export',                '401  404  404  404  403  403  403  ok   ok   404  404  ok', { at: 'jury' }),
  row('POST   /jury-rounds/{roundId}/shortlist',                     '401  404  404  404  403  403  403  ok   403  404  404  403', { at: 'jury', body: (w) => ({ nextRoundId: w.jury.pitchRound.id, topN: 1 }) }),
  row('PUT    /challenges/{challengeId}/jury-decision',              '401  404  404  404  403  403  403  ok   403  404  404  403', { at: 'jury', body: async (w, c) => ({ version: await decisionVersion(w), winnerProposalIds: [w.jury.proposalA.id], motivation: `Het sterkste plan (${c.seq}).` }) }),
  row('GET    /challenges/{challengeId}/jury-decision',              'ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok', { at: 'done' }),
  // --- pilots, pilot reports and the showcase (A won the `done` challenge) ---
  row('GET    /me/pilots',                                           '401  ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok'),
  row('POST   /pilots/{proposalId}/reports',                         '401  ok   404  404  404  404  404  404  404  404  404  404', { at: 'done', body: (w, c) => pilotReport(w, c) }),
  row('GET    /municipalities/{municipalityId}/pilot-reports',       '401  404  404  404  404  404  404  404  403  ok   404  ok'),
  row('POST   /pilot-reports/{reportId}/validate',                   '401  404  404  404  404  404  404  404  403  ok   404  ok', { body: async (w, c) => ({ version: await w.version(pilotReports, c.params.reportId!) }), fresh: async (w, ctx) => ({ reportId: await postPilotReport(ctx, w.people.entA, w.done.proposalA.id) }) }),
  row('POST   /pilot-reports/{reportId}/reject',                     '401  404  404  404  404  404  404  404  403  ok   404  ok', { body: async (w, c) => ({ version: await w.version(pilotReports, c.params.reportId!), reason: 'Bewijs ontbreekt.' }), fresh: async (w, ctx) => ({ reportId: await postPilotReport(ctx, w.people.entA, w.done.proposalA.id) }) }),
  row('GET    /showcase',                                            'ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok'),
  row('GET    /showcase/{id}',                                       'ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok'),
  row('PUT    /pilots/{proposalId}/showcase-consent',                '401  ok   404  404  404  404  404  404  404  404  404  404', { at: 'done', body: () => ({ consented: true }) }),
  row('GET    /proposals/{proposalId}/feedback',                     '401  ok   404  404  404  404  404  404  404  404  404  404', { at: 'done' }),

  // --- meetings of municipality X (each cell gets its own meeting) ---
  row('GET    /meetings',                                            'ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok'),
  row('GET    /meetings/{meetingId}',                                '404  404  404  404  404  404  404  404  ok   ok   404  ok', { fresh: (w, ctx) => freshMeeting(ctx, w.orgs.X.id, 'draft') }),
  row('GET    /meetings/{meetingId}/ics',                   'ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok', { fresh: (w, ctx) => freshMeeting(ctx, w.orgs.X.id, 'published') }),
  row('GET    /me/meetings',                                         '401  ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok'),
  row('PUT    /meetings/{meetingId}/registration',                   '401  ok   400  400  400  400  400  400  400  400  400  400', { body: (w) => ({ enterpriseId: w.orgs.A.id, note: 'Vegetarisch' }), fresh: (w, ctx) => freshMeeting(ctx, w.orgs.X.id, 'published') }),
  row('DELETE /meetings/{meetingId}/registration',                   '401  ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok', { fresh: (w, ctx) => freshMeeting(ctx, w.orgs.X.id, 'published') }),
  row('GET    /municipalities/{municipalityId}/meetings',            '401  404  404  404  404  404  404  404  ok   ok   404  ok'),
  row('POST   /municipalities/{municipalityId}/meetings',            '401  404  404  404  404  404  404  404  ok   403  404  ok', { body: (w) => meetingBody(w) }),
  row('PATCH  /meetings/{meetingId}',                                '401  404  404  404  404  404  404  404  ok   403  404  ok', { body: () => ({ version: 1, title: 'Nieuwe titel' }), fresh: (w, ctx) => freshMeeting(ctx, w.orgs.X.id, 'draft') }),
  row('POST   /meetings/{meetingId}/publish',                        '401  404  404  404  404  404  404  404  ok   403  404  ok', { body: () => ({ version: 1 }), fresh: (w, ctx) => freshMeeting(ctx, w.orgs.X.id, 'draft') }),
  row('POST   /meetings/{meetingId}/cancel',                         '401  403  403  403  403  403  403  403  ok   403  403  ok', { body: () => ({ version: 1 }), fresh: (w, ctx) => freshMeeting(ctx, w.orgs.X.id, 'published') }),
  row('GET    /meetings/{meetingId}/registrations',                  '401  403  403  403  403  403  403  403  ok   403  403  ok', { fresh: (w, ctx) => freshMeeting(ctx, w.orgs.X.id, 'published') }),
  row('GET    /meetings/{meetingId}/registrations/csv',              '401  403  403  403  403  403  403  403  ok   403  403  ok', { fresh: (w, ctx) => freshMeeting(ctx, w.orgs.X.id, 'published') }),
  // --- the same operations on objects in another state ---
  // (Account managers are municipal staff but read only the submitted proposals of the enterprises they
  // manage, as lead or partner — see the B row: B has no account manager, so amX gets 404.)
  row('GET    /challenges/{challengeId}',                            'ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok', { variant: 'published', at: 'open' }),
  row('GET    /challenges/{challengeId}/ics',                        'ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok', { variant: 'published', at: 'open' }),
  row('GET    /challenges/{challengeId}/amendments',                 'ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok', { variant: 'published', at: 'open' }),
  row('GET    /challenges/{challengeId}/assessment',                 'ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok', { variant: 'in evaluation, with rounds', at: 'jury' }),
  row('GET    /proposals/{proposalId}',                              '401  ok   404  ok   404  404  404  404  ok   ok   404  ok', { variant: 'submitted, after the deadline', at: 'jury' }),
  row('GET    /proposals/{proposalId}',                              '401  404  ok   404  404  404  404  404  ok   404  404  ok', { variant: 'B’s, submitted (B has no account manager)', at: 'jury', params: (w) => ({ proposalId: w.jury.proposalB.id }) }),
  row('GET    /documents/{documentId}',                              '404  ok   404  ok   404  404  404  404  ok   ok   404  ok', { variant: 'of a submitted proposal', at: 'jury' }),
  row('GET    /challenges/{challengeId}/jury-decision',              '404  404  404  404  403  403  403  ok   ok   404  404  ok', { variant: 'results not yet published', at: 'jury', prepare: (w, ctx) => fresh.decisionRecorded(w, ctx) }),
  row('GET    /challenges/{challengeId}/partner-suggestions',        '401  404  404  404  404  404  404  404  404  404  404  404', { variant: 'draft challenge', at: 'draft' }),
  row('GET    /proposals/{proposalId}/feedback',                     '401  404  404  404  404  404  404  404  404  404  404  404', { variant: 'results not yet published', at: 'jury' }),
  row('GET    /meetings/{meetingId}',                                'ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok', { variant: 'published', fresh: (w, ctx) => freshMeeting(ctx, w.orgs.X.id, 'published') }),
  row('GET    /meetings/{meetingId}/ics',                   '404  404  404  404  404  404  404  404  ok   ok   404  ok', { variant: 'draft', fresh: (w, ctx) => freshMeeting(ctx, w.orgs.X.id, 'draft') }),
]

type W = Parameters<NonNullable<Row['body']>>[0]
type C = Parameters<NonNullable<Row['body']>>[1]
async function bodyVersionOfChallenge(w: W, c: C) {
  return { version: await w.version(challenges, c.params.challengeId!) }
}
async function bodyVersionOfProposal(w: W, c: C) {
  return { version: await w.version(proposals, c.params.proposalId!) }
}
function pilotReport(w: W, c: C) {
  void w
  const day = (n: number) => new Date(Date.now() - (60 - n) * 86_400_000).toISOString().slice(0, 10)
  return { periodStart: day(c.seq % 20), periodEnd: day((c.seq % 20) + 5), indicators: [], jobsRealised: 0, hoursRealised: 0, amountRealised: 0, notes: '' }
}
function meetingBody(w: W) {
  void w
  const start = Date.now() + 7 * 86_400_000
  return { kind: 'matchmaking', title: 'Matchmaking', startsAt: new Date(start).toISOString(), endsAt: new Date(start + 7_200_000).toISOString(), capacity: 30 }
}
/** 0 while no decision exists yet. */
async function decisionVersion(w: W) {
  return (await w.versionOrNull(juryDecisions, w.jury.challenge.id)) ?? 0
}

import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { IdParams } from '@opgave/contracts'
import type { App } from '../../lib/typed-app'
import { bearerAuth, problemResponses } from '../../lib/route-schema'
import { requireActor } from '../../plugins/auth'
import { CancelMeetingBody, CreateMeetingBody, Meeting, MeetingListQuery, MeetingPage, RegisterBody, RegistrationList, StaffMeetingQuery, UpdateMeetingBody, VersionBody } from './meetings.schemas'
import {
  cancelMeeting,
  createMeeting,
  getMeeting,
  listMunicipalityMeetings,
  listMyMeetings,
  listPublicMeetings,
  listRegistrations,
  meetingCalendar,
  publishMeeting,
  register,
  registrationsCsv,
  unregister,
  updateMeeting,
  type MeetingDeps,
} from './meetings.service'

const tags = ['meetings']
/** Anonymous, or signed in (staff then also read drafts; registrants see their own registration). */
const optionalAuth: Record<string, string[]>[] = [{}, ...bearerAuth]

/**
 * Meetings a municipality announces (matchmaking, information sessions, pitch days): public once
 * published, with an .ics per meeting; signed-in users register; the municipality's admins and
 * challenge managers create, edit, publish, cancel and see the registrations.
 */
export async function meetingRoutes(app: App, opts: { now: () => Date; publicUrl: string }) {
  const deps: MeetingDeps = { db: app.db, now: opts.now, publicUrl: opts.publicUrl }

  await app.register(async (scope) => {
    const pub = scope.withTypeProvider<TypeBoxTypeProvider>()
    pub.addHook('onRequest', pub.identify)

    pub.get(
      '/meetings',
      {
        schema: {
          tags,
          operationId: 'listMeetings',
          summary: 'Published upcoming meetings, soonest first: per municipality, challenge or kind; cursor pagination. No registrants.',
          security: optionalAuth,
          querystring: MeetingListQuery,
          response: { 200: MeetingPage, ...problemResponses(401) },
        },
      },
      async (request) => listPublicMeetings(deps, request.actor, request.query),
    )

    pub.get(
      '/meetings/:meetingId',
      { schema: { tags, operationId: 'getMeeting', summary: 'One meeting: public once published (also when cancelled); drafts only for the municipality’s staff', security: optionalAuth, params: IdParams('meetingId'), response: { 200: Meeting, ...problemResponses(401, 404) } } },
      async (request) => getMeeting(deps, request.actor, request.params.meetingId),
    )

    pub.get(
      '/meetings/:meetingId/ics',
      {
        schema: {
          tags,
          operationId: 'getMeetingCalendar',
          summary: 'The meeting as an iCalendar file (RFC 5545): UID stable per meeting, SEQUENCE = version, STATUS:CANCELLED once cancelled',
          security: optionalAuth,
          params: IdParams('meetingId'),
          response: { 200: { description: 'An iCalendar file with one VEVENT (UTF-8, CRLF line endings, lines folded at 75 octets)', content: { 'text/calendar': { schema: Type.String() } } }, ...problemResponses(401, 404) },
        },
      },
      async (request, reply) => {
        const { ics, fileName } = await meetingCalendar(deps, request.actor, request.params.meetingId)
        return reply.type('text/calendar; charset=utf-8').header('content-disposition', `attachment; filename="${fileName}"`).header('cache-control', 'no-cache').send(ics)
      },
    )
  })

  await app.register(async (scope) => {
    const auth = scope.withTypeProvider<TypeBoxTypeProvider>()
    auth.addHook('onRequest', auth.authenticate)

    auth.get(
      '/me/meetings',
      { schema: { tags, operationId: 'listMyMeetings', summary: 'The meetings I registered for, with my registration', security: bearerAuth, response: { 200: Type.Object({ items: Type.Array(Meeting) }), ...problemResponses(401) } } },
      async (request) => ({ items: await listMyMeetings(deps, requireActor(request)) }),
    )

    auth.put(
      '/meetings/:meetingId/registration',
      {
        schema: {
          tags,
          operationId: 'registerForMeeting',
          summary: 'Register for a published meeting, optionally on behalf of my enterprise (idempotent: 201 the first time, then 200). Capacity and deadline on the server clock.',
          security: bearerAuth,
          params: IdParams('meetingId'),
          body: RegisterBody,
          response: { 200: Meeting, 201: Meeting, ...problemResponses(401, 404, 409, 422) },
        },
      },
      async (request, reply) => {
        const { created, meeting } = await register(deps, requireActor(request), request.params.meetingId, request.body)
        return reply.status(created ? 201 : 200).send(meeting)
      },
    )

    auth.delete(
      '/meetings/:meetingId/registration',
      { schema: { tags, operationId: 'unregisterFromMeeting', summary: 'Withdraw my registration (idempotent)', security: bearerAuth, params: IdParams('meetingId'), response: { 204: Type.Null(), ...problemResponses(401, 404) } } },
      async (request, reply) => {
        await unregister(deps, requireActor(request), request.params.meetingId)
        return reply.status(204).send(null)
      },
    )

    auth.get(
      '/municipalities/:municipalityId/meetings',
      {
        schema: {
          tags,
          operationId: 'listMunicipalityMeetings',
          summary: 'All meetings of a municipality, drafts and past ones included (its staff)',
          security: bearerAuth,
          params: IdParams('municipalityId'),
          querystring: StaffMeetingQuery,
          response: { 200: Type.Object({ items: Type.Array(Meeting) }), ...problemResponses(401, 403, 404) },
        },
      },
      async (request) => ({ items: await listMunicipalityMeetings(deps, requireActor(request), request.params.municipalityId, request.query.status) }),
    )

    auth.post(
      '/municipalities/:municipalityId/meetings',
      { schema: { tags, operationId: 'createMeeting', summary: 'Create a draft meeting (admins and challenge managers)', security: bearerAuth, params: IdParams('municipalityId'), body: CreateMeetingBody, response: { 201: Meeting, ...problemResponses(401, 403, 404) } } },
      async (request, reply) => reply.status(201).send(await createMeeting(deps, requireActor(request), request.params.municipalityId, request.body)),
    )

    auth.patch(
      '/meetings/:meetingId',
      {
        schema: {
          tags,
          operationId: 'updateMeeting',
          summary: 'Change a draft or published meeting (with the version it started from); registrants are told of a new time or place',
          security: bearerAuth,
          params: IdParams('meetingId'),
          body: UpdateMeetingBody,
          response: { 200: Meeting, ...problemResponses(401, 403, 404, 409) },
        },
      },
      async (request) => updateMeeting(deps, requireActor(request), request.params.meetingId, request.body),
    )

    auth.post(
      '/meetings/:meetingId/publish',
      { schema: { tags, operationId: 'publishMeeting', summary: 'Publish a draft meeting: it becomes public and open for registration', security: bearerAuth, params: IdParams('meetingId'), body: VersionBody, response: { 200: Meeting, ...problemResponses(401, 403, 404, 409, 422) } } },
      async (request) => publishMeeting(deps, requireActor(request), request.params.meetingId, request.body.version),
    )

    auth.post(
      '/meetings/:meetingId/cancel',
      { schema: { tags, operationId: 'cancelMeeting', summary: 'Cancel a published meeting: registrants get an email with the cancelled calendar entry', security: bearerAuth, params: IdParams('meetingId'), body: CancelMeetingBody, response: { 200: Meeting, ...problemResponses(401, 403, 404, 409) } } },
      async (request) => cancelMeeting(deps, requireActor(request), request.params.meetingId, request.body),
    )

    auth.get(
      '/meetings/:meetingId/registrations',
      { schema: { tags, operationId: 'listMeetingRegistrations', summary: 'Who registered: name, enterprise and note (admins and challenge managers)', security: bearerAuth, params: IdParams('meetingId'), response: { 200: RegistrationList, ...problemResponses(401, 403, 404) } } },
      async (request) => listRegistrations(deps, requireActor(request), request.params.meetingId),
    )

    auth.get(
      '/meetings/:meetingId/registrations/csv',
      {
        schema: {
          tags,
          operationId: 'downloadMeetingRegistrationsCsv',
          summary: 'The registrations as CSV (UTF-8 with BOM, opens in Excel)',
          security: bearerAuth,
          params: IdParams('meetingId'),
          response: { 200: { description: 'CSV, UTF-8 with byte-order mark', content: { 'text/csv': { schema: Type.String() } } }, ...problemResponses(401, 403, 404) },
        },
      },
      async (request, reply) => {
        const { csv, fileName } = await registrationsCsv(deps, requireActor(request), request.params.meetingId)
        return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${fileName}"`).send(csv)
      },
    )
  })
}

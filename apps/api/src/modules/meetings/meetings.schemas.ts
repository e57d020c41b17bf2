import { Type, type Static } from '@sinclair/typebox'
import { DateTime, StrictObject, Uuid } from '@opgave/contracts'

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()])

export const MeetingKind = Type.Union([Type.Literal('matchmaking'), Type.Literal('information_session'), Type.Literal('pitch_day'), Type.Literal('other')], {
  description: 'matchmaking of SMEs and social enterprises, an information session about one challenge, a pitch day, or other',
})
export const MeetingStatus = Type.Union([Type.Literal('draft'), Type.Literal('published'), Type.Literal('cancelled')])
const Version = Type.Integer({ minimum: 1, description: 'The version this write started from (optimistic concurrency)' })

const Title = Type.String({ minLength: 3, maxLength: 200, pattern: '\\S' })
const Description = Type.String({ maxLength: 5000 })
const Location = Nullable(Type.String({ minLength: 1, maxLength: 300, description: 'A street address; null for an online meeting' }))
const OnlineUrl = Nullable(Type.String({ format: 'uri', pattern: '^https?://', maxLength: 2000, description: 'Link to join online (http or https)' }))
const Capacity = Nullable(Type.Integer({ minimum: 1, maximum: 100_000, description: 'Maximum number of registrations; null: no limit' }))
const ClosesAt = Nullable({ ...DateTime, description: 'Registration closes at this moment (server clock); null: at the start' } as typeof DateTime)

export const CreateMeetingBody = StrictObject({
  kind: MeetingKind,
  title: Title,
  description: Type.Optional(Description),
  startsAt: DateTime,
  endsAt: DateTime,
  location: Type.Optional(Location),
  onlineUrl: Type.Optional(OnlineUrl),
  capacity: Type.Optional(Capacity),
  registrationClosesAt: Type.Optional(ClosesAt),
  challengeId: Type.Optional(Nullable(Uuid)),
})
export type CreateMeetingBody = Static<typeof CreateMeetingBody>

export const UpdateMeetingBody = StrictObject({
  version: Version,
  kind: Type.Optional(MeetingKind),
  title: Type.Optional(Title),
  description: Type.Optional(Description),
  startsAt: Type.Optional(DateTime),
  endsAt: Type.Optional(DateTime),
  location: Type.Optional(Location),
  onlineUrl: Type.Optional(OnlineUrl),
  capacity: Type.Optional(Capacity),
  registrationClosesAt: Type.Optional(ClosesAt),
  challengeId: Type.Optional(Nullable(Uuid)),
})
export type UpdateMeetingBody = Static<typeof UpdateMeetingBody>

export const VersionBody = StrictObject({ version: Version })
export const CancelMeetingBody = StrictObject({ version: Version, reason: Type.Optional(Type.String({ maxLength: 2000, description: 'Told to the registrants in the cancellation email' })) })

export const RegisterBody = StrictObject({
  enterpriseId: Type.Optional(Nullable({ ...Uuid, description: 'Register on behalf of an enterprise you belong to' } as typeof Uuid)),
  note: Type.Optional(Type.String({ maxLength: 1000, description: 'E.g. dietary or accessibility needs; only the organisers see it' })),
})
export type RegisterBody = Static<typeof RegisterBody>

export const MyRegistration = Type.Object({ enterprise: Nullable(Type.Object({ id: Uuid, name: Type.String() })), note: Type.String(), registeredAt: DateTime })

/** A meeting as anyone may see it: counts, never who registered. */
export const Meeting = Type.Object({
  id: Uuid,
  municipality: Type.Object({ id: Uuid, name: Type.String(), slug: Type.String() }),
  challenge: Nullable(Type.Object({ id: Uuid, title: Type.String() })),
  kind: MeetingKind,
  title: Type.String(),
  description: Type.String(),
  startsAt: DateTime,
  endsAt: DateTime,
  location: Nullable(Type.String()),
  onlineUrl: Nullable(Type.String()),
  capacity: Nullable(Type.Integer()),
  registrationClosesAt: Nullable(DateTime),
  /** When registration closes in effect: registrationClosesAt, or the start. */
  registrationDeadline: DateTime,
  status: MeetingStatus,
  publishedAt: Nullable(DateTime),
  cancelledAt: Nullable(DateTime),
  version: Type.Integer(),
  registeredCount: Type.Integer({ minimum: 0 }),
  placesLeft: Nullable(Type.Integer({ minimum: 0 })),
  /** Registration possible right now (server clock): published, before the deadline, places left. */
  registrationOpen: Type.Boolean(),
  /** The caller's own registration (signed in), else null. */
  myRegistration: Nullable(MyRegistration),
  /** The caller may edit, publish, cancel and see the registrations. */
  mayManage: Type.Boolean(),
})
export type Meeting = Static<typeof Meeting>

export const MeetingPage = Type.Object({ items: Type.Array(Meeting), nextCursor: Nullable(Type.String()) })
export type MeetingPage = Static<typeof MeetingPage>

export const MeetingListQuery = StrictObject({
  municipality: Type.Optional(Type.String({ minLength: 1, maxLength: 80, description: 'Municipality slug' })),
  challengeId: Type.Optional(Uuid),
  kind: Type.Optional(MeetingKind),
  from: Type.Optional({ ...DateTime, description: 'Meetings that end at or after this moment; default: now (upcoming)' } as typeof DateTime),
  cursor: Type.Optional(Type.String({ maxLength: 500 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, default: 20 })),
})
export type MeetingListQuery = Static<typeof MeetingListQuery>

export const StaffMeetingQuery = StrictObject({ status: Type.Optional(MeetingStatus) })

export const Registration = Type.Object({
  name: Type.String(),
  enterprise: Nullable(Type.Object({ id: Uuid, name: Type.String() })),
  note: Type.String(),
  registeredAt: DateTime,
})
export type Registration = Static<typeof Registration>

export const RegistrationList = Type.Object({ meetingId: Uuid, capacity: Nullable(Type.Integer()), items: Type.Array(Registration) })

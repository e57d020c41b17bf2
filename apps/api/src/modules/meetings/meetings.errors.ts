import { defineProblem } from '../../lib/problem'

/** The meetings' error catalogue: stable codes clients may branch on. */
export const meetingErrors = {
  notFound: defineProblem(404, 'meetings.not_found', 'Meeting not found'),
  municipalityNotFound: defineProblem(404, 'meetings.municipality_not_found', 'Municipality not found'),
  forbidden: defineProblem(403, 'meetings.forbidden', 'Not allowed for your role'),
  cancelled: defineProblem(409, 'meetings.cancelled', 'This meeting has been cancelled'),
  notDraft: defineProblem(409, 'meetings.not_draft', 'This meeting is not a draft'),
  notPublished: defineProblem(409, 'meetings.not_published', 'This meeting is not published'),
  full: defineProblem(409, 'meetings.full', 'This meeting is full'),
  registrationClosed: defineProblem(422, 'meetings.registration_closed', 'Registration has closed'),
  alreadyOver: defineProblem(422, 'meetings.in_past', 'This meeting is already over'),
}

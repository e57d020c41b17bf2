import { defineProblem } from '../../lib/problem'

/** Pilot reporting's error catalogue: stable codes clients may branch on. */
export const pilotReportErrors = {
  pilotNotFound: defineProblem(404, 'pilot_reports.pilot_not_found', 'Pilot not found'),
  reportNotFound: defineProblem(404, 'pilot_reports.not_found', 'Pilot report not found'),
  forbidden: defineProblem(403, 'pilot_reports.forbidden', 'Not allowed for your role'),
  alreadyReviewed: defineProblem(409, 'pilot_reports.already_reviewed', 'This report has already been reviewed'),
}

import type { Static } from '@sinclair/typebox'
import type { Problem, ProblemFieldError } from '@opgave/contracts'

type FieldError = Static<typeof ProblemFieldError>

/** An error a client caused and may read: rendered as RFC 9457 problem details by the error handler. */
export class ProblemError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: string,
    readonly detail: string,
    readonly errors?: FieldError[],
    readonly headers: Record<string, string> = {},
    /** Extra problem members, e.g. `current` (the stored state) on a 409 version conflict. */
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(`${code}: ${detail}`)
  }

  toProblem(instance?: string): Problem {
    return {
      ...this.extensions,
      type: problemType(this.code),
      title: this.title,
      status: this.status,
      detail: this.detail,
      code: this.code,
      ...(instance ? { instance } : {}),
      ...(this.errors ? { errors: this.errors } : {}),
    }
  }
}

export const problemType = (code: string) => `urn:opgave:problem:${code}`

/** Factory for one error of a feature's catalogue: `const notFound = defineProblem(404, 'x.not_found', 'Not found')`. */
export function defineProblem(status: number, code: string, title: string) {
  return (detail: string = title, errors?: FieldError[], headers?: Record<string, string>) =>
    new ProblemError(status, code, title, detail, errors, headers)
}

/** Errors shared by every feature. */
export const commonProblems = {
  validation: (errors: FieldError[], detail = 'The request has invalid fields.') =>
    new ProblemError(400, 'request.invalid', 'Invalid request', detail, errors),
  fieldInvalid: (field: string, code: string, message: string) =>
    new ProblemError(400, 'request.invalid', 'Invalid request', message, [{ field, code, message }]),
  unauthenticated: defineProblem(401, 'auth.unauthenticated', 'Authentication required'),
  forbidden: defineProblem(403, 'auth.forbidden', 'Not allowed'),
  notFound: defineProblem(404, 'resource.not_found', 'Not found'),
  conflict: defineProblem(409, 'resource.conflict', 'Conflict'),
  /** The database cannot be reached, is restarting or lost its files (db/unavailable.ts): retry shortly. */
  databaseDown: defineProblem(503, 'system.database_down', 'Service unavailable'),
  /** A transaction lost a serialization race or a deadlock, or waited too long for a lock: retry. */
  databaseBusy: defineProblem(503, 'system.database_busy', 'Service unavailable'),
  /** A write named a version that is no longer current: nothing was changed; `current` lets the client reload or merge. */
  staleVersion: (current: unknown, detail = 'Someone else changed this in the meantime. Reload to see the current version.') =>
    new ProblemError(409, 'resource.version_conflict', 'Version conflict', detail, undefined, {}, { current }),
}

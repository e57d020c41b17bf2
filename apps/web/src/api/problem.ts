// RFC 9457 problem details as the API renders them, and how the forms read them.
export interface ProblemFieldError {
  field: string
  message: string
  code?: string
}

export interface Problem {
  type?: string
  title: string
  status: number
  detail?: string
  /** Stable machine-readable code, e.g. `auth.invalid_credentials`. */
  code?: string
  errors?: ProblemFieldError[]
}

export function isProblem(value: unknown): value is Problem {
  if (typeof value !== 'object' || value === null) return false
  const candidate = value as Record<string, unknown>
  return typeof candidate.title === 'string' && typeof candidate.status === 'number'
}

/**
 * The API names fields as JSON pointers (`/email`, `/body/email`) or plain names (`email`);
 * forms know their fields by plain name, so keep the first segment that is not the `body` wrapper.
 */
export function fieldNameOf(pointer: string): string {
  const segments = pointer
    .split(/[/.]/)
    .map((segment) => segment.replaceAll('~1', '/').replaceAll('~0', '~'))
    .filter((segment) => segment.length > 0)
  if (segments[0] === 'body' && segments.length > 1) segments.shift()
  return segments[0] ?? ''
}

export interface SortedProblemErrors<F extends string> {
  fields: Partial<Record<F, ProblemFieldError>>
  /** Errors that belong to no field of the form; shown above it. */
  other: ProblemFieldError[]
}

export function sortProblemErrors<F extends string>(problem: Problem, fields: readonly F[]): SortedProblemErrors<F> {
  const known = new Set<string>(fields)
  const sorted: SortedProblemErrors<F> = { fields: {}, other: [] }
  for (const error of problem.errors ?? []) {
    const name = fieldNameOf(error.field)
    if (known.has(name) && sorted.fields[name as F] === undefined) sorted.fields[name as F] = error
    else sorted.other.push(error)
  }
  return sorted
}

/** Seconds to wait from a Retry-After header (delta-seconds or HTTP date); null when absent or unreadable. */
export function retryAfterSeconds(header: string | null, now: Date = new Date()): number | null {
  if (header === null || header.trim() === '') return null
  const seconds = Number(header)
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds))
  const date = Date.parse(header)
  if (Number.isNaN(date)) return null
  return Math.max(0, Math.ceil((date - now.getTime()) / 1000))
}

/**
 * Which database failures are the database's state rather than a bug: the server is down or restarting,
 * the connection broke, the pool could not connect in time, PGlite's files are gone, or a transaction
 * lost a serialization race or a deadlock. A client should hear "try again shortly" (503 with
 * Retry-After), not "something went wrong on our side" (500); nothing was written, as the transaction
 * rolled back.
 */
export interface DatabaseUnavailability {
  code: 'system.database_down' | 'system.database_busy'
  retryAfterSeconds: number
  /** The SQLSTATE, socket code or driver message that told: safe to log (a query's text and values are not). */
  reason: string
}

const down = (reason: string): DatabaseUnavailability => ({ code: 'system.database_down', retryAfterSeconds: 5, reason })
const busy = (reason: string): DatabaseUnavailability => ({ code: 'system.database_busy', retryAfterSeconds: 1, reason })

/** Node's socket errors when the server cannot be reached or hangs up. */
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH'])

/**
 * PostgreSQL SQLSTATEs. Down: class 08 (connection exception), 57P01–57P03 (shutting down, crashed,
 * starting), class 58 (system error: a data file missing or unreadable) and class 53 (out of connections,
 * memory or disk). Busy: 40001 (serialization failure), 40P01 (deadlock), 55P03 (lock not available),
 * 57014 (statement timeout).
 */
function classifySqlState(state: string): DatabaseUnavailability | null {
  if (state.startsWith('08') || state.startsWith('58') || state.startsWith('53') || ['57P01', '57P02', '57P03'].includes(state)) return down(state)
  if (['40001', '40P01', '55P03', '57014'].includes(state)) return busy(state)
  return null
}

/** node-postgres and PGlite say these in words, without a code. */
const DOWN_MESSAGES = [
  /^Connection terminated/,
  /^timeout exceeded when trying to connect/,
  /^Client has encountered a connection error and is not queryable/,
  /^Cannot use a pool after calling end on the pool/,
  /^PGlite is closed/,
]

/**
 * The unavailability an error stands for, or null for any other error. drizzle wraps driver errors
 * (`DrizzleQueryError`, the driver's error as `cause`), and Node reports a refused connection to a host
 * with several addresses as an AggregateError: both are looked through.
 */
export function databaseUnavailability(error: unknown, depth = 0): DatabaseUnavailability | null {
  if (!error || typeof error !== 'object' || depth > 5) return null
  const { code, message, cause, errors } = error as { code?: unknown; message?: unknown; cause?: unknown; errors?: unknown }
  if (typeof code === 'string') {
    if (SOCKET_CODES.has(code)) return down(code)
    if (/^[0-9A-Z]{5}$/.test(code)) {
      const fromState = classifySqlState(code)
      if (fromState) return fromState
    }
  }
  if (typeof message === 'string' && DOWN_MESSAGES.some((pattern) => pattern.test(message))) return down(message.slice(0, 100))
  if (Array.isArray(errors)) {
    for (const inner of errors) {
      const found = databaseUnavailability(inner, depth + 1)
      if (found) return found
    }
  }
  return databaseUnavailability(cause, depth + 1)
}

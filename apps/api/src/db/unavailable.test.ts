import { describe, expect, it } from 'vitest'
import { databaseUnavailability } from './unavailable'

const withCode = (code: string, message = 'failed') => Object.assign(new Error(message), { code })

describe('databaseUnavailability', () => {
  it('names a server that cannot be reached or hangs up as down', () => {
    for (const code of ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND']) expect(databaseUnavailability(withCode(code))).toEqual({ code: 'system.database_down', retryAfterSeconds: 5, reason: code })
  })

  it('reads SQLSTATEs: shutdown, connection, missing files and exhausted resources are down; lost races are busy', () => {
    for (const state of ['57P01', '57P03', '08006', '08001', '58P01', '58030', '53300', '53100']) expect(databaseUnavailability(withCode(state))?.code).toBe('system.database_down')
    for (const state of ['40001', '40P01', '55P03', '57014']) expect(databaseUnavailability(withCode(state))).toEqual({ code: 'system.database_busy', retryAfterSeconds: 1, reason: state })
  })

  it('leaves the errors that are ours or the client’s alone', () => {
    for (const state of ['23505', '23503', '22P02', '42P01', '42703', '40002']) expect(databaseUnavailability(withCode(state))).toBeNull()
    expect(databaseUnavailability(new TypeError("Cannot read properties of undefined (reading 'id')"))).toBeNull()
    expect(databaseUnavailability(withCode('EPERM'))).toBeNull()
    expect(databaseUnavailability(withCode('FST_ERR_VALIDATION'))).toBeNull()
    expect(databaseUnavailability(undefined)).toBeNull()
    expect(databaseUnavailability('ECONNREFUSED')).toBeNull()
  })

  it('recognises the drivers’ messages that carry no code', () => {
    expect(databaseUnavailability(new Error('Connection terminated unexpectedly'))?.code).toBe('system.database_down')
    expect(databaseUnavailability(new Error('timeout exceeded when trying to connect'))?.code).toBe('system.database_down')
    expect(databaseUnavailability(new Error('PGlite is closed'))?.code).toBe('system.database_down')
  })

  it('looks through drizzle’s wrapper and an AggregateError from a host with several addresses', () => {
    const wrapped = new Error("Failed query: select * from users where email = $1\nparams: someone@example.nl", { cause: withCode('57P01', 'terminating connection due to administrator command') })
    // The reason is the SQLSTATE, never the wrapper's message with the query's values.
    expect(databaseUnavailability(wrapped)).toEqual({ code: 'system.database_down', retryAfterSeconds: 5, reason: '57P01' })
    const refused = new AggregateError([withCode('ECONNREFUSED', 'connect ECONNREFUSED ::1:5432'), withCode('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432')], '')
    expect(databaseUnavailability(new Error('Failed query', { cause: refused }))?.code).toBe('system.database_down')
  })

  it('stops on a cause chain that loops', () => {
    const a: Error & { cause?: unknown } = new Error('a')
    const b = new Error('b', { cause: a })
    a.cause = b
    expect(databaseUnavailability(a)).toBeNull()
  })
})

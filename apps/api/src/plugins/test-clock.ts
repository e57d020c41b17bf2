import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'

/** A server clock that browser tests can move forward, e.g. past a submission deadline. */
export interface SettableClock {
  now: () => Date
  set(at: Date): void
}

export function createSettableClock(): SettableClock {
  let offsetMs = 0
  return {
    now: () => new Date(Date.now() + offsetMs),
    set(at: Date) {
      offsetMs = at.getTime() - Date.now()
    },
  }
}

/**
 * Only registered when TEST_CLOCK=true (never in production): PUT /api/test/clock {"now": ISO date-time}.
 * Outside /api/v1 and hidden from the OpenAPI document, because it is not part of the API.
 */
export const testClockPlugin = fp(
  async (app: FastifyInstance, opts: { clock: SettableClock }) => {
    app.put<{ Body: { now: string } }>(
      '/api/test/clock',
      { schema: { hide: true, body: { type: 'object', required: ['now'], additionalProperties: false, properties: { now: { type: 'string', format: 'date-time' } } } } },
      async (request) => {
        opts.clock.set(new Date(request.body.now))
        return { now: opts.clock.now().toISOString() }
      },
    )
  },
  { name: 'test-clock' },
)

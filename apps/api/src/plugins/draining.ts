import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { applySecurityHeaders } from './security-headers'
import { renderProblem } from './errors'
import { problemType } from '../lib/problem'

declare module 'fastify' {
  interface FastifyInstance {
    /**
     * Graceful shutdown, step one: keep the listener open but answer every new request with 503
     * (Connection: close), and resolve once in-flight requests are done and no new one came for `quietMs`.
     * Closing the listener at once would reset connections still waiting in the kernel's backlog.
     */
    drain(options?: { quietMs?: number; maxMs?: number }): Promise<void>
    isDraining(): boolean
  }
}

export const drainingPlugin = fp(
  async (app: FastifyInstance) => {
    let draining = false
    let lastArrival = 0
    const inFlight = new Set<object>()
    const done = (request: object) => inFlight.delete(request)

    app.addHook('onRequest', async (request, reply) => {
      lastArrival = Date.now()
      if (!draining) {
        inFlight.add(request)
        return
      }
      applySecurityHeaders(reply, request.url)
      reply.header('connection', 'close').header('retry-after', '5')
      return renderProblem(reply, {
        type: problemType('system.shutting_down'),
        title: 'Service unavailable',
        status: 503,
        detail: 'This instance is shutting down. Please retry.',
        code: 'system.shutting_down',
      })
    })
    app.addHook('onResponse', async (request) => void done(request))
    app.addHook('onRequestAbort', async (request) => void done(request))

    app.decorate('isDraining', () => draining)
    app.decorate('drain', async ({ quietMs = 500, maxMs = 25_000 } = {}) => {
      draining = true
      const started = Date.now()
      while (Date.now() - started < maxMs) {
        if (inFlight.size === 0 && Date.now() - lastArrival >= quietMs) return
        await new Promise((resolve) => setTimeout(resolve, 50))
      }
    })
  },
  { name: 'draining', dependencies: ['errors'] },
)

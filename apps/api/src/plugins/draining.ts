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
  }
}

export const drainingPlugin = fp(
  async (app: FastifyInstance) => {
    let draining = false
    let lastArrival = 0
    const inFlight = new Set<object>()
    const done = (request: object) => inFlight.delete(request)

    const turnedAway = new WeakSet<object>()
    // Callback hooks, not async ones: they run on every request, and an async hook costs a promise each.
    app.addHook('onRequest', (request, _reply, next) => {
      lastArrival = Date.now()
      if (draining) turnedAway.add(request)
      else inFlight.add(request)
      next()
    })
    // The 503 goes out only after the body has been read: closing a connection with unread
    // request bytes makes the kernel reset it, and the client would never see the answer.
    app.addHook('preValidation', (request, reply, next) => {
      if (!draining || !turnedAway.has(request)) return next()
      applySecurityHeaders(reply, request.url)
      reply.header('retry-after', '5')
      // Sending from a callback hook ends the request here (Fastify does not call the handler).
      renderProblem(reply, {
        type: problemType('system.shutting_down'),
        title: 'Service unavailable',
        status: 503,
        detail: 'This instance is shutting down. Please retry.',
        code: 'system.shutting_down',
      })
    })
    // While draining, every answer (in-flight ones included) asks the client to close its connection.
    app.addHook('onSend', (_request, reply, payload, next) => {
      if (draining) reply.header('connection', 'close')
      next(null, payload)
    })
    app.addHook('onResponse', (request, _reply, next) => {
      done(request)
      next()
    })
    app.addHook('onRequestAbort', (request, next) => {
      done(request)
      next()
    })

    app.decorate('drain', async ({ quietMs = 500, maxMs = 25_000 } = {}) => {
      draining = true
      const started = Date.now()
      const openConnections = () => new Promise<number>((resolve) => app.server.getConnections((error, n) => resolve(error ? 0 : n)))
      while (Date.now() - started < maxMs) {
        const quietFor = Date.now() - lastArrival
        // Done when nothing is in flight, nothing arrived lately, and clients have hung up — or, for
        // keep-alive connections that stay silent, after a longer quiet spell.
        if (inFlight.size === 0 && quietFor >= quietMs) {
          const open = await openConnections()
          if (open === 0 || quietFor >= quietMs * 4) {
            app.log.info({ openConnections: open, quietForMs: quietFor, drainedInMs: Date.now() - started }, 'drained')
            return
          }
        }
        await new Promise((resolve) => setTimeout(resolve, 50))
      }
    })
  },
  { name: 'draining', dependencies: ['errors'] },
)

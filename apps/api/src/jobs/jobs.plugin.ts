import fp from 'fastify-plugin'
import type { JobQueue } from './queue'

declare module 'fastify' {
  interface FastifyInstance {
    /** The background job queue (pg-boss); started on first use, stopped when the app closes. */
    jobs: JobQueue
  }
}

export const jobsPlugin = fp(
  async (app, opts: { queue: JobQueue }) => {
    app.decorate('jobs', opts.queue)
    app.addHook('onClose', async () => opts.queue.stop())
  },
  { name: 'jobs' },
)

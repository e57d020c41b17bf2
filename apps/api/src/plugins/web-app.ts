import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import fastifyStatic from '@fastify/static'

declare module 'fastify' {
  interface FastifyInstance {
    /** The built web app's index.html, served for client-side routes; null when no build exists. */
    spaIndexHtml: string | null
  }
}

/** Serves the built Vue app beside the API on one port. Hashed assets are cached for a year. */
export const webAppPlugin = fp(
  async (app: FastifyInstance, opts: { distDir?: string }) => {
    const index = opts.distDir ? join(opts.distDir, 'index.html') : null
    if (!opts.distDir || !index || !existsSync(index)) {
      app.decorate('spaIndexHtml', null)
      return
    }
    app.decorate('spaIndexHtml', readFileSync(index, 'utf8'))
    await app.register(fastifyStatic, {
      root: opts.distDir,
      wildcard: false,
      index: false,
      // apps/web's build writes .br/.gz beside each text asset (apps/web/build/precompress.ts).
      preCompressed: true,
      // Off, so that `send` does not overwrite the cache-control set below with its own `max-age=0`.
      cacheControl: false,
      setHeaders: (res, path) => {
        res.setHeader('cache-control', path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache')
      },
    })
  },
  { name: 'web-app' },
)

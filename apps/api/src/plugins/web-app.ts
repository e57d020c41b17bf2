import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { FastifyBaseLogger, FastifyInstance, FastifyReply } from 'fastify'
import fp from 'fastify-plugin'
import fastifyStatic from '@fastify/static'
import { spaCspFor, type SsrManifest } from '../lib/spa-page'
import { WEB_CSP } from './security-headers'

/**
 * The web build's server renderer (apps/web/src/entry-server.ts, built into apps/web/dist-server/): it renders
 * public pages as an anonymous Dutch visitor sees them, from data the API hands it.
 */
export interface SpaRenderer {
  render(url: string, state: Record<string, unknown>): Promise<RenderedPage | null>
  /** The catalogue's API query for its page's URL query, as the browser computes it. */
  catalogueQuery(query: Record<string, unknown>): Record<string, unknown>
}

export interface RenderedPage {
  html: string
  title: string
  /** The source modules of the components rendered (keys of the SSR manifest). */
  modules: string[]
  /** The state it was rendered from, as JSON safe inside a `<script>` element. */
  stateJson: string
}

/** The renderer as the API holds it: with the manifest of the build it belongs to. */
export type LoadedRenderer = SpaRenderer & { manifest: SsrManifest }

declare module 'fastify' {
  interface FastifyInstance {
    /** The built web app's index.html, served for client-side routes; null when no build exists. */
    spaIndexHtml: string | null
    /** The page CSP for index.html: WEB_CSP, plus the hashes of index.html's own inline scripts. */
    spaCsp: string
    /** The web build's server renderer and manifest; null without them (the pages are then rendered in the browser only). */
    spaRenderer: LoadedRenderer | null
  }
}

/** Sends a page of the web app: index.html, or index.html with a server-rendered page in it. */
export function sendSpaPage(reply: FastifyReply, html: string) {
  return reply.status(200).type('text/html; charset=utf-8').header('cache-control', 'no-cache').header('content-security-policy', reply.server.spaCsp).send(html)
}

async function loadRenderer(entry: string, manifestFile: string, log: FastifyBaseLogger): Promise<LoadedRenderer | null> {
  if (!existsSync(entry)) return null
  try {
    const module = (await import(pathToFileURL(entry).href)) as Partial<SpaRenderer>
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as SsrManifest
    if (typeof module.render === 'function' && typeof module.catalogueQuery === 'function') return { render: module.render, catalogueQuery: module.catalogueQuery, manifest }
    log.warn({ entry }, 'the web server renderer lacks render/catalogueQuery; pages are rendered in the browser only')
  } catch (err) {
    log.warn({ err, entry }, 'the web server renderer could not be loaded; pages are rendered in the browser only')
  }
  return null
}

/**
 * Serves the built Vue app beside the API on one port. Hashed assets are cached for a year. `ssrEntry`: the
 * server renderer, by default dist-server/entry-server.js beside the dist folder (apps/web's `pnpm build`).
 */
export const webAppPlugin = fp(
  async (app: FastifyInstance, opts: { distDir?: string; ssrEntry?: string }) => {
    const index = opts.distDir ? join(opts.distDir, 'index.html') : null
    if (!opts.distDir || !index || !existsSync(index)) {
      app.decorate('spaIndexHtml', null)
      app.decorate('spaCsp', WEB_CSP)
      app.decorate('spaRenderer', null)
      return
    }
    const indexHtml = readFileSync(index, 'utf8')
    app.decorate('spaIndexHtml', indexHtml)
    app.decorate('spaCsp', spaCspFor(indexHtml))
    const entry = opts.ssrEntry ?? join(opts.distDir, '..', 'dist-server', 'entry-server.js')
    app.decorate('spaRenderer', await loadRenderer(entry, join(opts.distDir, '.vite', 'ssr-manifest.json'), app.log))
    await app.register(fastifyStatic, {
      root: opts.distDir,
      wildcard: false,
      index: false,
      // The SSR manifest is for the server (dist/.vite/): not served.
      allowedPath: (pathName) => !pathName.startsWith('/.vite/'),
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

import { createHash } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { FastifyBaseLogger, FastifyInstance, FastifyReply } from 'fastify'
import fp from 'fastify-plugin'
import fastifyStatic from '@fastify/static'
import { escapeHtml } from '../lib/escape-html'
import { WEB_CSP } from './security-headers'

/**
 * The web build's server renderer (apps/web/src/entry-server.ts, built into apps/web/dist-server/): it renders
 * public pages as an anonymous Dutch visitor sees them, from data the API hands it.
 */
export interface SpaRenderer {
  render(url: string, state: Record<string, unknown>): Promise<RenderedPage | null>
  /** The catalogue's API query for its page's URL query, as the browser computes it. */
  catalogueQuery(query: Record<string, unknown>): Record<string, unknown>
  serializeServerState(state: Record<string, unknown>): string
}

export interface RenderedPage {
  html: string
  title: string
  /** The source modules of the components rendered (keys of the SSR manifest). */
  modules: string[]
}

/** The client build's dist/.vite/ssr-manifest.json: the built files (JS and CSS) of each source module. */
export type SsrManifest = Record<string, string[]>

declare module 'fastify' {
  interface FastifyInstance {
    /** The built web app's index.html, served for client-side routes; null when no build exists. */
    spaIndexHtml: string | null
    /** The page CSP for index.html: WEB_CSP, plus the hashes of index.html's own inline scripts. */
    spaCsp: string
    /** The web build's server renderer and manifest; null without them (the pages are then rendered in the browser only). */
    spaRenderer: (SpaRenderer & { manifest: SsrManifest }) | null
  }
}

/** `'sha256-…'` of each inline (not `src`) classic script of a page, for its CSP. */
export function inlineScriptHashes(html: string): string[] {
  return [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => `'sha256-${createHash('sha256').update(m[1]!).digest('base64')}'`)
}

export const spaCspFor = (html: string) => {
  const hashes = inlineScriptHashes(html)
  return hashes.length === 0 ? WEB_CSP : WEB_CSP.replace("script-src 'self'", `script-src 'self' ${hashes.join(' ')}`)
}

/** Sends a page of the web app: index.html, or index.html with a server-rendered page in it. */
export function sendSpaPage(reply: FastifyReply, html: string) {
  return reply.status(200).type('text/html; charset=utf-8').header('cache-control', 'no-cache').header('content-security-policy', reply.server.spaCsp).send(html)
}

/**
 * The `<link>`s a server-rendered page needs beyond index.html's: the stylesheets of the components it rendered
 * (in the browser they come with the page's lazily loaded code, too late for the first paint) and their code,
 * preloaded for hydration. In the order the components rendered; files index.html names already are left out.
 */
export function pageAssetLinks(manifest: SsrManifest, modules: string[], indexHtml: string): string[] {
  const files = new Set(modules.flatMap((id) => manifest[id] ?? []))
  return [...files]
    .filter((file) => !indexHtml.includes(`"${file}"`))
    .flatMap((file) => (file.endsWith('.css') ? [`<link rel="stylesheet" crossorigin href="${escapeHtml(file)}">`] : file.endsWith('.js') ? [`<link rel="modulepreload" crossorigin href="${escapeHtml(file)}">`] : []))
}

/**
 * index.html with a server-rendered page in `#app`, the data it was rendered from beside it (for hydration,
 * `readServerState` in apps/web), its title and its assets' links. The "needs JavaScript" notice goes: the page
 * reads without it.
 */
export function withServerRender(indexHtml: string, page: { html: string; title: string; stateJson: string; links: string[] }): string {
  // Replacer functions: the page's text may hold `$&` and the like, which a replacement string would expand.
  return indexHtml
    .replace('<div id="app"></div>', () => `<div id="app">${page.html}</div>\n    <script type="application/json" id="opgave-state">${page.stateJson}</script>`)
    .replace(/<title>[^<]*<\/title>/, () => `<title>${escapeHtml(page.title)}</title>`)
    .replace(/\n( *)<\/head>/, (_, indent: string) => `\n${page.links.map((link) => `${indent}  ${link}\n`).join('')}${indent}</head>`)
    .replace(/\s*<noscript>[\s\S]*?<\/noscript>/, '')
}

async function loadRenderer(entry: string, manifestFile: string, log: FastifyBaseLogger): Promise<(SpaRenderer & { manifest: SsrManifest }) | null> {
  if (!existsSync(entry)) return null
  try {
    const module = (await import(pathToFileURL(entry).href)) as Partial<SpaRenderer>
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as SsrManifest
    if (typeof module.render === 'function' && typeof module.catalogueQuery === 'function' && typeof module.serializeServerState === 'function') {
      return { render: module.render, catalogueQuery: module.catalogueQuery, serializeServerState: module.serializeServerState, manifest }
    }
    log.warn({ entry }, 'the web server renderer lacks render/catalogueQuery/serializeServerState; pages are rendered in the browser only')
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

// The pages of the web app as the API sends them: index.html, its CSP, and a server-rendered page put into it.
import { createHash } from 'node:crypto'
import { WEB_CSP } from '../plugins/security-headers'
import { escapeHtml } from './escape-html'

/** The client build's dist/.vite/ssr-manifest.json: the built files (JS and CSS) of each source module. */
export type SsrManifest = Record<string, string[]>

/** `'sha256-…'` of each inline (not `src`) classic script of a page, for its CSP. */
export function inlineScriptHashes(html: string): string[] {
  return [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => `'sha256-${createHash('sha256').update(m[1]!).digest('base64')}'`)
}

export const spaCspFor = (html: string) => {
  const hashes = inlineScriptHashes(html)
  return hashes.length === 0 ? WEB_CSP : WEB_CSP.replace("script-src 'self'", `script-src 'self' ${hashes.join(' ')}`)
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
export function withServerRender(indexHtml: string, page: { html: string; title: string; stateJson: string; links: readonly string[] }): string {
  // Replacer functions: the page's text may hold `$&` and the like, which a replacement string would expand.
  return indexHtml
    .replace('<div id="app"></div>', () => `<div id="app">${page.html}</div>\n    <script type="application/json" id="opgave-state">${page.stateJson}</script>`)
    .replace(/<title>[^<]*<\/title>/, () => `<title>${escapeHtml(page.title)}</title>`)
    .replace(/\n( *)<\/head>/, (_, indent: string) => `\n${page.links.map((link) => `${indent}  ${link}\n`).join('')}${indent}</head>`)
    .replace(/\s*<noscript>[\s\S]*?<\/noscript>/, '')
}

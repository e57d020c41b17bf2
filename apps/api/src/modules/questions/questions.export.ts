import { createHash } from 'node:crypto'
import type { NotaVersion } from '@opgave/contracts'
import { toNotaCsv } from '@opgave/domain'
import { dutchDateTime } from '../../lib/dutch-format'
import { escapeHtml } from '../../lib/escape-html'

export const notaFileName = (nota: NotaVersion, ext: 'csv' | 'html') => `nota-van-inlichtingen-v${nota.version}.${ext}`

export function notaCsv(nota: NotaVersion): string {
  return toNotaCsv(nota.items.map((i) => ({ number: i.number, question: i.question, answer: i.answer, publishedAt: new Date(i.publishedAt), notaVersion: i.notaVersion })))
}

/** The page's only style; its hash goes into the Content-Security-Policy so no other inline style or script can run. */
export const NOTA_STYLE = `body { font-family: system-ui, sans-serif; max-width: 48rem; margin: 2rem auto; padding: 0 1rem; color: #1a1a1a; line-height: 1.5; }
h1 { font-size: 1.6rem; } h2 { font-size: 1.2rem; margin-bottom: .25rem; } h3 { font-size: 1rem; margin: .5rem 0 0; }
article { border-top: 1px solid #999; padding: .5rem 0 1rem; break-inside: avoid; }
.q, .a { white-space: pre-wrap; margin: .25rem 0; } .meta { color: #4a4a4a; font-size: .875rem; }
@media print { body { margin: 0; max-width: none; } a { color: inherit; } }
`
export const NOTA_CSP = `default-src 'none'; style-src 'sha256-${createHash('sha256').update(NOTA_STYLE).digest('base64')}'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'`

/**
 * A self-contained, printable page (Dutch, the language of the procurement). Every text is escaped:
 * questions come from the public. The API's Content-Security-Policy forbids scripts; only inline style is used.
 */
export function notaHtml(nota: NotaVersion): string {
  const items = nota.items
    .map(
      (i) => `<article>
  <h2>Vraag ${i.number}</h2>
  <p class="q">${escapeHtml(i.question)}</p>
  <h3>Antwoord</h3>
  <p class="a">${escapeHtml(i.answer)}</p>
  <p class="meta">Gepubliceerd ${escapeHtml(dutchDateTime(i.publishedAt))} (versie ${i.notaVersion})</p>
</article>`,
    )
    .join('\n')
  return `<!doctype html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Nota van inlichtingen versie ${nota.version} – ${escapeHtml(nota.challengeTitle)}</title>
<style>${NOTA_STYLE}</style>
</head>
<body>
<main>
<h1>Nota van inlichtingen – versie ${nota.version}</h1>
<p><strong>${escapeHtml(nota.challengeTitle)}</strong><br>${escapeHtml(nota.municipalityName)}<br>Gepubliceerd ${escapeHtml(dutchDateTime(nota.publishedAt))}</p>
<p>Deze nota bevat alle vragen en antwoorden die tot en met deze versie zijn gepubliceerd. Vragenstellers zijn geanonimiseerd; elke inschrijver krijgt dezelfde informatie.</p>
${items || '<p>Nog geen vragen gepubliceerd.</p>'}
</main>
</body>
</html>
`
}

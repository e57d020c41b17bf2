export interface NotaCsvRow {
  readonly number: number
  readonly question: string
  readonly answer: string
  readonly publishedAt: Date
  readonly notaVersion: number
}

export interface NotaCsvLabels {
  readonly number: string
  readonly question: string
  readonly answer: string
  readonly publishedAt: string
  readonly notaVersion: string
}

export const notaCsvLabelsNl: NotaCsvLabels = { number: 'Nummer', question: 'Vraag', answer: 'Antwoord', publishedAt: 'Gepubliceerd op', notaVersion: 'Versie nota' }

/** Excel only reads UTF-8 (accents in "coöperatie", "één") when the file starts with a byte-order mark. */
export const UTF8_BOM = '\uFEFF'

/**
 * One CSV cell. Quoted when needed (RFC 4180). A cell that a spreadsheet would read as a formula
 * (=, +, -, @, tab, CR) gets a leading apostrophe: question texts come from the public and must
 * never run as formulas on a civil servant's computer (CSV injection).
 */
export function csvCell(value: string | number): string {
  let text = String(value)
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`
  return /[",;\r\n]/.test(text) || text !== text.trim() ? `"${text.replaceAll('"', '""')}"` : text
}

/** The nota as CSV: BOM, a header row, CRLF line ends, one row per published question in number order. */
export function toNotaCsv(rows: readonly NotaCsvRow[], labels: NotaCsvLabels = notaCsvLabelsNl): string {
  const header = [labels.number, labels.question, labels.answer, labels.publishedAt, labels.notaVersion].map(csvCell).join(',')
  const body = [...rows]
    .sort((a, b) => a.number - b.number)
    .map((r) => [r.number, r.question, r.answer, r.publishedAt.toISOString(), r.notaVersion].map(csvCell).join(','))
  return UTF8_BOM + [header, ...body].join('\r\n') + '\r\n'
}

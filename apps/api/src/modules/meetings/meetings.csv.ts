import { csvCell, UTF8_BOM } from '@opgave/domain'
import type { Registration } from './meetings.schemas'

/** The registrations as CSV for the organisers (UTF-8 with BOM so Excel reads it; formula-like cells neutralised). */
export function registrationsToCsv(items: readonly Registration[]): string {
  const header = ['Naam', 'Onderneming', 'Opmerking', 'Aangemeld op']
  const rows = items.map((r) => [r.name, r.enterprise?.name ?? '', r.note, r.registeredAt])
  return UTF8_BOM + [header, ...rows].map((row) => row.map((cell) => csvCell(cell)).join(',')).join('\r\n') + '\r\n'
}

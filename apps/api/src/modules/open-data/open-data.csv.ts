import { csvCell, UTF8_BOM } from '@opgave/domain'

type Cell = string | number | boolean | null | readonly (string | number)[]

/** Rows as CSV under their (stable, English) field names; lists joined with ";". */
export function toCsv<T extends Record<string, Cell>>(fields: readonly (keyof T & string)[], rows: readonly T[]): string {
  const cell = (value: Cell) => (value === null ? '' : Array.isArray(value) ? csvCell(value.join(';')) : csvCell(typeof value === 'boolean' ? String(value) : (value as string | number)))
  return UTF8_BOM + [fields.join(','), ...rows.map((r) => fields.map((f) => cell(r[f] as Cell)).join(','))].join('\r\n') + '\r\n'
}

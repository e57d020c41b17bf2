import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { BENCH_DIR } from './lib'

/** One line of the table. `met` is null where there is no goal to meet or nothing to compare yet. */
export interface Row {
  id: string
  name: string
  figure: string
  baseline: string
  ratio: string
  goal: string
  met: boolean | null
  note?: string
  /** The raw numbers behind the strings, for results.json. */
  data?: Record<string, unknown>
}

export const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : 'n/a')
export const ratio = (a: number, b: number) => (Number.isFinite(a) && Number.isFinite(b) && b > 0 ? `${(a / b).toFixed(2)}×` : 'n/a')

export function printTable(rows: readonly Row[]) {
  const head = ['#', 'benchmark', 'figure', 'baseline', 'ratio', 'goal', 'met?']
  const body = rows.map((r) => [r.id, r.name, r.figure, r.baseline, r.ratio, r.goal, r.met === null ? '–' : r.met ? 'yes' : 'NO'])
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)))
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')
  console.log(line(head))
  console.log(widths.map((w) => '-'.repeat(w)).join('-|-'))
  for (const b of body) console.log(line(b))
  const notes = rows.filter((r) => r.note)
  if (notes.length) {
    console.log('\nnotes:')
    for (const r of notes) console.log(`  ${r.id} ${r.name}: ${r.note}`)
  }
}

export function writeResults(rows: readonly Row[], context: Record<string, unknown>, file = join(BENCH_DIR, 'results.json')) {
  writeFileSync(file, `${JSON.stringify({ ...context, rows }, null, 2)}\n`)
  return file
}

import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestContext } from '../test-app'
import { MATRIX } from './authorization-matrix'
import { documentedOperations, operationKey, OUTCOMES, runRow, type CellResult, type Row } from './matrix-runner'
import { buildWorld, IDENTITIES, IDENTITY_LABELS, type World } from './world'

/**
 * Every operation of the OpenAPI document × twelve identities, each cell with its expected outcome
 * (authorization-matrix.ts). Reading operations share one world; every changing operation gets a
 * world of its own, so no cell depends on what another cell did.
 */
describe('authorization matrix', () => {
  let ctx: TestContext
  let dataDir: string
  let shared: World
  const results: CellResult[] = []

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'opgave-matrix-'))
    ctx = await createTestApp({ dataDir })
    shared = await buildWorld(ctx, { dataDir })
  }, 120_000)
  afterAll(async () => {
    await ctx?.close()
    if (dataDir) await rm(dataDir, { recursive: true, force: true })
  })

  it('has exactly one row for every operation in the OpenAPI document', () => {
    const documented = documentedOperations(ctx).map((o) => operationKey(o.method, o.path))
    const rows = MATRIX.map((r) => operationKey(r.method, r.path))
    const missing = documented.filter((k) => !rows.includes(k))
    const stale = rows.filter((k) => !documented.includes(k))
    const keys = MATRIX.map((r) => `${operationKey(r.method, r.path)}${r.variant ? ` (${r.variant})` : ''}`)
    const duplicated = keys.filter((k, i) => keys.indexOf(k) !== i)
    expect(missing, `operations without a row in test/security/authorization-matrix.ts — add one line each:\n  ${missing.join('\n  ')}`).toEqual([])
    expect(stale, 'rows for operations the API no longer has').toEqual([])
    expect(duplicated, 'operations with more than one row').toEqual([])
  })

  it('answers every cell as the matrix says', async () => {
    const documented = new Set(documentedOperations(ctx).map((o) => operationKey(o.method, o.path)))
    // MATRIX_ONLY=<text> runs only the rows whose path contains it (while writing a row); CI runs them all.
    const only = process.env.MATRIX_ONLY
    const rows = MATRIX.filter((r) => documented.has(operationKey(r.method, r.path)) && (!only || r.path.includes(only)))
    const isReadOnly = (r: Row) => r.method === 'GET' && !r.prepare
    for (const r of rows) {
      const world = isReadOnly(r) ? shared : await buildWorld(ctx, { dataDir })
      results.push(...(await runRow(ctx, world, r)))
    }

    if (process.env.MATRIX_OBSERVE) printObserved(rows, results)
    const wrong = results.filter((c) => c.observed !== c.expected)
    const explain = wrong.map((c) => `${c.row.method} ${c.row.path}${c.row.variant ? ` (${c.row.variant})` : ''} as ${c.who} (${IDENTITY_LABELS[c.who]}): expected ${c.expected}, got ${c.status} ${c.detail}`)
    expect(explain).toEqual([])
    const operations = new Set(rows.map((r) => operationKey(r.method, r.path))).size

    const byOutcome = OUTCOMES.map((o) => `${o === 'ok' ? 'allowed' : o} ${results.filter((c) => c.observed === o).length}`).join(', ')
    console.log(`authorization matrix: ${operations} operations (${rows.length} rows with variants) × ${IDENTITIES.length} identities = ${results.length} cells checked, ${wrong.length} wrong — ${byOutcome}`)
    expect(results.length).toBe(rows.length * IDENTITIES.length)
    if (!only) expect(operations).toBe(documented.size)
  }, 300_000)
})

/** MATRIX_OBSERVE=1 prints what the API answered in matrix notation: a starting point for a new row, never a substitute for reading the policy. */
function printObserved(rows: Row[], results: CellResult[]) {
  const lines = rows.map((r) => {
    const cells = IDENTITIES.map((who) => results.find((c) => c.row === r && c.who === who)!)
    const text = cells.map((c) => (c.observed.length === 2 ? 'ok ' : c.observed)).join(' ')
    const notes = cells.filter((c) => !(OUTCOMES as readonly string[]).includes(c.observed)).map((c) => `${c.who}:${c.detail}`)
    return `${`${r.method.padEnd(6)} ${r.path}`.padEnd(72)} ${text}${notes.length ? `   !! ${notes.join(' | ').slice(0, 400)}` : ''}`
  })
  console.log(`observed:\n${lines.join('\n')}`)
}

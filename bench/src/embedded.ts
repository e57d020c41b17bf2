/**
 * 7. Embedded default: the catalogue query (listPublicChallenges, limit 20, sdg 3) called directly on
 * PGlite and on PostgreSQL, one call after another, latency p50/p99. Both databases hold the same
 * seeded data; with no DATABASE_URL there is no PostgreSQL side.
 */
import { listPublicChallenges, type DatabaseHandle } from './api'
import { percentile } from './lib'
import { fmt, ratio, type Row } from './results'

async function latencies(handle: DatabaseHandle, calls: number) {
  const now = new Date()
  for (let i = 0; i < 20; i++) await listPublicChallenges(handle.db, { limit: 20, sdg: 3 }, now)
  const times: number[] = []
  for (let i = 0; i < calls; i++) {
    const started = performance.now()
    await listPublicChallenges(handle.db, { limit: 20, sdg: 3 }, now)
    times.push(performance.now() - started)
  }
  times.sort((a, b) => a - b)
  return { p50: percentile(times, 50), p99: percentile(times, 99) }
}

export async function benchEmbedded({ pglite, postgres, calls }: { pglite: DatabaseHandle; postgres: DatabaseHandle | null; calls: number }): Promise<Row[]> {
  const lite = await latencies(pglite, calls)
  const pg = postgres ? await latencies(postgres, calls) : null
  const na = 'n/a (no DATABASE_URL)'
  return [
    {
      id: '7a',
      name: 'catalogue query p50, PGlite vs PostgreSQL',
      figure: `${fmt(lite.p50, 2)} ms`,
      baseline: pg ? `${fmt(pg.p50, 2)} ms` : na,
      ratio: pg ? ratio(lite.p50, pg.p50) : 'n/a',
      goal: '≤ 3×',
      met: pg ? lite.p50 / pg.p50 <= 3 : null,
      note: `${calls} sequential calls each`,
      data: { pglite: lite, postgres: pg },
    },
    {
      id: '7b',
      name: 'catalogue query p99, PGlite vs PostgreSQL',
      figure: `${fmt(lite.p99, 2)} ms`,
      baseline: pg ? `${fmt(pg.p99, 2)} ms` : na,
      ratio: pg ? ratio(lite.p99, pg.p99) : 'n/a',
      goal: '≤ 3×',
      met: pg ? lite.p99 / pg.p99 <= 3 : null,
    },
  ]
}

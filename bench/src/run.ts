/**
 * pnpm bench [--quick] [--only 1,3,4,6,7] [--no-lp] [--no-lighthouse] [--lighthouse-runs N] [--seconds N] [--rounds R] [data flags of bench:data]
 * Prints the table and writes bench/results.json. Figures are printed, never asserted.
 * Data: generated first when the database does not hold data of the wanted sizes (PGlite in
 * bench/.data/<quick|full>, or PostgreSQL at DATABASE_URL, and then PGlite too for benchmark 7).
 */
import { cpus, loadavg } from 'node:os'
import { benchAssignment } from './assignment'
import type { DatabaseHandle } from './api'
import { benchEmbedded } from './embedded'
import { dataOptions, generateData, sameSizes, type GenerateOptions } from './generate-data'
import { benchHttpOverhead } from './http-overhead'
import { benchJuryLoad } from './jury-load'
import { benchHydration } from './hydration'
import { benchLighthouse } from './lighthouse'
import { chooseDriver, intArg, openDatabase, parseArgs, pgliteDir, readMeta, type DriverChoice } from './lib'
import { benchRanking } from './ranking'
import { benchRankingTable } from './ranking-table'
import { printTable, writeResults, type Row } from './results'
import { benchWeb } from './web'

const args = parseArgs(process.argv.slice(2))
const quick = args.quick === true
const profile = quick ? 'quick' : 'full'
const options = dataOptions(args, quick)
const only = typeof args.only === 'string' ? new Set(args.only.split(',')) : null
const wants = (id: string) => only === null || only.has(id)
const seconds = intArg(args, 'seconds', quick ? 3 : 5)
const rounds = intArg(args, 'rounds', quick ? 1 : 3)
const log = (line: string) => console.error(`[bench] ${line}`)

async function ensureData(choice: DriverChoice, sizes: GenerateOptions): Promise<DatabaseHandle> {
  const handle = await openDatabase(choice)
  if (!sameSizes(await readMeta(handle), sizes)) {
    log(`generating data in ${choice.kind === 'pg' ? 'PostgreSQL' : choice.dataDir}: ${JSON.stringify(sizes)}`)
    await generateData(handle, sizes, log)
  } else {
    await handle.migrate()
  }
  return handle
}

const main = chooseDriver(profile)
const rows: Row[] = []
const startedAt = new Date()
const loadAverageAtStart = loadavg()
log(`${quick ? 'quick' : 'full'} run on ${main.kind === 'pg' ? 'PostgreSQL' : 'PGlite'}; sizes ${JSON.stringify(options)}`)

{
  // 6b's Lighthouse loads the catalogue, which reads the generated challenges.
  const needsDb = wants('3') || wants('7') || wants('1') || wants('2') || wants('5') || (wants('6') && args['no-lighthouse'] !== true)
  const mainHandle = needsDb ? await ensureData(main, options) : null
  const liteHandle = needsDb && main.kind === 'pg' && wants('7') ? await ensureData({ kind: 'pglite', dataDir: pgliteDir(profile) }, options) : null
  try {
    if (wants('3')) {
      log('3 ranking')
      rows.push(...(await benchRanking(mainHandle!)))
    }
    if (wants('7')) {
      log('7 embedded vs PostgreSQL')
      const pglite = main.kind === 'pg' ? liteHandle! : mainHandle!
      rows.push(...(await benchEmbedded({ pglite, postgres: main.kind === 'pg' ? mainHandle : null, calls: quick ? 200 : 1000 })))
    }
  } finally {
    // PGlite allows one process: close before the app server opens the same folder.
    await liteHandle?.close()
    await mainHandle?.close()
  }
}
if (wants('1')) {
  log(`1 API overhead (${rounds} round(s) of ${seconds} s per side)`)
  rows.push(...(await benchHttpOverhead({ choice: main, seconds, rounds })))
}
if (wants('2') || wants('5')) {
  log('2 scoring under load, 5 scores export (through the API)')
  rows.push(...(await benchJuryLoad({ choice: main, seconds: Math.max(9, seconds * 3), only: wants, sequential: quick ? 30 : 100 })))
}
if (wants('4')) {
  log('4 assignment')
  rows.push(...(await benchAssignment({ scale: quick ? [1000, 200] : [5000, 500], lpScale: [1000, 200], seed: options.seed, withLp: args['no-lp'] !== true })))
}
if (wants('6')) {
  log('6 web')
  rows.push(...(await benchWeb()))
  log('6c ranking table in Chromium')
  try {
    rows.push(...(await benchRankingTable()))
  } catch (error) {
    rows.push({ id: '6c', name: 'ranking table of 5,000 rows', figure: 'failed', baseline: '–', ratio: '–', goal: 'render ≤ 1 s, interaction ≤ 200 ms', met: null, note: String(error).slice(0, 300) })
  }
  log('6d hydration of the server-rendered catalogue')
  try {
    rows.push(...(await benchHydration({ choice: main, loads: quick ? 3 : 7 })))
  } catch (error) {
    rows.push({ id: '6d', name: 'catalogue: hydration at the first interaction', figure: 'failed', baseline: '–', ratio: '–', goal: '(report)', met: null, note: String(error).slice(0, 300) })
  }
  if (args['no-lighthouse'] !== true) {
    log('6b Lighthouse')
    try {
      rows.push(...(await benchLighthouse({ choice: main, runs: intArg(args, 'lighthouse-runs', quick ? 1 : 5) })))
    } catch (error) {
      // A browser that will not start must not cost the other figures.
      rows.push({ id: '6b', name: 'Lighthouse on the built app', figure: 'failed', baseline: '–', ratio: '–', goal: 'perf ≥ 90, LCP ≤ 2.5 s, CLS ≤ 0.1, TBT ≤ 200 ms', met: null, note: String(error).slice(0, 300) })
    }
  }
}
rows.sort((a, b) => a.id.localeCompare(b.id, 'en', { numeric: true }))

console.log()
printTable(rows)
const file = writeResults(rows, {
  startedAt: startedAt.toISOString(),
  finishedAt: new Date().toISOString(),
  profile,
  database: main.kind,
  sizes: options,
  loadSeconds: seconds,
  loadRounds: rounds,
  loadAverageAtStart,
  loadAverageAtEnd: loadavg(),
  machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model, node: process.version },
})
console.log(`\nwritten to ${file}`)

/**
 * Autovacuum for the embedded database. PostgreSQL's autovacuum removes dead row versions (every update
 * and delete leaves one: a juror's autosave, a finished pg-boss job) and refreshes the planner's
 * statistics as tables change. PGlite runs no autovacuum, so a long-running embedded instance grows on
 * disk with dead rows and plans with the statistics of its last start. This module does the same work on
 * the same rules: `planMaintenance` decides from the cumulative statistics which tables need it, with
 * PostgreSQL's default thresholds; `maintainTables` reads the statistics and runs the statements.
 */

/** What the cumulative statistics say about one table since its last vacuum and analyze. */
export interface TableActivity {
  schema: string
  table: string
  /** The planner's row estimate; -1 when never analysed (counted as 0, as autovacuum does). */
  estimatedRows: number
  deadRows: number
  modifiedSinceAnalyze: number
  insertedSinceVacuum: number
}

export interface MaintenanceThresholds {
  vacuumThreshold: number
  vacuumScaleFactor: number
  insertThreshold: number
  insertScaleFactor: number
  analyzeThreshold: number
  analyzeScaleFactor: number
}

/** PostgreSQL's defaults (autovacuum_vacuum_threshold, _scale_factor, _insert_…, autovacuum_analyze_…). */
export const AUTOVACUUM_DEFAULTS: MaintenanceThresholds = {
  vacuumThreshold: 50,
  vacuumScaleFactor: 0.2,
  insertThreshold: 1000,
  insertScaleFactor: 0.2,
  analyzeThreshold: 50,
  analyzeScaleFactor: 0.1,
}

export interface TableMaintenance {
  schema: string
  table: string
  vacuum: boolean
  analyze: boolean
}

/**
 * The tables that need a vacuum, an analyze or both, by autovacuum's rules: a vacuum once dead rows
 * (or, since PostgreSQL 13, inserted rows, which the visibility map must learn about) pass the threshold
 * plus a fraction of the table; an analyze once changed rows pass theirs.
 */
export function planMaintenance(tables: readonly TableActivity[], limits: MaintenanceThresholds = AUTOVACUUM_DEFAULTS): TableMaintenance[] {
  const plan: TableMaintenance[] = []
  for (const t of tables) {
    const rows = Math.max(0, t.estimatedRows)
    const vacuum = t.deadRows > limits.vacuumThreshold + limits.vacuumScaleFactor * rows || t.insertedSinceVacuum > limits.insertThreshold + limits.insertScaleFactor * rows
    const analyze = t.modifiedSinceAnalyze > limits.analyzeThreshold + limits.analyzeScaleFactor * rows
    if (vacuum || analyze) plan.push({ schema: t.schema, table: t.table, vacuum, analyze })
  }
  return plan
}

const quoteIdentifier = (name: string) => `"${name.replaceAll('"', '""')}"`

/** The one statement for a table: VACUUM (ANALYZE), VACUUM or ANALYZE. */
export function maintenanceStatement({ schema, table, vacuum, analyze }: TableMaintenance): string {
  const name = `${quoteIdentifier(schema)}.${quoteIdentifier(table)}`
  if (vacuum && analyze) return `VACUUM (ANALYZE) ${name}`
  return `${vacuum ? 'VACUUM' : 'ANALYZE'} ${name}`
}

/** What one pass did: the tables vacuumed and analysed ("schema.table") and how long it took. */
export interface MaintenanceReport {
  vacuumed: string[]
  analyzed: string[]
  ms: number
}

/** The part of a PGlite client maintenance needs (VACUUM cannot run inside a transaction: `exec` at top level). */
export interface MaintenanceClient {
  query<T>(text: string): Promise<{ rows: T[] }>
  exec(text: string): Promise<unknown>
}

const ACTIVITY_SQL = `SELECT s.schemaname AS schema, s.relname AS "table", c.reltuples::float8 AS "estimatedRows",
  s.n_dead_tup::float8 AS "deadRows", s.n_mod_since_analyze::float8 AS "modifiedSinceAnalyze", s.n_ins_since_vacuum::float8 AS "insertedSinceVacuum"
  FROM pg_stat_user_tables s JOIN pg_class c ON c.oid = s.relid ORDER BY s.schemaname, s.relname`

/**
 * One maintenance pass. The backend reports its statistics at most once a second; the flush is forced
 * first so that the counts include the writes just made. Each table's statement runs on its own, so the
 * requests waiting for the database wait one table's work at a time, not the whole pass.
 */
export async function maintainTables(client: MaintenanceClient, clock: () => number = performance.now.bind(performance)): Promise<MaintenanceReport> {
  const started = clock()
  await client.query('SELECT pg_stat_force_next_flush()')
  const { rows } = await client.query<TableActivity>(ACTIVITY_SQL)
  const report: MaintenanceReport = { vacuumed: [], analyzed: [], ms: 0 }
  for (const step of planMaintenance(rows)) {
    await client.exec(maintenanceStatement(step))
    if (step.vacuum) report.vacuumed.push(`${step.schema}.${step.table}`)
    if (step.analyze) report.analyzed.push(`${step.schema}.${step.table}`)
  }
  report.ms = Math.round(clock() - started)
  return report
}

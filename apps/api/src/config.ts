import { randomBytes } from 'node:crypto'
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { Type, type Static } from '@sinclair/typebox'
import { Value } from '@sinclair/typebox/value'

/** The one description of configuration: environment variable → field, with defaults. */
export const ConfigSchema = Type.Object({
  port: Type.Integer({ minimum: 0, maximum: 65535, default: 3000 }),
  host: Type.String({ default: '0.0.0.0' }),
  databaseUrl: Type.Optional(Type.String({ minLength: 1 })),
  dataDir: Type.String({ default: './data' }),
  publicUrl: Type.String({ default: 'http://localhost:3000' }),
  jwtSecret: Type.String({ minLength: 32 }),
  smtpUrl: Type.Optional(Type.String()),
  mailFrom: Type.String({ default: 'Opgave <no-reply@opgave.localhost>' }),
  corsOrigins: Type.Array(Type.String(), { default: [] }),
  seedDemo: Type.Boolean({ default: true }),
  webDistDir: Type.Optional(Type.String()),
  logLevel: Type.Union(
    [Type.Literal('fatal'), Type.Literal('error'), Type.Literal('warn'), Type.Literal('info'), Type.Literal('debug'), Type.Literal('silent')],
    { default: 'info' },
  ),
  rateLimitPerMinute: Type.Integer({ minimum: 1, default: 600 }),
  /** Per IP, for registration, login and refresh (on top of the per-account login throttle). */
  authRateLimitPerMinute: Type.Integer({ minimum: 1, default: 30 }),
  trustProxy: Type.Boolean({ default: false }),
  /** Bearer token for Prometheus at /metrics; unset → no metrics endpoint. */
  metricsToken: Type.Optional(Type.String({ minLength: 16 })),
  /** Browser tests only: lets PUT /api/test/clock move the server clock. Never enable in production. */
  testClock: Type.Boolean({ default: false }),
  /** Set → rate limits are counted in Redis, shared by every instance; unset → in this process (one instance). */
  redisUrl: Type.Optional(Type.String({ minLength: 1 })),
  /**
   * With Redis: how often each instance adds the requests it counted to the shared global per-IP count (ms).
   * 0 → one Redis call per request and an exact shared count; the per-route limits are always exact.
   */
  rateLimitSyncMs: Type.Integer({ minimum: 0, maximum: 10_000, default: 100 }),
  /** false on app instances when a one-shot `migrate` step runs the migrations before them. */
  migrateOnStart: Type.Boolean({ default: true }),
  /** false → this instance serves requests only and runs no background jobs. */
  runJobs: Type.Boolean({ default: true }),
  /** How often the periodic jobs (closing challenges, deadline reminders) are offered, in seconds. */
  jobTickSeconds: Type.Integer({ minimum: 1, maximum: 3600, default: 30 }),
  /**
   * Social business case on the impact dashboard: the yearly Participatiewet benefit saved per person
   * placed in a job. Default: the net bijstandsnorm for a single person aged 21 to pension age per
   * 1 January 2025, € 1.345,45 a month including holiday allowance (Normbedragen Participatiewet,
   * Ministerie van SZW), × 12 = € 16.145,40. It leaves out implementation costs and allowances;
   * municipalities with their own figure set this variable (euro cents).
   */
  participatiewetAnnualBenefitCents: Type.Integer({ minimum: 0, maximum: 100_000_000, default: 1_614_540 }),
  /** Rounds with at least this many scorecards get their results computed by a background job. */
  juryBackgroundScorecards: Type.Integer({ minimum: 0, maximum: 100_000_000, default: 2000 }),
  /** Written rounds with at least this many juror × proposal pairs get their assignment solved by a background job. */
  juryBackgroundPairs: Type.Integer({ minimum: 0, maximum: 1_000_000_000, default: 50_000 }),
})
export type Config = Static<typeof ConfigSchema>

export const ENV_VARS: Record<keyof Config, string> = {
  port: 'PORT',
  host: 'HOST',
  databaseUrl: 'DATABASE_URL',
  dataDir: 'DATA_DIR',
  publicUrl: 'PUBLIC_URL',
  jwtSecret: 'JWT_SECRET',
  smtpUrl: 'SMTP_URL',
  mailFrom: 'MAIL_FROM',
  corsOrigins: 'CORS_ORIGINS',
  seedDemo: 'SEED_DEMO',
  webDistDir: 'WEB_DIST_DIR',
  logLevel: 'LOG_LEVEL',
  rateLimitPerMinute: 'RATE_LIMIT_PER_MINUTE',
  authRateLimitPerMinute: 'AUTH_RATE_LIMIT_PER_MINUTE',
  trustProxy: 'TRUST_PROXY',
  testClock: 'TEST_CLOCK',
  metricsToken: 'METRICS_TOKEN',
  redisUrl: 'REDIS_URL',
  rateLimitSyncMs: 'RATE_LIMIT_SYNC_MS',
  migrateOnStart: 'MIGRATE_ON_START',
  runJobs: 'RUN_JOBS',
  jobTickSeconds: 'JOB_TICK_SECONDS',
  participatiewetAnnualBenefitCents: 'PARTICIPATIEWET_ANNUAL_BENEFIT_CENTS',
  juryBackgroundScorecards: 'JURY_BACKGROUND_SCORECARDS',
  juryBackgroundPairs: 'JURY_BACKGROUND_PAIRS',
}

export class ConfigError extends Error {}

/** Reads the environment once; fails fast naming the variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const raw: Record<string, unknown> = {}
  for (const [key, name] of Object.entries(ENV_VARS)) {
    const value = env[name]
    if (value === undefined || value === '') continue
    raw[key] = value
  }
  if (typeof raw.corsOrigins === 'string') raw.corsOrigins = raw.corsOrigins.split(',').map((s) => s.trim()).filter(Boolean)
  const dataDir = resolve(String(raw.dataDir ?? './data'))
  raw.dataDir = dataDir
  raw.jwtSecret ??= persistentSecret(dataDir)
  // Links in emails must reach this instance: without PUBLIC_URL, assume it is reached on its own port.
  raw.publicUrl ??= `http://localhost:${String(raw.port ?? 3000)}`
  const withDefaults = Value.Default(ConfigSchema, Value.Convert(ConfigSchema, raw))
  const errors = [...Value.Errors(ConfigSchema, withDefaults)]
  if (errors.length > 0) {
    const first = errors[0]!
    const field = first.path.replace(/^\//, '') as keyof Config
    throw new ConfigError(`Invalid configuration: ${ENV_VARS[field] ?? field} ${first.message}`)
  }
  return withDefaults as Config
}

/** Without JWT_SECRET a random secret is generated once and kept in the data folder: never a fixed default. */
function persistentSecret(dataDir: string): string {
  const file = join(dataDir, 'jwt-secret')
  if (existsSync(file)) return readFileSync(file, 'utf8').trim()
  mkdirSync(dataDir, { recursive: true })
  const secret = randomBytes(48).toString('base64url')
  writeFileSync(file, secret, { mode: 0o600 })
  return secret
}

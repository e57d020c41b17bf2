import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { parse } from 'yaml'
import { describe, expect, it } from 'vitest'
import { ENV_VARS } from '../../src/config'

/**
 * There is no Docker engine where the tests run, so docker-compose.yml is checked rather than started:
 * it parses, has the services the README describes, wires them in the right order, and names only
 * environment variables that src/config.ts reads. The README's deployment section documents each of those.
 */
const root = fileURLToPath(new URL('../../../../', import.meta.url))
const read = (path: string) => readFileSync(`${root}${path}`, 'utf8')

interface Service {
  image?: string
  build?: string
  command?: string[]
  environment?: Record<string, string>
  depends_on?: Record<string, { condition: string }>
  volumes?: string[]
  ports?: string[]
}

const compose = parse(read('docker-compose.yml'), { merge: true }) as { services: Record<string, Service>; volumes: Record<string, unknown> }
const services = compose.services
const appNames = Object.keys(services).filter((name) => /^app\d+$/.test(name))
const knownEnv = new Set(Object.values(ENV_VARS))

describe('docker-compose.yml (validated, not run: no Docker engine here)', () => {
  it('runs PostgreSQL 17, Redis, Mailpit, a one-shot migrate step, two app instances and a reverse proxy', () => {
    expect(Object.keys(services).sort()).toEqual(expect.arrayContaining(['db', 'redis', 'mailpit', 'migrate', 'proxy']))
    expect(appNames.length).toBeGreaterThanOrEqual(2)
    expect(services.db!.image).toBe('postgres:17')
    expect(services.redis!.image).toMatch(/^redis:/)
    expect(services.mailpit!.image).toMatch(/^axllent\/mailpit/)
    expect(services.proxy!.image).toMatch(/^caddy:/)
  })

  it('migrates once before the instances start, and the instances do not migrate themselves', () => {
    const apiPackage = JSON.parse(read('apps/api/package.json')) as { scripts: Record<string, string> }
    expect(services.migrate!.command!.join(' ')).toBe(apiPackage.scripts.migrate)
    expect(services.migrate!.depends_on!.db!.condition).toBe('service_healthy')
    for (const name of appNames) {
      const app = services[name]!
      expect(app.environment!.MIGRATE_ON_START).toBe('false')
      expect(app.depends_on!.migrate!.condition).toBe('service_completed_successfully')
      expect(app.depends_on!.redis).toBeDefined()
      // One secret, one database, one Redis, one upload volume for all instances.
      expect(app.environment!.JWT_SECRET).toBe(services[appNames[0]!]!.environment!.JWT_SECRET)
      expect(app.environment!.DATABASE_URL).toMatch(/@db:5432\//)
      expect(app.environment!.REDIS_URL).toBe('redis://redis:6379')
      expect(app.environment!.SMTP_URL).toBe('smtp://mailpit:1025')
      expect(app.environment!.SEED_DEMO).toBe('false')
      expect(app.volumes).toContain('appdata:/data')
      expect(app.ports).toBeUndefined() // reached through the proxy only
    }
    expect(compose.volumes).toHaveProperty('appdata')
  })

  it('names only environment variables that the configuration reads', () => {
    for (const name of ['migrate', ...appNames]) {
      for (const variable of Object.keys(services[name]!.environment ?? {})) expect(knownEnv, `${name}: ${variable}`).toContain(variable)
    }
  })

  it('sends traffic through Caddy to every instance, checking their readiness', () => {
    const caddyfile = read('deploy/Caddyfile')
    expect(services.proxy!.volumes).toContain('./deploy/Caddyfile:/etc/caddy/Caddyfile:ro')
    const upstreams = /reverse_proxy ([^{]+)\{/.exec(caddyfile)![1]!.trim().split(/\s+/)
    expect(upstreams.sort()).toEqual(appNames.map((n) => `${n}:3000`).sort())
    expect(caddyfile).toContain('health_uri /api/v1/health/ready')
    for (const name of appNames) expect(services.proxy!.depends_on![name]!.condition).toBe('service_healthy')
  })
})

describe("README's deployment section", () => {
  const readme = read('README.md')
  const section = readme.slice(readme.indexOf('## Deployment'))

  it('documents every configuration variable in the configuration table, and the scale-out ones in the section', () => {
    expect(readme).toContain('## Deployment')
    for (const variable of knownEnv) expect(readme, variable).toContain(`| \`${variable}\` |`)
    for (const variable of ['DATABASE_URL', 'JWT_SECRET', 'REDIS_URL', 'DATA_DIR', 'MIGRATE_ON_START', 'TRUST_PROXY', 'RUN_JOBS', 'SMTP_URL', 'METRICS_TOKEN']) {
      expect(section, variable).toContain(`\`${variable}`)
    }
  })

  it('names the commands that exist: migrate, backup and restore', () => {
    const apiPackage = JSON.parse(read('apps/api/package.json')) as { scripts: Record<string, string> }
    const rootPackage = JSON.parse(read('package.json')) as { scripts: Record<string, string> }
    expect(section).toContain('pnpm --filter @opgave/api migrate')
    expect(apiPackage.scripts.migrate).toBeDefined()
    for (const script of ['db:backup', 'db:restore']) {
      expect(section).toContain(`pnpm ${script}`)
      expect(rootPackage.scripts[script] ?? apiPackage.scripts[script]).toBeDefined()
    }
  })
})

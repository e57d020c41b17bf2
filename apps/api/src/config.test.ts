import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from './config'

const dataDir = () => mkdtempSync(join(tmpdir(), 'opgave-config-'))

describe('loadConfig', () => {
  it('applies defaults and derives the public URL from the port', () => {
    const config = loadConfig({ DATA_DIR: dataDir(), PORT: '3999' })
    expect(config).toMatchObject({ port: 3999, host: '0.0.0.0', publicUrl: 'http://localhost:3999', seedDemo: true, corsOrigins: [] })
    expect(config.jwtSecret.length).toBeGreaterThanOrEqual(32)
  })

  it('keeps a generated JWT secret in the data folder across starts', () => {
    const dir = dataDir()
    expect(loadConfig({ DATA_DIR: dir }).jwtSecret).toBe(loadConfig({ DATA_DIR: dir }).jwtSecret)
  })

  it('names the variable that is wrong', () => {
    expect(() => loadConfig({ DATA_DIR: dataDir(), PORT: 'eighty' })).toThrow(ConfigError)
    expect(() => loadConfig({ DATA_DIR: dataDir(), PORT: 'eighty' })).toThrow(/PORT/)
    expect(() => loadConfig({ DATA_DIR: dataDir(), JWT_SECRET: 'short' })).toThrow(/JWT_SECRET/)
  })

  it('splits CORS origins', () => {
    expect(loadConfig({ DATA_DIR: dataDir(), CORS_ORIGINS: 'https://a.nl, https://b.nl' }).corsOrigins).toEqual(['https://a.nl', 'https://b.nl'])
  })
})

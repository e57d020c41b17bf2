import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { brotliCompressSync } from 'node:zlib'
import Fastify from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { webAppPlugin } from './web-app'

describe('webAppPlugin', () => {
  const js = 'console.log("opgave");\n'.repeat(100)
  const app = Fastify()

  beforeAll(async () => {
    const dist = mkdtempSync(join(tmpdir(), 'web-dist-'))
    mkdirSync(join(dist, 'assets'))
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>Opgave</title>')
    writeFileSync(join(dist, 'robots.txt'), 'User-agent: *')
    writeFileSync(join(dist, 'assets', 'app-1234.js'), js)
    writeFileSync(join(dist, 'assets', 'app-1234.js.br'), brotliCompressSync(js))
    await app.register(webAppPlugin, { distDir: dist })
  })
  afterAll(() => app.close())

  it('serves the build-time brotli file to browsers that accept it, cached for a year', async () => {
    const res = await app.inject({ url: '/assets/app-1234.js', headers: { 'accept-encoding': 'gzip, deflate, br' } })
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-encoding']).toBe('br')
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable')
    expect(res.rawPayload.length).toBeLessThan(js.length / 5)
  })

  it('serves the plain file to clients that accept no compression', async () => {
    const res = await app.inject({ url: '/assets/app-1234.js', headers: { 'accept-encoding': 'identity' } })
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-encoding']).toBeUndefined()
    expect(res.body).toBe(js)
  })

  it('revalidates files without a content hash in their name', async () => {
    const res = await app.inject({ url: '/robots.txt' })
    expect(res.statusCode).toBe(200)
    expect(res.headers['cache-control']).toBe('no-cache')
  })
})

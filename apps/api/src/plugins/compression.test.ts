import { Readable } from 'node:stream'
import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import Fastify from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { compressionPlugin, fixedJsonAnswer } from './compression'

const big = { items: Array.from({ length: 200 }, (_, i) => ({ id: i, title: `Opgave ${i}: buurtmoestuinen als leerwerkplek` })) }

describe('compression of GET answers', () => {
  const app = Fastify()
  beforeAll(async () => {
    await app.register(compressionPlugin)
    app.get('/big', async () => big)
    app.get('/small', async () => ({ ok: true }))
    app.post('/big', async () => big)
    app.get('/stream', async (_request, reply) => reply.type('text/csv').send(Readable.from(['a,b\n'.repeat(1000)])))
    app.get('/png', async (_request, reply) => reply.type('image/png').send(Buffer.alloc(4096)))
    await app.ready()
  })
  afterAll(() => app.close())

  it('answers brotli or gzip as the client asks, with the same JSON inside and Vary set', async () => {
    const br = await app.inject({ url: '/big', headers: { 'accept-encoding': 'gzip, deflate, br' } })
    expect(br.headers['content-encoding']).toBe('br')
    expect(br.headers.vary).toBe('Accept-Encoding')
    expect(JSON.parse(brotliDecompressSync(br.rawPayload).toString())).toEqual(big)
    expect(Number(br.headers['content-length'])).toBe(br.rawPayload.length)
    expect(br.rawPayload.length).toBeLessThan(JSON.stringify(big).length / 4)

    const gzip = await app.inject({ url: '/big', headers: { 'accept-encoding': 'gzip' } })
    expect(gzip.headers['content-encoding']).toBe('gzip')
    expect(JSON.parse(gunzipSync(gzip.rawPayload).toString())).toEqual(big)
  })

  it('sends plain bytes without a usable coding, still varying on Accept-Encoding', async () => {
    const plain = await app.inject({ url: '/big' })
    expect(plain.headers['content-encoding']).toBeUndefined()
    expect(plain.headers.vary).toBe('Accept-Encoding')
    expect(plain.json()).toEqual(big)
    const refused = await app.inject({ url: '/big', headers: { 'accept-encoding': 'br;q=0, gzip;q=0' } })
    expect(refused.headers['content-encoding']).toBeUndefined()
  })

  it('leaves small answers, answers to POST, streams and binary types alone', async () => {
    const headers = { 'accept-encoding': 'br, gzip' }
    for (const res of [
      await app.inject({ url: '/small', headers }),
      await app.inject({ method: 'POST', url: '/big', headers }),
      await app.inject({ url: '/stream', headers }),
      await app.inject({ url: '/png', headers }),
    ]) {
      expect(res.headers['content-encoding']).toBeUndefined()
      expect(res.statusCode).toBe(200)
    }
  })
})

describe('a fixed JSON answer', () => {
  const app = Fastify()
  let builds = 0
  beforeAll(async () => {
    await app.register(compressionPlugin)
    app.get('/fixed', fixedJsonAnswer(() => (builds++, big)))
    await app.ready()
  })
  afterAll(() => app.close())

  it('is built once and served plain, brotli or gzip, each the same JSON', async () => {
    const plain = await app.inject({ url: '/fixed' })
    const br1 = await app.inject({ url: '/fixed', headers: { 'accept-encoding': 'br, gzip' } })
    const br2 = await app.inject({ url: '/fixed', headers: { 'accept-encoding': 'br' } })
    const gzip = await app.inject({ url: '/fixed', headers: { 'accept-encoding': 'gzip' } })
    expect(builds).toBe(1)
    expect(plain.headers['content-type']).toBe('application/json; charset=utf-8')
    expect(plain.headers['content-encoding']).toBeUndefined()
    expect(plain.json()).toEqual(big)
    for (const res of [br1, br2, gzip]) expect(res.headers.vary).toBe('Accept-Encoding')
    expect(br1.headers['content-encoding']).toBe('br')
    expect(br2.rawPayload.equals(br1.rawPayload)).toBe(true)
    expect(JSON.parse(brotliDecompressSync(br1.rawPayload).toString())).toEqual(big)
    expect(gzip.headers['content-encoding']).toBe('gzip')
    expect(JSON.parse(gunzipSync(gzip.rawPayload).toString())).toEqual(big)
  })
})

import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { documents } from '../../src/modules/documents/documents.table'
import { addMember, makeChallenge, makeOrganisation, makeZip, PDF_BYTES, startProposal, upload, type TestUser } from '../../src/modules/proposals/proposals.fixtures'
import { assertNoInternals, http, registerUser } from '../http'
import { createTestApp, type TestContext } from '../test-app'

// Upload attacks (OWASP ASVS 5.0 V5 file handling): whatever the name, the client's media type or the
// bytes claim, only real PDF/DOCX/XLSX/PNG/JPEG content is stored, under a generated key, with a safe name.
describe('upload attacks', () => {
  let ctx: TestContext
  let dataDir: string
  let owner: TestUser
  let proposalId: string
  const stored = () => readdirSync(join(dataDir, 'uploads')).length
  let tried = 0

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'opgave-uploads-'))
    ctx = await createTestApp({ dataDir })
    owner = await registerUser(ctx, 'upload@groenwerkt.nl', 'Ulla Upload')
    const municipalityId = (await makeOrganisation(ctx, { kind: 'municipality', name: 'Gemeente Upload' })).id
    const enterprise = await makeOrganisation(ctx, { kind: 'enterprise', name: 'Upload BV', isSocialEnterprise: true, distanceToLabourMarketPercent: 45, region: 'Utrecht' })
    await addMember(ctx, enterprise.id, owner, 'owner')
    proposalId = (await startProposal(ctx, owner, (await makeChallenge(ctx, municipalityId)).id, enterprise.id)).id
    // One good upload so the folder exists and counts are meaningful.
    expect((await upload(ctx, owner, proposalId, PDF_BYTES, 'echt.pdf')).status).toBe(201)
  })
  afterAll(async () => {
    console.log(`[uploads] ${tried} hostile uploads tried; files stored by them: 0 (checked per case)`)
    await ctx.close()
    rmSync(dataDir, { recursive: true, force: true })
  })

  const refused = async (bytes: Buffer, name: string, contentType: string, status: number, code: string) => {
    tried++
    const before = stored()
    const res = await upload(ctx, owner, proposalId, bytes, name, contentType)
    expect(res.status, `${JSON.stringify(name.slice(0, 60))}: ${JSON.stringify(res.body)}`).toBe(status)
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/)
    expect(res.body.code).toBe(code)
    assertNoInternals(res.body)
    expect(stored(), `a file was written for ${JSON.stringify(name.slice(0, 60))}`).toBe(before)
  }

  it('refuses content that is not what it claims: wrong magic bytes, HTML and SVG posing as PDF, executables', async () => {
    const cases: [Buffer, string, string][] = [
      [Buffer.from('GIF89a\x01\x00\x01\x00'), 'plaatje.pdf', 'application/pdf'],
      [Buffer.from('<!DOCTYPE html><html><body><script>fetch("/api/v1/auth/me")</script></body></html>'), 'offerte.pdf', 'application/pdf'],
      [Buffer.from('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), 'logo.pdf', 'application/pdf'],
      [Buffer.from('<svg onload="alert(1)"/>'), 'logo.svg', 'image/svg+xml'],
      [Buffer.from('MZ\x90\x00\x03\x00\x00\x00'), 'setup.pdf', 'application/pdf'],
      [Buffer.from('#!/bin/sh\nrm -rf /\n'), 'script.pdf', 'application/pdf'],
      [makeZip(['[Content_Types].xml', 'word/document.xml', 'xl/workbook.xml']), 'beide.docx', 'application/octet-stream'],
    ]
    for (const [bytes, name, type] of cases) await refused(bytes, name, type, 415, 'documents.unsupported_type')
  })

  it('refuses polyglots: HTML before the PDF header, and markup hiding behind a valid signature', async () => {
    const html = Buffer.from('<html><script>alert(document.domain)</script></html>\n')
    const cases: [Buffer, string][] = [
      [Buffer.concat([html, PDF_BYTES]), 'polyglot-voor.pdf'],
      [Buffer.concat([Buffer.from('%PDF-1.7\n'), html, PDF_BYTES]), 'polyglot-na-header.pdf'],
      [Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xfe, 0x00, 0x40]), Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>')]), 'foto.jpg'],
      [Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('<iframe src="javascript:alert(1)">')]), 'logo.png'],
    ]
    for (const [bytes, name] of cases) await refused(bytes, name, 'application/pdf', 415, 'documents.unsupported_type')
  })

  it('refuses hostile names: path traversal, NUL and control characters, bidi overrides, very long names', async () => {
    const cases: [string, string][] = [
      ['../../etc/passwd', 'documents.name_path'],
      ['../../etc/passwd.pdf', 'documents.name_path'],
      ['..\\x.pdf', 'documents.name_path'],
      ['C:\\Windows\\win.ini.pdf', 'documents.name_path'],
      ['/etc/shadow.pdf', 'documents.name_path'],
      ['plan.pdf\u0000.exe', 'documents.name_control'],
      ['bel\u0007.pdf', 'documents.name_control'],
      ['kleur\u001b[31m.pdf', 'documents.name_control'],
      ['factuur\u202Efdp.exe', 'documents.name_control'],
      ['rapport\u2066.exe\u2069.pdf', 'documents.name_control'],
      [`${'a'.repeat(5_000)}.pdf`, 'documents.name_too_long'],
      ['   ', 'documents.name_empty'],
    ]
    for (const [name, code] of cases) {
      tried++
      const before = stored()
      const res = await upload(ctx, owner, proposalId, PDF_BYTES, name)
      expect(res.status, JSON.stringify(name.slice(0, 60))).toBe(400)
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/)
      expect(res.body).toMatchObject({ code: 'documents.invalid_name', errors: [{ field: '/file', code }] })
      expect(stored()).toBe(before)
    }
    // Nothing was written outside the uploads folder.
    expect(readdirSync(dataDir)).toEqual(['uploads'])
  })

  it('refuses oversize and empty files with 413/400 problem+json, writing nothing', async () => {
    const big = Buffer.alloc(10 * 1024 * 1024 + 1, 0x20)
    PDF_BYTES.copy(big)
    await refused(big, 'groot.pdf', 'application/pdf', 413, 'documents.too_large')
    await refused(Buffer.alloc(0), 'leeg.pdf', 'application/pdf', 400, 'documents.file_required')
  })

  it('stores an accepted file under a generated key with a sanitised display name', async () => {
    const res = await upload(ctx, owner, proposalId, PDF_BYTES, 'offerte <v2>|*?:.pdf', 'text/html')
    expect(res.status).toBe(201)
    expect(res.body.name).toBe('offerte _v2_____.pdf')
    expect(res.body.mediaType).toBe('application/pdf')
    const [row] = await ctx.database.db.select().from(documents).where((await import('drizzle-orm')).eq(documents.id, res.body.id))
    expect(row!.storageKey).not.toContain('offerte')
    expect(row!.storageKey).toMatch(/^[A-Za-z0-9_-]+$/)
    const file = await http(ctx).get(`/api/v1/documents/${res.body.id}`).set('Authorization', `Bearer ${owner.token}`)
    expect(file.headers['content-disposition']).toMatch(/^attachment; /)
    expect(file.headers['x-content-type-options']).toBe('nosniff')
  })

  it('stores a retried upload once: the same file again answers 200 with the stored document, concurrent copies too', async () => {
    const bytes = Buffer.concat([PDF_BYTES, Buffer.from('\n% herhaald\n')])
    const first = await upload(ctx, owner, proposalId, bytes, 'herhaald.pdf')
    expect(first.status).toBe(201)
    const filesAfterFirst = stored()
    const again = await upload(ctx, owner, proposalId, bytes, 'herhaald.pdf')
    expect(again.status).toBe(200)
    expect(again.headers['idempotent-replayed']).toBe('true')
    expect(again.body).toEqual(first.body)
    // Two copies at once: the proposal lock orders them, the second finds the first and removes its file.
    const other = Buffer.concat([PDF_BYTES, Buffer.from('\n% tegelijk\n')])
    const both = await Promise.all([upload(ctx, owner, proposalId, other, 'tegelijk.pdf'), upload(ctx, owner, proposalId, other, 'tegelijk.pdf')])
    expect(both.map((r) => r.status).sort()).toEqual([200, 201])
    expect(both[0]!.body.id).toBe(both[1]!.body.id)
    expect(stored()).toBe(filesAfterFirst + 1)
    const { and, eq } = await import('drizzle-orm')
    const rows = await ctx.database.db.select().from(documents).where(and(eq(documents.ownerId, proposalId), eq(documents.sha256, first.body.sha256)))
    expect(rows).toHaveLength(1)
  })

  it('still stores the same bytes as another document under another name', async () => {
    const bytes = Buffer.concat([PDF_BYTES, Buffer.from('\n% twee namen\n')])
    const a = await upload(ctx, owner, proposalId, bytes, 'versie-a.pdf')
    const b = await upload(ctx, owner, proposalId, bytes, 'versie-b.pdf')
    expect([a.status, b.status]).toEqual([201, 201])
    expect(a.body.id).not.toBe(b.body.id)
  })
})

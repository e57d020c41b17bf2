import { createHash } from 'node:crypto'
import { deflateRawSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { canonicalJson } from './canonical-json'
import { checkProposalCompleteness } from './completeness'
import { checkEligibility } from './eligibility'
import { checkDocumentName, detectDocumentType, displayDocumentName } from './file-type'
import { checkImpactTarget } from './impact-targets'
import type { ProposalContent } from './proposal-content'

/** A minimal but well-formed zip (stored or deflated entries) with the given names. */
function makeZip(names: string[]): Uint8Array {
  const locals: Buffer[] = []
  const centrals: Buffer[] = []
  let offset = 0
  for (const name of names) {
    const nameBytes = Buffer.from(name, 'utf8')
    const data = deflateRawSync(Buffer.from('<xml/>'))
    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0)
    local.writeUInt16LE(8, 8)
    local.writeUInt32LE(data.length, 18)
    local.writeUInt16LE(nameBytes.length, 26)
    locals.push(local, nameBytes, data)
    const central = Buffer.alloc(46)
    central.writeUInt32LE(0x02014b50, 0)
    central.writeUInt16LE(8, 10)
    central.writeUInt32LE(data.length, 20)
    central.writeUInt16LE(nameBytes.length, 28)
    central.writeUInt32LE(offset, 42)
    centrals.push(central, nameBytes)
    offset += 30 + nameBytes.length + data.length
  }
  const cd = Buffer.concat(centrals)
  const eocd = Buffer.alloc(22)
  eocd.writeUInt32LE(0x06054b50, 0)
  eocd.writeUInt16LE(names.length, 8)
  eocd.writeUInt16LE(names.length, 10)
  eocd.writeUInt32LE(cd.length, 12)
  eocd.writeUInt32LE(offset, 16)
  return new Uint8Array(Buffer.concat([...locals, cd, eocd]))
}

const complete: ProposalContent = {
  title: 'Repair café',
  summary: 'Samenvatting',
  approach: 'Aanpak',
  team: 'Team',
  requestedBudgetCents: 1_500_000,
  plannedImpact: [{ sdgTarget: '8.5', indicators: [{ name: 'Banen', baseline: 0, target: 4, unit: 'fte' }] }],
  socialReturn: { hours: 1200, jobs: 3, targetGroup: 'Statushouders' },
}

describe('checkProposalCompleteness', () => {
  it('accepts a complete proposal', () => {
    expect(checkProposalCompleteness(complete, { socialReturnRequired: true })).toEqual([])
  })

  it('lists every missing field as a JSON pointer, at once', () => {
    const empty: ProposalContent = { title: ' ', summary: '', approach: '', team: '', requestedBudgetCents: null, plannedImpact: [], socialReturn: null }
    const fields = checkProposalCompleteness(empty, { socialReturnRequired: true }).map((p) => p.field)
    expect(fields).toEqual(['/title', '/summary', '/approach', '/team', '/requestedBudget', '/plannedImpact', '/socialReturn'])
  })

  it('points into impact rows and indicators', () => {
    const content: ProposalContent = {
      ...complete,
      plannedImpact: [
        { sdgTarget: '', indicators: [] },
        { sdgTarget: '8.5', indicators: [{ name: '', baseline: null, target: null, unit: '' }] },
      ],
    }
    expect(checkProposalCompleteness(content, { socialReturnRequired: false }).map((p) => p.field)).toEqual([
      '/plannedImpact/0/sdgTarget',
      '/plannedImpact/0/indicators',
      '/plannedImpact/1/indicators/0/name',
      '/plannedImpact/1/indicators/0/baseline',
      '/plannedImpact/1/indicators/0/target',
      '/plannedImpact/1/indicators/0/unit',
    ])
  })

  it('asks for social return only when the challenge does', () => {
    expect(checkProposalCompleteness({ ...complete, socialReturn: null }, { socialReturnRequired: false })).toEqual([])
    const partial = { ...complete, socialReturn: { hours: null, jobs: 2, targetGroup: '' } }
    expect(checkProposalCompleteness(partial, { socialReturnRequired: true }).map((p) => p.field)).toEqual(['/socialReturn/hours', '/socialReturn/targetGroup'])
  })
})

describe('checkEligibility', () => {
  const open = { reservedArt282: false, eligibleEnterpriseKinds: [], eligibleRegions: [] }
  const social = { isSocialEnterprise: true, distanceToLabourMarketPercent: 45, region: 'Utrecht' }

  it('lets anyone apply to an open challenge', () => {
    expect(checkEligibility(open, { isSocialEnterprise: false, distanceToLabourMarketPercent: null, region: null })).toEqual([])
  })

  it('Art. 2.82: 30 % qualifies, 29 % and undeclared do not, and the message explains the rule', () => {
    const reserved = { ...open, reservedArt282: true }
    expect(checkEligibility(reserved, { ...social, distanceToLabourMarketPercent: 30 })).toEqual([])
    const [problem] = checkEligibility(reserved, { ...social, distanceToLabourMarketPercent: 29 })
    expect(problem?.code).toBe('proposals.not_eligible_art_2_82')
    expect(problem?.message).toMatch(/Article 2\.82/)
    expect(problem?.message).toMatch(/at least 30%/)
    expect(problem?.message).toMatch(/declares 29%/)
    expect(checkEligibility(reserved, { ...social, distanceToLabourMarketPercent: null })[0]?.message).toMatch(/not declared/)
  })

  it('checks enterprise kinds: social_enterprise ↔ isSocialEnterprise, sme ↔ not', () => {
    expect(checkEligibility({ ...open, eligibleEnterpriseKinds: ['social_enterprise'] }, social)).toEqual([])
    expect(checkEligibility({ ...open, eligibleEnterpriseKinds: ['sme'] }, social).map((p) => p.code)).toEqual(['proposals.not_eligible_enterprise_kind'])
    expect(checkEligibility({ ...open, eligibleEnterpriseKinds: ['sme'] }, { ...social, isSocialEnterprise: false })).toEqual([])
  })

  it('checks the region case-insensitively and refuses an undeclared region', () => {
    expect(checkEligibility({ ...open, eligibleRegions: ['utrecht', 'Gelderland'] }, social)).toEqual([])
    expect(checkEligibility({ ...open, eligibleRegions: ['Gelderland'] }, social).map((p) => p.code)).toEqual(['proposals.not_eligible_region'])
    expect(checkEligibility({ ...open, eligibleRegions: ['Gelderland'] }, { ...social, region: null })[0]?.message).toMatch(/not declared/)
  })
})

describe('checkImpactTarget', () => {
  it('needs a catalogue target that fits the challenge goals or targets', () => {
    expect(checkImpactTarget('99.9', { sdgGoals: [], sdgTargets: [] })).toBe('unknown_target')
    expect(checkImpactTarget('8.5', { sdgGoals: [], sdgTargets: [] })).toBeNull()
    expect(checkImpactTarget('8.5', { sdgGoals: [8], sdgTargets: [] })).toBeNull()
    expect(checkImpactTarget('1.2', { sdgGoals: [8], sdgTargets: ['1.2'] })).toBeNull()
    expect(checkImpactTarget('13.1', { sdgGoals: [8], sdgTargets: ['1.2'] })).toBe('outside_challenge')
  })
})

describe('canonicalJson', () => {
  it('sorts keys at every depth, keeps array order, drops undefined, no whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: true, y: null }], c: 'é' }, u: undefined })).toBe('{"a":{"c":"é","d":[3,{"y":null,"z":true}]},"b":1}')
  })

  it('gives the same hash for the same content whatever the key order', () => {
    const sha = (v: unknown) => createHash('sha256').update(canonicalJson(v)).digest('hex')
    expect(sha({ title: 'x', budget: 100, docs: [{ sha256: 'ab', name: 'a.pdf' }] })).toBe(sha({ docs: [{ name: 'a.pdf', sha256: 'ab' }], budget: 100, title: 'x' }))
    expect(sha({ title: 'x' })).not.toBe(sha({ title: 'y' }))
    expect(sha({ a: 1 })).toBe(createHash('sha256').update('{"a":1}').digest('hex'))
  })

  it('refuses values JSON cannot represent faithfully', () => {
    expect(() => canonicalJson({ n: Number.NaN })).toThrow(TypeError)
    expect(() => canonicalJson({ f: () => 1 })).toThrow(TypeError)
  })
})

describe('detectDocumentType', () => {
  const bytes = (s: string) => new Uint8Array(Buffer.from(s, 'latin1'))

  it('recognises the allowed types by their signatures', () => {
    expect(detectDocumentType(bytes('%PDF-1.7\n%âãÏÓ\n1 0 obj'))).toBe('pdf')
    expect(detectDocumentType(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]))).toBe('png')
    expect(detectDocumentType(new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16]))).toBe('jpeg')
    expect(detectDocumentType(makeZip(['[Content_Types].xml', '_rels/.rels', 'word/document.xml']))).toBe('docx')
    expect(detectDocumentType(makeZip(['[Content_Types].xml', 'xl/workbook.xml', 'xl/worksheets/sheet1.xml']))).toBe('xlsx')
  })

  it('refuses HTML, SVG, a PDF signature after leading junk, and plain or ambiguous zips', () => {
    expect(detectDocumentType(bytes('<!doctype html><script>alert(1)</script>%PDF-1.4'))).toBeNull()
    expect(detectDocumentType(bytes('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'))).toBeNull()
    expect(detectDocumentType(bytes(' %PDF-1.4'))).toBeNull()
    expect(detectDocumentType(makeZip(['evil.exe']))).toBeNull()
    expect(detectDocumentType(makeZip(['word/document.xml']))).toBeNull()
    expect(detectDocumentType(makeZip(['[Content_Types].xml', 'word/document.xml', 'xl/workbook.xml']))).toBeNull()
    expect(detectDocumentType(bytes('PK\x03\x04 truncated'))).toBeNull()
    expect(detectDocumentType(new Uint8Array())).toBeNull()
  })
})

describe('document names', () => {
  it('refuses path parts and control characters', () => {
    expect(checkDocumentName('plan.pdf')).toBeNull()
    expect(checkDocumentName('Begroting 2026 — versie 2.xlsx')).toBeNull()
    expect(checkDocumentName('../../etc/passwd')).toBe('path')
    expect(checkDocumentName('..\\boot.ini')).toBe('path')
    expect(checkDocumentName('a/b.pdf')).toBe('path')
    expect(checkDocumentName('a\u0000.pdf')).toBe('control')
    expect(checkDocumentName('   ')).toBe('empty')
    expect(checkDocumentName('x'.repeat(201))).toBe('too_long')
  })

  it('gives the stored name the extension of the detected type', () => {
    expect(displayDocumentName('plan.pdf', 'pdf')).toBe('plan.pdf')
    expect(displayDocumentName('foto.JPEG', 'jpeg')).toBe('foto.JPEG')
    expect(displayDocumentName('plan.html', 'pdf')).toBe('plan.html.pdf')
    expect(displayDocumentName('"quoted".docx', 'docx')).toBe('_quoted_.docx')
  })
})

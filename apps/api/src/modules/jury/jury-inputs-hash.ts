import { createHash, type Hash } from 'node:crypto'
import { canonicalJson, type Criterion, type Scorecard } from '@opgave/domain'

/**
 * Bytes into a hash through one 1 MB buffer. A round's cards are ~60 MB of JSON (200,000 cards); built
 * as JS strings and handed to the hash, flattening and encoding those strings took ~3/4 of the hash's
 * time (benchmark 3a). Here every repeated piece (an id, a criterion key, a score) is encoded once and
 * copied in.
 */
class HashWriter {
  private readonly buffer = Buffer.allocUnsafe(1 << 20)
  private offset = 0
  constructor(private readonly hash: Hash) {}

  bytes(piece: Buffer) {
    if (this.offset + piece.length > this.buffer.length) {
      this.flush()
      if (piece.length > this.buffer.length) return void this.hash.update(piece)
    }
    this.buffer.set(piece, this.offset)
    this.offset += piece.length
  }

  flush() {
    this.hash.update(this.buffer.subarray(0, this.offset))
    this.offset = 0
  }
}

/** Encodes each distinct text once: ids repeat (40 jurors and 5,000 proposals over 200,000 cards). */
function encodedOnce<K>(encode: (key: K) => string) {
  const cache = new Map<K, Buffer>()
  return (key: K) => {
    let bytes = cache.get(key)
    if (bytes === undefined) cache.set(key, (bytes = Buffer.from(encode(key), 'utf8')))
    return bytes
  }
}

const codeUnitOrder = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

/**
 * sha256 of canonicalJson({ criteria, options, scorecards }), written card by card: the same bytes (so
 * stored hashes stay valid) without the generic key-sorting serialiser over one string of every card,
 * which took seconds (benchmark 3). `uniformKeys`: the caller vouches that every card's scores have
 * exactly these keys, none undefined (roundInputs builds them so), which spares the per-card key check.
 */
export function inputsHashOf(criteria: readonly Criterion[], options: object, scorecards: readonly Scorecard[], uniformKeys?: readonly string[]): string {
  const hash = createHash('sha256')
  // "scorecards" sorts last among the top-level keys, so the empty list closes the canonical head.
  const head = canonicalJson({ criteria, options, scorecards: [] })
  hash.update(`${head.slice(0, -'[]}'.length)}[`, 'utf8')
  const out = new HashWriter(hash)
  // The card's keys in canonical order: jurorId, proposalId, scores, submitted. Pieces are as large as
  // repetition allows (~8 copies a card): the copies, not the bytes, are what cost.
  const firstJurorPart = encodedOnce((id: string) => `{"jurorId":${JSON.stringify(id)},"proposalId":`)
  const jurorPart = encodedOnce((id: string) => `,{"jurorId":${JSON.stringify(id)},"proposalId":`)
  const proposalPart = encodedOnce((id: string) => `${JSON.stringify(id)},"scores":{`)
  // JSON.stringify of a finite number is its String(); canonicalJson refuses the others, as it always did.
  const number = (v: number | null) => (v === null ? 'null' : Number.isFinite(v) ? String(v) : canonicalJson(v))
  // One cache per position among the keys: `"key":7`, `,"key":7`, … ; rebuilt when the keys change.
  const scoreParts = (sorted: string[]) => sorted.map((key, i) => encodedOnce((v: number | null) => `${i > 0 ? ',' : ''}${JSON.stringify(key)}:${number(v)}`))
  const submittedTrue = Buffer.from('},"submitted":true}')
  const submittedFalse = Buffer.from('},"submitted":false}')
  // Cards of one round share their criterion keys: sort them once, not per card.
  let keys: string[] = uniformKeys ? [...uniformKeys].sort(codeUnitOrder) : []
  let scorePart = scoreParts(keys)
  for (let n = 0; n < scorecards.length; n++) {
    const s = scorecards[n]!
    if (!uniformKeys) {
      const own = Object.keys(s.scores)
      if (own.length !== keys.length || !own.every((k) => k in s.scores && s.scores[k] !== undefined) || !keys.every((k) => k in s.scores)) {
        keys = own.filter((k) => s.scores[k] !== undefined).sort(codeUnitOrder)
        scorePart = scoreParts(keys)
      }
    }
    out.bytes(n > 0 ? jurorPart(s.jurorId) : firstJurorPart(s.jurorId))
    out.bytes(proposalPart(s.proposalId))
    for (let i = 0; i < keys.length; i++) out.bytes(scorePart[i]!(s.scores[keys[i]!]!))
    out.bytes(s.submitted ? submittedTrue : submittedFalse)
  }
  out.flush()
  hash.update(']}')
  return hash.digest('hex')
}

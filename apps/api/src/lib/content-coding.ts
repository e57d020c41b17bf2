/**
 * Content negotiation for response compression (RFC 9110 §12.5.3): which coding to answer an
 * `Accept-Encoding` header with. Brotli is preferred over gzip when both are equally acceptable;
 * `q=0` refuses a coding, `*` stands for any coding not named. Pure, for unit tests.
 */
export type ContentCoding = 'br' | 'gzip'

const SUPPORTED: readonly ContentCoding[] = ['br', 'gzip']

export function chooseContentCoding(acceptEncoding: string | undefined): ContentCoding | null {
  if (!acceptEncoding) return null
  const weights = new Map<string, number>()
  for (const part of acceptEncoding.split(',')) {
    const [rawName, ...params] = part.trim().split(';')
    const name = rawName!.trim().toLowerCase()
    if (!name) continue
    let q = 1
    for (const param of params) {
      const [key, value] = param.trim().split('=')
      if (key?.trim().toLowerCase() === 'q') q = Number.parseFloat(value ?? '')
    }
    weights.set(name, Number.isFinite(q) ? Math.min(Math.max(q, 0), 1) : 0)
  }
  const wildcard = weights.get('*')
  let best: ContentCoding | null = null
  let bestQ = 0
  for (const coding of SUPPORTED) {
    const q = weights.get(coding) ?? wildcard ?? 0
    if (q > bestQ) {
      best = coding
      bestQ = q
    }
  }
  return best
}

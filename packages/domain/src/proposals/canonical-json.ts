/**
 * Canonical JSON for hashing: object keys sorted by UTF-16 code units, no whitespace, arrays in
 * order, `undefined` members dropped (as JSON.stringify does). The same content always gives the
 * same bytes, so a receipt's SHA-256 can be recomputed by anyone holding the snapshot.
 */
export function canonicalJson(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return `[${value.map((item) => (item === undefined ? 'null' : canonicalJson(item))).join(',')}]`
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value)
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError('canonicalJson: numbers must be finite')
      return JSON.stringify(value)
    case 'object': {
      const entries = Object.entries(value as Record<string, unknown>)
        .filter(([, v]) => v !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`
    }
    default:
      throw new TypeError(`canonicalJson: cannot encode a ${typeof value}`)
  }
}

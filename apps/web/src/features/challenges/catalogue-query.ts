import type { LocationQuery } from 'vue-router'
import { CHALLENGE_STATUSES, ENTERPRISE_KINDS, type CatalogueQuery } from './types'

const first = (value: LocationQuery[string] | undefined): string => (Array.isArray(value) ? (value[0] ?? '') : (value ?? ''))

/** The catalogue's filters as the URL holds them, as text for the filter form ('' when absent). */
export function catalogueFilters(query: LocationQuery) {
  return { q: first(query.q), sdg: first(query.sdg), municipality: first(query.municipality), status: first(query.status), enterpriseKind: first(query.enterpriseKind) }
}

/** The API query for the catalogue's URL: unknown or out-of-range filters are left out, not sent. */
export function catalogueQuery(query: LocationQuery): CatalogueQuery {
  const f = catalogueFilters(query)
  const q = f.q.trim()
  const sdg = Number(f.sdg)
  return {
    ...(q ? { q } : {}),
    ...(sdg >= 1 && sdg <= 17 ? { sdg } : {}),
    ...(f.municipality.trim() ? { municipality: f.municipality.trim() } : {}),
    ...(CHALLENGE_STATUSES.includes(f.status as never) ? { status: f.status as CatalogueQuery['status'] } : {}),
    ...(ENTERPRISE_KINDS.includes(f.enterpriseKind as never) ? { enterpriseKind: f.enterpriseKind as CatalogueQuery['enterpriseKind'] } : {}),
  }
}

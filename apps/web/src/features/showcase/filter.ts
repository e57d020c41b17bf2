/**
 * The showcase filter as kept in the URL (`?sdg=7&soort=sociaal&gemeente=voorbeeldstad`) and the
 * municipality choices: the municipalities that have examples in the showcase, by name.
 */
export interface ShowcaseFilter {
  sdg?: number
  municipality?: string
  socialEnterprise?: boolean
}

type QueryValue = string | null | (string | null)[] | undefined
const first = (value: QueryValue): string => (Array.isArray(value) ? (value[0] ?? '') : (value ?? ''))
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/

/** Reads the route query; values the API would refuse are left out. */
export function filterFromQuery(query: Record<string, QueryValue>): ShowcaseFilter {
  const sdg = Number(first(query.sdg))
  const kind = first(query.soort)
  const municipality = first(query.gemeente).trim()
  return {
    ...(first(query.sdg) !== '' && Number.isInteger(sdg) && sdg >= 1 && sdg <= 17 ? { sdg } : {}),
    ...(municipality !== '' && municipality.length <= 100 && SLUG.test(municipality) ? { municipality } : {}),
    ...(kind === 'sociaal' ? { socialEnterprise: true } : kind === 'mkb' ? { socialEnterprise: false } : {}),
  }
}

/** The route query for the form's values (empty ones left out), in a fixed order. */
export function queryFromForm(form: { sdg: string; kind: string; municipality: string }): Record<string, string> {
  return {
    ...(form.sdg ? { sdg: form.sdg } : {}),
    ...(form.kind ? { soort: form.kind } : {}),
    ...(form.municipality ? { gemeente: form.municipality } : {}),
  }
}

/**
 * One option per municipality with examples, sorted by name (Dutch collation), each once. A chosen slug
 * that no example has (an old link) stays selectable under its slug, so the form shows what is filtered on.
 */
export function municipalityOptions(items: readonly { municipality: { name: string; slug: string } }[], selected?: string): { value: string; label: string }[] {
  const bySlug = new Map<string, string>()
  for (const { municipality } of items) if (!bySlug.has(municipality.slug)) bySlug.set(municipality.slug, municipality.name)
  if (selected && !bySlug.has(selected)) bySlug.set(selected, selected)
  return [...bySlug].map(([value, label]) => ({ value, label })).sort((a, b) => a.label.localeCompare(b.label, 'nl'))
}

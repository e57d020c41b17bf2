/**
 * The NL Design System (Utrecht) class of each element the guidance renderer produces. The API's
 * HTML carries no classes (raw HTML is never let through), so the page style is added here.
 */
const CLASSES: Record<string, string> = {
  h2: 'utrecht-heading-2',
  h3: 'utrecht-heading-3',
  p: 'utrecht-paragraph',
  ul: 'utrecht-unordered-list',
  a: 'utrecht-link',
  table: 'utrecht-table',
  thead: 'utrecht-table__header',
  tbody: 'utrecht-table__body',
  tr: 'utrecht-table__row',
  th: 'utrecht-table__header-cell',
  td: 'utrecht-table__cell',
}

/**
 * Adds Utrecht classes to the opening tags of rendered guidance HTML. Safe on the API's output only:
 * there every literal `<` starts a tag (text is escaped as `&lt;`) and no tag has a class yet.
 */
export function withUtrechtClasses(html: string): string {
  return html.replace(/<(h2|h3|p|ul|a|table|thead|tbody|tr|th|td)(?=[\s>])/g, (_, tag: string) => `<${tag} class="${CLASSES[tag]}"`)
}

/** Builds a URL name from a title: lowercase a–z, 0–9 and single hyphens ("Zakboek voor ambtenaren" → "zakboek-voor-ambtenaren"). */
export function slugFromTitle(title: string, maxLength = 80): string {
  return title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, maxLength)
    .replace(/-+$/, '')
}

export const SLUG_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/

/** Locale-independent id order (UTF-16 code units), so results do not depend on the server locale. */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

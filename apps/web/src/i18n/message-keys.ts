/** Every key of a message tree, dotted (`challenges.catalogue.title`): what `t()` can be called with. */
export function messageKeys(messages: object, prefix = ''): string[] {
  return Object.entries(messages).flatMap(([key, value]) =>
    typeof value === 'object' && value !== null ? messageKeys(value as object, `${prefix}${key}.`) : [`${prefix}${key}`],
  )
}

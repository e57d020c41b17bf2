/** Every message of a tree with its dotted key (`challenges.catalogue.title`: what `t()` can be called with). */
export function messageEntries(messages: object, prefix = ''): [key: string, message: unknown][] {
  return Object.entries(messages).flatMap(([key, value]): [string, unknown][] =>
    typeof value === 'object' && value !== null ? messageEntries(value as object, `${prefix}${key}.`) : [[`${prefix}${key}`, value]],
  )
}

/** Every key of a message tree, dotted. */
export const messageKeys = (messages: object): string[] => messageEntries(messages).map(([key]) => key)

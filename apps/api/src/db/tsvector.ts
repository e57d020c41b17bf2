import { customType } from 'drizzle-orm/pg-core'

/** PostgreSQL full-text vector; filled by a generated column, queried with to_tsquery('dutch', …). */
export const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' })

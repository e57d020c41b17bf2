import type { UiMessage } from './messages'

/** What to tell the user when loading a page's data failed with this HTTP status (null: no response). */
export function loadErrorMessage(status: number | null): UiMessage {
  if (status === null) return { key: 'common.networkError' }
  if (status === 403) return { key: 'common.forbidden' }
  // A 400 while loading means the address itself is malformed (an id that cannot exist).
  if (status === 400 || status === 404 || status === 410) return { key: 'common.notFound' }
  // The database is down or restarting, or the instance is shutting down: worth retrying in a moment.
  if (status === 503) return { key: 'common.unavailable' }
  return { key: 'common.unknownError' }
}

/**
 * Wraps an async task so that callers arriving while it runs share the same promise.
 * Several calls failing with 401 at once must cause one refresh, not one each: the refresh
 * token rotates, so a second concurrent refresh would present an already-used token.
 */
export function singleFlight<T>(task: () => Promise<T>): () => Promise<T> {
  let running: Promise<T> | null = null
  return () => {
    running ??= task().finally(() => {
      running = null
    })
    return running
  }
}

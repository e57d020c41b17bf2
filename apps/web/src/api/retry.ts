import { isProblem, retryAfterSeconds } from './problem'

/**
 * Problem codes of a 503 after which the API did nothing with the request: the transaction lost a
 * race and rolled back (`database_busy`), the database was unreachable (`database_down`), or the
 * instance was shutting down and turned it away before the handler (`shutting_down`; behind a load
 * balancer the next attempt reaches another instance). Sending the same request again is then safe,
 * a POST included.
 */
export const RETRYABLE_PROBLEMS: ReadonlySet<string> = new Set(['system.database_busy', 'system.database_down', 'system.shutting_down'])

export interface RetryOptions {
  /** Tries in all, the first included. */
  attempts?: number
  /** The longest wait between tries, whatever Retry-After says: the user is waiting. */
  maxWaitMs?: number
  sleep?: (ms: number) => Promise<void>
}

const sleepFor = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/** Whether a request's body can be sent twice: none, or JSON (cloned per try). An upload is sent once. */
function canReplay(request: Request): boolean {
  if (request.body === null) return true
  return (request.headers.get('content-type') ?? '').startsWith('application/json')
}

async function problemCode(response: Response): Promise<string | null> {
  if (!(response.headers.get('content-type') ?? '').includes('json')) return null
  try {
    const body: unknown = await response.clone().json()
    return isProblem(body) && body.code ? body.code : null
  } catch {
    return null
  }
}

/**
 * `fetch` that sends a request again, after the server's Retry-After (at most `maxWaitMs`), when the API
 * answered 503 with one of RETRYABLE_PROBLEMS. A juror's autosave that met a conflicting write then
 * lands a second later instead of showing an error; after the last try the 503 goes to the caller.
 */
export function retryingFetch(fetch: (request: Request) => Promise<Response>, { attempts = 3, maxWaitMs = 2000, sleep = sleepFor }: RetryOptions = {}) {
  return async (request: Request): Promise<Response> => {
    if (!canReplay(request)) return fetch(request)
    for (let attempt = 1; ; attempt++) {
      const response = await fetch(request.clone())
      if (response.status !== 503 || attempt >= attempts) return response
      const code = await problemCode(response)
      if (code === null || !RETRYABLE_PROBLEMS.has(code)) return response
      const seconds = retryAfterSeconds(response.headers.get('Retry-After')) ?? 1
      await sleep(Math.min(seconds * 1000, maxWaitMs))
      // The caller gave up meanwhile (left the page): it gets the answer it had.
      if (request.signal?.aborted) return response
    }
  }
}

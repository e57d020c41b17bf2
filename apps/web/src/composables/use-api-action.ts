import { ref, shallowRef, type Ref } from 'vue'
import { messageFromProblem, type UiMessage } from './messages'

interface ApiResult<T> {
  data?: T
  error?: unknown
  response: Response
}

/**
 * A button or form that sends something to the API: `busy` while the call runs (a second click in
 * that time is ignored, so nothing is sent twice) and the message to show when it failed. Several
 * actions on one panel may pass the same `busy`, so that only one of them runs at a time.
 */
export function useApiAction(busy: Ref<boolean> = ref(false)) {
  const error = shallowRef<UiMessage | null>(null)

  /** Runs the task unless an action is under way; the task answers the message to show, or null when it succeeded. */
  async function run(task: () => Promise<UiMessage | null>): Promise<boolean> {
    if (busy.value) return false
    busy.value = true
    error.value = null
    try {
      error.value = await task()
      return error.value === null
    } catch {
      error.value = { key: 'common.networkError' }
      return false
    } finally {
      busy.value = false
    }
  }

  /**
   * Sends one request: a 2xx answer goes to `onSuccess` (awaited, before `busy` ends); any other answer
   * becomes the error, worded by `problemMessage`. A 204 counts as success although it has no data.
   */
  function call<T>(request: () => Promise<ApiResult<T>>, onSuccess?: (data: T) => unknown, problemMessage: (body: unknown) => UiMessage = messageFromProblem) {
    return run(async () => {
      const { data, error: problem, response } = await request()
      if (!response.ok) return problemMessage(problem)
      await onSuccess?.(data as T)
      return null
    })
  }

  return { busy, error, run, call }
}

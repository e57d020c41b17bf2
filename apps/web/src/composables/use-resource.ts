import { ref, shallowRef } from 'vue'
import { loadErrorMessage } from './load-error'
import type { UiMessage } from './messages'

export type ResourceStatus = 'loading' | 'ready' | 'error'

interface FetchResult<T> {
  data?: T
  response: Response
}

/** Data a page loads from the API, with the state the page shows while loading or after a failure. */
export function useResource<T>(load: () => Promise<FetchResult<T>>) {
  const data = shallowRef<T | null>(null)
  const status = ref<ResourceStatus>('loading')
  const error = shallowRef<UiMessage | null>(null)
  const httpStatus = ref<number | null>(null)
  // Filters can change faster than the API answers: only the latest load may set the state, so an
  // older, slower answer never replaces the one the user asked for last.
  let latest = 0

  async function reload(): Promise<void> {
    const mine = ++latest
    status.value = data.value === null ? 'loading' : status.value
    try {
      const result = await load()
      if (mine !== latest) return
      httpStatus.value = result.response.status
      if (result.data === undefined) {
        error.value = loadErrorMessage(result.response.status)
        status.value = 'error'
        return
      }
      data.value = result.data
      error.value = null
      status.value = 'ready'
    } catch {
      if (mine !== latest) return
      httpStatus.value = null
      error.value = loadErrorMessage(null)
      status.value = 'error'
    }
  }

  return { data, status, error, httpStatus, reload }
}

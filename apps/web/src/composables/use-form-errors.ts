import { computed, nextTick, ref, shallowRef } from 'vue'
import { isProblem, sortProblemErrors } from '../api/problem'
import { messageFromApiError, messageFromProblem, type UiMessage } from './messages'

export interface FocusTarget {
  focus(): void
}

export interface SummaryItem {
  field: string | null
  message: UiMessage
}

/**
 * Error state of one form: messages per field (shown beside the field and linked from the summary)
 * and messages about the form as a whole.
 */
export function useFormErrors<F extends string>(fields: readonly F[]) {
  const fieldErrors = shallowRef<Partial<Record<F, UiMessage>>>({})
  const formErrors = shallowRef<UiMessage[]>([])
  const summary = ref<FocusTarget | null>(null)

  const hasErrors = computed(() => formErrors.value.length > 0 || Object.keys(fieldErrors.value).length > 0)

  // Summary in form order, so its links follow the order a keyboard user tabs through the fields.
  const summaryItems = computed<SummaryItem[]>(() => [
    ...formErrors.value.map((message) => ({ field: null, message })),
    ...fields.flatMap((field) => {
      const message = fieldErrors.value[field]
      return message === undefined ? [] : [{ field, message }]
    }),
  ])

  function clear() {
    fieldErrors.value = {}
    formErrors.value = []
  }

  function setFieldErrors(errors: Partial<Record<F, UiMessage>>) {
    fieldErrors.value = errors
    formErrors.value = []
  }

  function setFormError(message: UiMessage) {
    fieldErrors.value = {}
    formErrors.value = [message]
  }

  /** Reads any error body the API returned; falls back to a generic message when it is not a problem document. */
  function applyProblem(body: unknown) {
    if (!isProblem(body)) {
      setFormError({ key: 'common.unknownError' })
      return
    }
    const sorted = sortProblemErrors(body, fields)
    const next: Partial<Record<F, UiMessage>> = {}
    for (const field of fields) {
      const error = sorted.fields[field]
      if (error !== undefined) next[field] = messageFromApiError(error)
    }
    fieldErrors.value = next
    const other = sorted.other.map(messageFromApiError)
    const hasFieldErrors = Object.keys(next).length > 0
    formErrors.value = other.length > 0 || hasFieldErrors ? other : [messageFromProblem(body)]
  }

  /** Moves focus to the summary so a screen reader announces what went wrong right after submitting. */
  async function revealErrors() {
    await nextTick()
    summary.value?.focus()
  }

  return {
    fieldErrors,
    formErrors,
    hasErrors,
    summaryItems,
    summary,
    clear,
    setFieldErrors,
    setFormError,
    applyProblem,
    revealErrors,
  }
}

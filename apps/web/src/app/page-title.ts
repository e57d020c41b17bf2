import { onBeforeUnmount, ref, toValue, watchEffect, type MaybeRefOrGetter } from 'vue'

export const PRODUCT_NAME = 'Opgave'

export function formatDocumentTitle(page: string | null | undefined): string {
  const trimmed = page?.trim()
  return trimmed ? `${trimmed} — ${PRODUCT_NAME}` : PRODUCT_NAME
}

/** Set by a view whose title depends on data (an organisation's name); App.vue prefers it over the route's title. */
export const pageTitleOverride = ref<string | null>(null)

export function usePageTitle(title: MaybeRefOrGetter<string | null | undefined>) {
  watchEffect(() => {
    pageTitleOverride.value = toValue(title) ?? null
  })
  onBeforeUnmount(() => {
    pageTitleOverride.value = null
  })
}

import { onBeforeUnmount, onMounted } from 'vue'
import { useI18n } from 'vue-i18n'
import { onBeforeRouteLeave } from 'vue-router'

/** Whether leaving may go ahead: nothing is unsaved, or the user agrees to drop it. */
export function mayLeave(unsaved: boolean, confirmLeave: () => boolean): boolean {
  return !unsaved || confirmLeave()
}

/**
 * Whether a form's values differ from the values it started from (loaded, saved or empty). Form values are
 * plain data built by the same factory functions, so their JSON is a faithful and order-stable comparison.
 */
export function formChanged(current: unknown, baseline: unknown): boolean {
  return JSON.stringify(current) !== JSON.stringify(baseline)
}

/**
 * Asks before edits that were never saved are dropped. Leaving the page inside the app (a link, the back
 * button) asks with a confirm dialog in the page's language; closing or reloading the tab gets the
 * browser's own dialog (`beforeunload`: browsers show their own text, never the page's).
 * For forms without autosave; the autosaving editors flush their save on leaving instead.
 */
export function useLeaveGuard(hasUnsavedChanges: () => boolean) {
  const { t } = useI18n()
  const onBeforeUnload = (event: BeforeUnloadEvent) => {
    if (!hasUnsavedChanges()) return
    event.preventDefault()
    // Older browsers still need returnValue set to show their dialog.
    event.returnValue = ''
  }
  onMounted(() => window.addEventListener('beforeunload', onBeforeUnload))
  onBeforeUnmount(() => window.removeEventListener('beforeunload', onBeforeUnload))
  onBeforeRouteLeave(() => mayLeave(hasUnsavedChanges(), () => window.confirm(t('common.unsavedChanges'))))
}

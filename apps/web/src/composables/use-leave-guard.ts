import { onBeforeUnmount, onMounted } from 'vue'
import { useI18n } from 'vue-i18n'
import { onBeforeRouteLeave, onBeforeRouteUpdate, type RouteLocationNormalized } from 'vue-router'

/** The target of a navigation as vue-router hands it to the leave guards: one object for all of them. */
interface NavigationTarget {
  redirectedFrom?: object | undefined
}

/** The answer given in each navigation, by the navigation's target (dropped with it). */
const answersByNavigation = new WeakMap<object, boolean>()

/**
 * Whether leaving may go ahead: nothing is unsaved, or the user agrees to drop it. The user is asked once a
 * navigation: vue-router passes the same `to` to every leave guard of one navigation, so a page with several
 * guarded forms asks once, and the answer holds for all of them (declining stops the navigation at the first).
 * A navigation that a global guard redirects starts anew with another `to`, whose `redirectedFrom` is the
 * first one: it keeps the answer given for that.
 */
export function mayLeave(unsaved: boolean, to: NavigationTarget, confirmLeave: () => boolean, answers = answersByNavigation): boolean {
  if (!unsaved) return true
  const navigation = to.redirectedFrom ?? to
  let answer = answers.get(navigation)
  if (answer === undefined) {
    answer = confirmLeave()
    answers.set(navigation, answer)
  }
  return answer
}

/**
 * Whether a form's values differ from the values it started from (loaded, saved or empty). Form values are
 * plain data built by the same factory functions, so their JSON is a faithful and order-stable comparison.
 */
export function formChanged(current: unknown, baseline: unknown): boolean {
  return JSON.stringify(current) !== JSON.stringify(baseline)
}

/**
 * The guarded forms on screen, for leaving that does not start with a navigation: logging out ends the
 * session first, and the page it leaves may not stay (its data is the user's).
 */
export class GuardedForms {
  private readonly checks = new Set<() => boolean>()
  private agreed = false

  /** Adds a form's unsaved-edits check while it is on screen; returns the removal. */
  watch(hasUnsavedChanges: () => boolean): () => void {
    this.checks.add(hasUnsavedChanges)
    return () => this.checks.delete(hasUnsavedChanges)
  }

  /** True while a leave runs that the user already agreed to (or that had nothing to lose). */
  get leaving(): boolean {
    return this.agreed
  }

  /**
   * Runs `leave` if no form on screen holds unsaved edits or the user agrees to drop them (asked once);
   * the leave guards let its navigation through without asking again. Returns whether it left.
   */
  async leaveAskingFirst(leave: () => Promise<void>, confirmLeave: () => boolean): Promise<boolean> {
    if ([...this.checks].some((unsaved) => unsaved()) && !confirmLeave()) return false
    this.agreed = true
    try {
      await leave()
    } finally {
      this.agreed = false
    }
    return true
  }
}

export const guardedForms = new GuardedForms()

/**
 * Asks before edits that were never saved are dropped. Leaving the page inside the app (a link, the back
 * button) asks with a confirm dialog in the page's language, once a navigation however many forms are
 * guarded; closing or reloading the tab gets the browser's own dialog (`beforeunload`: browsers show their
 * own text, never the page's); logging out asks through `guardedForms`.
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
  let unwatch = () => {}
  onMounted(() => {
    window.addEventListener('beforeunload', onBeforeUnload)
    unwatch = guardedForms.watch(hasUnsavedChanges)
  })
  onBeforeUnmount(() => {
    window.removeEventListener('beforeunload', onBeforeUnload)
    unwatch()
  })
  const ask = (to: RouteLocationNormalized) => guardedForms.leaving || mayLeave(hasUnsavedChanges(), to, () => window.confirm(t('common.unsavedChanges')))
  onBeforeRouteLeave(ask)
  // The same screen for another object (another municipality's page, another round): the form shows that
  // object next, so its edits go too. A change of the query only (a filter, a tab) keeps them.
  onBeforeRouteUpdate((to, from) => to.path === from.path || ask(to))
}

/**
 * Guards a form against leaving with edits that were not saved, measured against its baseline: the values it
 * started from, or was last loaded, saved or reset to. Call `settle()` right after loading, saving or
 * resetting the form (before a navigation that follows a save), so that it counts as unchanged again.
 */
export function useFormGuard(values: () => object) {
  const copy = (): unknown => JSON.parse(JSON.stringify(values()))
  let baseline = copy()
  useLeaveGuard(() => formChanged(values(), baseline))
  return {
    settle: () => {
      baseline = copy()
    },
  }
}

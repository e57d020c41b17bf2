import type { Router } from 'vue-router'

/**
 * The messages browsers (and Vite's preload helper) give when a code or message chunk cannot be fetched:
 * Chromium, Firefox, Safari, and Vite's CSS preload.
 */
const CHUNK_FAILURE = /Failed to fetch dynamically imported module|error loading dynamically imported module|Importing a module script failed|Unable to preload CSS/i

/** Whether a navigation failed because a page's chunk could not be fetched, rather than because of the page's code. */
export function isChunkLoadError(error: unknown): boolean {
  return error instanceof Error && CHUNK_FAILURE.test(error.message)
}

interface PageLoad {
  storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>
  assign(url: string): void
}

const MARK = 'opgave:chunk-reload:'

/**
 * When entering a page fails because its chunk is gone — a new release replaced the hashed files under an
 * open tab, or the connection dropped for a moment — the click would otherwise do nothing at all. The page
 * is loaded afresh instead (new HTML, new chunk names), once per address: if that fails too, the browser
 * shows its own error rather than the app reloading in a loop. A successful navigation clears the mark.
 */
export function reloadOnChunkFailure(router: Router, page: PageLoad = { storage: window.sessionStorage, assign: (url) => window.location.assign(url) }): void {
  router.onError((error, to) => {
    if (!isChunkLoadError(error)) return
    const mark = MARK + to.fullPath
    if (page.storage.getItem(mark)) return
    page.storage.setItem(mark, '1')
    page.assign(to.fullPath)
  })
  router.afterEach((to, _from, failure) => {
    if (failure === undefined) page.storage.removeItem(MARK + to.fullPath)
  })
}

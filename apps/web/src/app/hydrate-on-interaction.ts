/**
 * The events that hand a server-rendered page to the app: any sign of a reader about to act. Capture listeners
 * on the window run before the event reaches its target, so a hydration started here has attached the page's
 * own listeners by the time the event (or the click that follows a pointerdown or a key) gets there.
 * `click` too: a screen reader in browse mode activates a button with a click alone.
 */
export const INTERACTION_EVENTS = ['pointerover', 'pointerdown', 'touchstart', 'keydown', 'focusin', 'click'] as const

/**
 * Runs `hydrate` at the reader's first interaction with the page, once. Until then the page is the server's
 * HTML, which reads, links and searches without the app; nothing runs on the main thread while it loads
 * (bench/README round 11: hydrating at load put the whole app's start-up after the first paint).
 */
export function hydrateOnInteraction(target: Pick<Window, 'addEventListener' | 'removeEventListener'>, hydrate: () => void): void {
  const options = { capture: true, passive: true } as const
  const once = () => {
    for (const type of INTERACTION_EVENTS) target.removeEventListener(type, once, options)
    hydrate()
  }
  for (const type of INTERACTION_EVENTS) target.addEventListener(type, once, options)
}

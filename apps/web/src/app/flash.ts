import { shallowRef } from 'vue'
import type { UiMessage } from '../composables/messages'

const pending = shallowRef<UiMessage | null>(null)

/** The message shown on the current page, announced through a polite live region. */
export const flash = shallowRef<UiMessage | null>(null)

/** For messages that outlive a navigation ("You have logged out" on the home page). */
export function flashOnNextPage(message: UiMessage) {
  pending.value = message
}

/** Called after each navigation: the pending message becomes visible, the previous one goes. */
export function advanceFlash() {
  flash.value = pending.value
  pending.value = null
}

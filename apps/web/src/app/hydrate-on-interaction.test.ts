import { describe, expect, it, vi } from 'vitest'
import { INTERACTION_EVENTS, hydrateOnInteraction } from './hydrate-on-interaction'

function fakeWindow() {
  const listeners = new Map<string, Set<() => void>>()
  return {
    addEventListener: (type: string, fn: () => void) => void (listeners.get(type) ?? listeners.set(type, new Set()).get(type)!).add(fn),
    removeEventListener: (type: string, fn: () => void) => void listeners.get(type)?.delete(fn),
    fire: (type: string) => [...(listeners.get(type) ?? [])].forEach((fn) => fn()),
    count: () => [...listeners.values()].reduce((n, set) => n + set.size, 0),
  }
}

describe('hydrateOnInteraction', () => {
  it('hydrates at the first interaction of any kind, once, and then stops listening', () => {
    for (const first of INTERACTION_EVENTS) {
      const win = fakeWindow()
      const hydrate = vi.fn()
      hydrateOnInteraction(win as unknown as Window, hydrate)
      expect(hydrate).not.toHaveBeenCalled()
      win.fire(first)
      for (const type of INTERACTION_EVENTS) win.fire(type)
      expect(hydrate, first).toHaveBeenCalledTimes(1)
      expect(win.count()).toBe(0)
    }
  })

  it('listens to the interactions a keyboard, a pointer, a touch screen and a screen reader make', () => {
    expect(INTERACTION_EVENTS).toEqual(expect.arrayContaining(['keydown', 'focusin', 'pointerdown', 'touchstart', 'click']))
  })
})

import { onBeforeUnmount, ref } from 'vue'

export interface PollOptions {
  intervalMs: number
  tries: number
  /** Waits between tries; tests pass a fake. */
  sleep?: (ms: number) => Promise<void>
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/**
 * Asks `probe` again every `intervalMs` until it answers a value (not undefined), at most `tries` times,
 * or until `stopped()` says to give up. Answers the value, or undefined when none came. A failed probe
 * counts as "not yet": background work is waited for through network hiccups.
 */
export async function pollUntil<T>(probe: () => Promise<T | undefined>, options: PollOptions, stopped: () => boolean = () => false): Promise<T | undefined> {
  const sleep = options.sleep ?? realSleep
  for (let i = 0; i < options.tries && !stopped(); i++) {
    await sleep(options.intervalMs)
    if (stopped()) return undefined
    const value = await probe().catch(() => undefined)
    if (value !== undefined) return value
  }
  return undefined
}

/** For a component waiting on background work: `waiting` while it polls; polling ends when the component goes. */
export function useBackgroundWait(options: PollOptions) {
  const waiting = ref(false)
  let unmounted = false
  onBeforeUnmount(() => (unmounted = true))
  async function wait<T>(probe: () => Promise<T | undefined>): Promise<T | undefined> {
    waiting.value = true
    try {
      return await pollUntil(probe, options, () => unmounted)
    } finally {
      waiting.value = false
    }
  }
  return { waiting, wait }
}

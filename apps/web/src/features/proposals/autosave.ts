/** What one save attempt ended in: go on saving, or stop until the page is reloaded (conflict, deadline). */
export type SaveResult = 'saved' | 'stop'

export interface AutosaverOptions {
  delayMs: number
  save: () => Promise<SaveResult>
  setTimer?: (fn: () => void, ms: number) => unknown
  clearTimer?: (handle: unknown) => void
}

/**
 * Debounced, strictly sequential saving: at most one save in flight; changes made while it runs
 * are saved after it, starting from the version it returned. After a 'stop' nothing is sent again,
 * so a conflict is never overwritten silently.
 */
export function createAutosaver({ delayMs, save, setTimer = (fn, ms) => setTimeout(fn, ms), clearTimer = (h) => clearTimeout(h as ReturnType<typeof setTimeout>) }: AutosaverOptions) {
  let timer: unknown = null
  let inFlight: Promise<void> | null = null
  let again = false
  let stopped = false

  function changed() {
    if (stopped) return
    if (timer !== null) clearTimer(timer)
    timer = setTimer(() => void run(), delayMs)
  }

  async function run(): Promise<void> {
    timer = null
    if (stopped) return
    if (inFlight) {
      again = true
      return inFlight
    }
    inFlight = (async () => {
      const result = await save().catch((): SaveResult => 'stop')
      inFlight = null
      if (result === 'stop') stopped = true
      else if (again) {
        again = false
        changed()
      }
    })()
    return inFlight
  }

  /** Saves now what is waiting (before submitting or leaving), and waits for a save in flight. */
  async function flush(): Promise<void> {
    if (timer !== null) {
      clearTimer(timer)
      await run()
    } else if (inFlight) await inFlight
    if (again && !stopped) {
      again = false
      await run()
    }
  }

  return {
    changed,
    flush,
    stop: () => {
      stopped = true
      if (timer !== null) clearTimer(timer)
      timer = null
    },
    resume: () => {
      stopped = false
    },
    get pending() {
      return timer !== null || inFlight !== null
    },
    get stopped() {
      return stopped
    },
  }
}

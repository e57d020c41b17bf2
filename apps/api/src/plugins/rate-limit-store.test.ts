import { describe, expect, it } from 'vitest'
import { SyncedWindowCounter, windowEnd, type CounterBackend } from './rate-limit-store'

const MINUTE = 60_000

/** Redis as a Map: what several instances share. `fail` makes the next call reject. */
function sharedCounters() {
  const totals = new Map<string, number>()
  const calls: { key: string; by: number; expireAt: number }[][] = []
  let fail = false
  const backend: CounterBackend = {
    async add(entries) {
      calls.push([...entries])
      if (fail) {
        fail = false
        throw new Error('connection lost')
      }
      return entries.map(({ key, by }) => {
        totals.set(key, (totals.get(key) ?? 0) + by)
        return totals.get(key)!
      })
    },
  }
  return { backend, totals, calls, failNext: () => (fail = true) }
}

/** A counter whose clock and sync timer the test moves by hand. */
function instance(backend: CounterBackend, clock: { now: number }) {
  const timers: (() => void)[] = []
  const counter = new SyncedWindowCounter({ backend, namespace: 'rl-', syncMs: 100, now: () => clock.now, schedule: (flush) => void timers.push(flush) })
  return { counter, timers }
}

describe('windowEnd', () => {
  it('aligns windows on the clock, so every instance agrees where one ends', () => {
    expect(windowEnd(0, MINUTE)).toBe(MINUTE)
    expect(windowEnd(MINUTE - 1, MINUTE)).toBe(MINUTE)
    expect(windowEnd(MINUTE, MINUTE)).toBe(2 * MINUTE)
    expect(windowEnd(125_000, MINUTE)).toBe(180_000)
  })
})

describe('SyncedWindowCounter', () => {
  it('counts per key within the window, with the time left, and starts again in the next window', () => {
    const clock = { now: 10 * MINUTE + 15_000 }
    const { counter } = instance(sharedCounters().backend, clock)
    expect(counter.incr('10.0.0.1', MINUTE)).toEqual({ current: 1, ttl: 45_000 })
    expect(counter.incr('10.0.0.1', MINUTE)).toEqual({ current: 2, ttl: 45_000 })
    expect(counter.incr('10.0.0.2', MINUTE)).toEqual({ current: 1, ttl: 45_000 })
    expect(counter.read('10.0.0.1', MINUTE)).toEqual({ current: 2, ttl: 45_000 })
    clock.now += 45_000
    expect(counter.read('10.0.0.1', MINUTE)).toEqual({ current: 0, ttl: 0 })
    expect(counter.incr('10.0.0.1', MINUTE)).toEqual({ current: 1, ttl: MINUTE })
  })

  it('asks for one sync per interval, not one per request', () => {
    const clock = { now: 0 }
    const { counter, timers } = instance(sharedCounters().backend, clock)
    for (let i = 0; i < 50; i++) counter.incr('10.0.0.1', MINUTE)
    expect(timers).toHaveLength(1)
    timers.shift()!()
    counter.incr('10.0.0.1', MINUTE)
    expect(timers).toHaveLength(1)
  })

  it("adds each instance's counts to the shared total, and judges a request on the total plus what it counted since", async () => {
    const clock = { now: 5_000 }
    const shared = sharedCounters()
    const a = instance(shared.backend, clock).counter
    const b = instance(shared.backend, clock).counter
    for (let i = 0; i < 5; i++) a.incr('10.0.0.1', MINUTE)
    for (let i = 0; i < 3; i++) b.incr('10.0.0.1', MINUTE)
    await a.flush()
    await b.flush()
    expect(shared.totals.get(`rl-10.0.0.1:${MINUTE}`)).toBe(8)
    // b read the total when it sent its 3; a has not heard of them until its next sync.
    expect(b.incr('10.0.0.1', MINUTE).current).toBe(9)
    expect(a.incr('10.0.0.1', MINUTE).current).toBe(6)
    // a sends its 6th and reads 9 (b's 9th is still with b), then counts its 7th.
    await a.flush()
    expect(a.incr('10.0.0.1', MINUTE).current).toBe(10)
    // One entry per key per sync, expiring a second after its window ends.
    expect(shared.calls[0]).toEqual([{ key: `rl-10.0.0.1:${MINUTE}`, by: 5, expireAt: MINUTE + 1000 }])
  })

  it('never counts more than were made, and lets through past the limit no more than the instances admit between syncs', async () => {
    const clock = { now: 1_000 }
    const shared = sharedCounters()
    const instances = [instance(shared.backend, clock).counter, instance(shared.backend, clock).counter, instance(shared.backend, clock).counter]
    const max = 100
    const perSync = 7
    let made = 0
    let admitted = 0
    let seed = 42
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31)
    for (let step = 0; step < 600; step++) {
      const counter = instances[Math.floor(random() * instances.length)]!
      const { current } = counter.incr('10.0.0.9', MINUTE)
      made++
      expect(current).toBeLessThanOrEqual(made)
      if (current <= max) admitted++
      // Each instance syncs after at most `perSync` of its own requests.
      if (step % perSync === perSync - 1) await Promise.all(instances.map((c) => c.flush()))
    }
    expect(admitted).toBeGreaterThanOrEqual(max)
    expect(admitted).toBeLessThanOrEqual(max + perSync * instances.length)
  })

  it('keeps the counts when the shared store fails, and sends them with the next sync', async () => {
    const clock = { now: 0 }
    const shared = sharedCounters()
    const { counter } = instance(shared.backend, clock)
    for (let i = 0; i < 4; i++) counter.incr('10.0.0.1', MINUTE)
    shared.failNext()
    await counter.flush()
    expect(counter.incr('10.0.0.1', MINUTE).current).toBe(5)
    await counter.flush()
    expect(shared.totals.get(`rl-10.0.0.1:${MINUTE}`)).toBe(5)
    expect(counter.incr('10.0.0.1', MINUTE).current).toBe(6)
  })

  it('keeps requests counted while a sync is under way for the next one', async () => {
    const clock = { now: 0 }
    let release: (totals: number[]) => void = () => undefined
    const slow: CounterBackend = { add: (entries) => new Promise((resolve) => (release = (totals) => resolve(totals.slice(0, entries.length)))) }
    const { counter } = instance(slow, clock)
    counter.incr('10.0.0.1', MINUTE)
    counter.incr('10.0.0.1', MINUTE)
    const first = counter.flush()
    expect(counter.incr('10.0.0.1', MINUTE).current).toBe(3)
    // Another instance's 10 requests arrive with the answer.
    release([12])
    await first
    expect(counter.incr('10.0.0.1', MINUTE).current).toBe(14)
    const second = counter.flush()
    release([14])
    await second
    expect(counter.read('10.0.0.1', MINUTE).current).toBe(14)
  })

  it('follows the shared store when a key was deleted there (a block lifted): the count starts again at the next sync', async () => {
    const clock = { now: 0 }
    const shared = sharedCounters()
    const { counter } = instance(shared.backend, clock)
    for (let i = 0; i < 30; i++) counter.incr('10.0.0.1', MINUTE)
    await counter.flush()
    shared.totals.clear()
    expect(counter.incr('10.0.0.1', MINUTE).current).toBe(31)
    await counter.flush()
    expect(counter.incr('10.0.0.1', MINUTE).current).toBe(2)
  })

  it('forgets keys whose window ended at the next sync', async () => {
    const clock = { now: 0 }
    const { counter } = instance(sharedCounters().backend, clock)
    counter.incr('10.0.0.1', MINUTE)
    counter.incr('10.0.0.2', MINUTE)
    await counter.flush()
    expect(counter.size).toBe(2)
    clock.now = MINUTE + 1
    counter.incr('10.0.0.3', MINUTE)
    await counter.flush()
    expect(counter.size).toBe(1)
  })
})

import { describe, expect, it } from 'vitest'
import { trackedExecutor } from './queue'

describe('trackedExecutor', () => {
  it('settles only after the statements under way and a quiet spell after the last one', async () => {
    let release!: () => void
    const slow = new Promise<void>((r) => (release = r))
    const { executor, settled } = trackedExecutor({ executeSql: async () => (await slow, { rows: [] }) })
    const statement = executor.executeSql('select 1')
    let done = false
    const waiting = settled(50, 5_000).then(() => (done = true))
    await new Promise((r) => setTimeout(r, 120))
    expect(done).toBe(false) // still running: the shared client must stay open
    release()
    await statement
    const releasedAt = Date.now()
    await waiting
    expect(Date.now() - releasedAt).toBeGreaterThanOrEqual(40) // then a quiet spell for a completion that follows at once
  })

  it('gives up after maxMs so a stuck statement cannot hold shutdown forever', async () => {
    const { executor, settled } = trackedExecutor({ executeSql: () => new Promise(() => undefined) })
    void executor.executeSql('select pg_sleep(1000)')
    const started = Date.now()
    await settled(50, 200)
    expect(Date.now() - started).toBeLessThan(1_000)
  })
})

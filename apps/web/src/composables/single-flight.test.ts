import { describe, expect, it } from 'vitest'
import { singleFlight } from './single-flight'

describe('singleFlight', () => {
  it('shares one run between concurrent callers and runs again afterwards', async () => {
    let runs = 0
    let release: (value: number) => void = () => {}
    const task = singleFlight(() => {
      runs += 1
      return new Promise<number>((resolve) => {
        release = resolve
      })
    })
    const first = task()
    const second = task()
    release(42)
    expect(await Promise.all([first, second])).toEqual([42, 42])
    expect(runs).toBe(1)

    const third = task()
    release(7)
    expect(await third).toBe(7)
    expect(runs).toBe(2)
  })

  it('lets a failed run be retried', async () => {
    let runs = 0
    const task = singleFlight(async () => {
      runs += 1
      if (runs === 1) throw new Error('offline')
      return 'ok'
    })
    await expect(task()).rejects.toThrow('offline')
    expect(await task()).toBe('ok')
  })
})

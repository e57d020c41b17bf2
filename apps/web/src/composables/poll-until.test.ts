import { describe, expect, it } from 'vitest'
import { pollUntil } from './poll-until'

const noSleep = async () => undefined

describe('pollUntil', () => {
  it('asks until a value comes, counting failed probes as not yet', async () => {
    const answers: (number | undefined | Error)[] = [undefined, new Error('network'), 7]
    let asked = 0
    const value = await pollUntil(async () => {
      const next = answers[asked++]
      if (next instanceof Error) throw next
      return next
    }, { intervalMs: 10, tries: 5, sleep: noSleep })
    expect(value).toBe(7)
    expect(asked).toBe(3)
  })

  it('gives up after the given number of tries, or at once when stopped', async () => {
    let asked = 0
    expect(await pollUntil(async () => void asked++, { intervalMs: 10, tries: 4, sleep: noSleep })).toBeUndefined()
    expect(asked).toBe(4)
    expect(await pollUntil(async () => 1, { intervalMs: 10, tries: 4, sleep: noSleep }, () => true)).toBeUndefined()
  })
})

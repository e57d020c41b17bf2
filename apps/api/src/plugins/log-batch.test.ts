import { afterEach, describe, expect, it, vi } from 'vitest'
import { LogLineBatch } from './log-batch'

function target() {
  const chunks: string[] = []
  return { chunks, write: (chunk: string) => chunks.push(chunk), flushSync: vi.fn() }
}

describe('LogLineBatch', () => {
  afterEach(() => vi.useRealTimers())

  it('hands lines over in order, as one chunk, once they reach the size limit', () => {
    const t = target()
    const batch = new LogLineBatch(t, 20, 60_000)
    batch.write('een\n')
    batch.write('twee\n')
    expect(t.chunks).toEqual([])
    batch.write('drie-vier-vijf\n')
    expect(t.chunks).toEqual(['een\ntwee\ndrie-vier-vijf\n'])
    batch.write('zes\n')
    expect(t.chunks).toHaveLength(1)
  })

  it('hands a partial batch over after the delay, so a quiet server still logs promptly', () => {
    vi.useFakeTimers()
    const t = target()
    const batch = new LogLineBatch(t, 16 * 1024, 100)
    batch.write('alleen\n')
    vi.advanceTimersByTime(99)
    expect(t.chunks).toEqual([])
    vi.advanceTimersByTime(1)
    expect(t.chunks).toEqual(['alleen\n'])
    vi.advanceTimersByTime(1_000)
    expect(t.chunks).toHaveLength(1)
  })

  it('flush hands over at once and then flushes the destination', () => {
    const t = target()
    const flushed: string[][] = []
    const batch = new LogLineBatch({ ...t, flush: (done) => (flushed.push([...t.chunks]), done?.()) }, 16 * 1024, 60_000)
    batch.write('a\n')
    batch.write('b\n')
    const done = vi.fn()
    batch.flush(done)
    expect(flushed).toEqual([['a\nb\n']])
    expect(done).toHaveBeenCalledOnce()
    batch.handOver()
    expect(t.chunks).toEqual(['a\nb\n'])
  })
})

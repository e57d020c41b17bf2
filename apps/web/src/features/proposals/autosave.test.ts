import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createAutosaver, type SaveResult } from './autosave'

describe('createAutosaver', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  it('debounces: many changes within the delay give one save', async () => {
    const save = vi.fn(async (): Promise<SaveResult> => 'saved')
    const saver = createAutosaver({ delayMs: 1500, save })
    saver.changed()
    await vi.advanceTimersByTimeAsync(1000)
    saver.changed()
    await vi.advanceTimersByTimeAsync(1000)
    expect(save).not.toHaveBeenCalled()
    await vi.advanceTimersByTimeAsync(600)
    expect(save).toHaveBeenCalledTimes(1)
  })

  it('never runs two saves at once; a change during a save is saved after it', async () => {
    let release: (r: SaveResult) => void = () => undefined
    let running = 0
    let maxRunning = 0
    const save = vi.fn(
      () =>
        new Promise<SaveResult>((resolve) => {
          running += 1
          maxRunning = Math.max(maxRunning, running)
          release = (r) => {
            running -= 1
            resolve(r)
          }
        }),
    )
    const saver = createAutosaver({ delayMs: 100, save })
    saver.changed()
    await vi.advanceTimersByTimeAsync(100)
    saver.changed()
    await vi.advanceTimersByTimeAsync(100)
    expect(save).toHaveBeenCalledTimes(1)
    release('saved')
    await vi.advanceTimersByTimeAsync(100)
    expect(save).toHaveBeenCalledTimes(2)
    release('saved')
    await vi.advanceTimersByTimeAsync(0)
    expect(maxRunning).toBe(1)
  })

  it('stops for good after a conflict: later changes send nothing', async () => {
    const save = vi.fn(async (): Promise<SaveResult> => 'stop')
    const saver = createAutosaver({ delayMs: 100, save })
    saver.changed()
    await vi.advanceTimersByTimeAsync(100)
    expect(saver.stopped).toBe(true)
    saver.changed()
    await vi.advanceTimersByTimeAsync(1000)
    expect(save).toHaveBeenCalledTimes(1)
  })

  it('flush saves a waiting change at once', async () => {
    const save = vi.fn(async (): Promise<SaveResult> => 'saved')
    const saver = createAutosaver({ delayMs: 1500, save })
    saver.changed()
    await saver.flush()
    expect(save).toHaveBeenCalledTimes(1)
    expect(saver.pending).toBe(false)
  })
})
